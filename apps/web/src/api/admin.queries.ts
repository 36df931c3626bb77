import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActorMappingView, ApiKeyScope, ApiKeyView, CreatedApiKey, CreatedWebhook, DeliveryView, UnknownActorView, WebhookView } from '@opsquest/contracts';
import { apiRequest, apiRequestNoContent, isApiRequestError } from './http';

/** Query keys of the admin page (kept here, next to their queries). */
export const adminKeys = {
  apiKeys: () => ['admin', 'api-keys'] as const,
  webhooks: () => ['admin', 'webhooks'] as const,
  unknownActors: () => ['admin', 'unknown-actors'] as const,
  deliveries: (webhookId: string) => ['admin', 'webhooks', webhookId, 'deliveries'] as const,
};

export interface CreateApiKeyInput {
  name: string;
  scopes: ApiKeyScope[];
}

export interface CreateWebhookInput {
  name: string;
  url: string;
  events: string[];
  secret?: string;
}

/** Field messages of a 400 answer by top-level body field: "body.scopes.0" -> "scopes". */
export function fieldErrorsOf(error: Error | null): Record<string, string> {
  if (!isApiRequestError(error, 400)) return {};
  const result: Record<string, string> = {};
  for (const field of error.body.fields ?? []) {
    const parts = field.path.split('.');
    const name = parts[0] === 'body' ? parts[1] : parts[0];
    if (name !== undefined && result[name] === undefined) result[name] = field.message;
  }
  return result;
}

export function useApiKeys() {
  return useQuery({
    queryKey: adminKeys.apiKeys(),
    queryFn: ({ signal }) => apiRequest<{ keys: ApiKeyView[] }>('/api/admin/api-keys', { signal }),
    select: (data) => data.keys,
    staleTime: 0,
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) => apiRequest<CreatedApiKey>('/api/admin/api-keys', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.apiKeys() }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<ApiKeyView>(`/api/admin/api-keys/${encodeURIComponent(id)}/revoke`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.apiKeys() }),
  });
}

/** Names events gave as their actor that are nobody here: their work paid nobody. */
export function useUnknownActors() {
  return useQuery({
    queryKey: adminKeys.unknownActors(),
    queryFn: ({ signal }) => apiRequest<{ actors: UnknownActorView[] }>('/api/admin/unknown-actors', { signal }),
    select: (data) => data.actors,
  });
}

/** POST /api/admin/unknown-actors/map: the name becomes the person, earlier work is back-paid; the list refreshes. */
export function useMapActor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { actor: string; personId: string }) => apiRequest<ActorMappingView>('/api/admin/unknown-actors/map', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.unknownActors() }),
  });
}

export function useWebhooks() {
  return useQuery({
    queryKey: adminKeys.webhooks(),
    queryFn: ({ signal }) => apiRequest<{ webhooks: WebhookView[] }>('/api/admin/webhooks', { signal }),
    select: (data) => data.webhooks,
    staleTime: 0,
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateWebhookInput) => apiRequest<CreatedWebhook>('/api/admin/webhooks', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.webhooks() }),
  });
}

export function useRemoveWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequestNoContent(`/api/admin/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.webhooks() }),
  });
}

/** GET /api/admin/webhooks/:id/deliveries, fetched while the log is open; refreshed on demand. */
export function useDeliveries(webhookId: string, enabled: boolean) {
  return useQuery({
    queryKey: adminKeys.deliveries(webhookId),
    queryFn: ({ signal }) => apiRequest<{ deliveries: DeliveryView[] }>(`/api/admin/webhooks/${encodeURIComponent(webhookId)}/deliveries`, { signal }),
    select: (data) => data.deliveries,
    staleTime: 0,
    enabled,
  });
}
