import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKeySettingsBody, ApiKeyView } from '@opsquest/contracts';
import { adminKeys } from './admin.queries';
import { apiRequest } from './http';

interface SaveSettingsInput {
  id: string;
  body: ApiKeySettingsBody;
}

/** PUT /api/admin/api-keys/:id/settings: the key as saved goes into the key list at once. */
export function useSaveApiKeySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: SaveSettingsInput) => apiRequest<ApiKeyView>(`/api/admin/api-keys/${encodeURIComponent(id)}/settings`, { method: 'PUT', body }),
    onSuccess: (saved) => {
      queryClient.setQueryData<{ keys: ApiKeyView[] }>(adminKeys.apiKeys(), (data) => (data ? { keys: data.keys.map((k) => (k.id === saved.id ? saved : k)) } : data));
    },
  });
}
