import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CreateMaintenanceBody, MaintenanceWindowView } from '@opsquest/contracts';
import { apiRequest } from './http';
import { missionKeys } from './missions.queries';

interface MaintenancePage {
  windows: MaintenanceWindowView[];
}

/** Query keys of planned work (kept here, beside their queries). */
export const maintenanceKeys = {
  all: () => ['maintenance'] as const,
  list: (state: 'current' | 'recent') => ['maintenance', state] as const,
};

/** GET /api/maintenance-windows: active and upcoming planned work (state=recent adds ended and cancelled ones). Kept fresh by 'maintenance:changed'. */
export function useMaintenanceWindows(state: 'current' | 'recent' = 'current') {
  return useQuery({
    queryKey: maintenanceKeys.list(state),
    queryFn: ({ signal }) => apiRequest<MaintenancePage>(`/api/maintenance-windows?state=${state}`, { signal }),
    select: (page) => page.windows,
  });
}

/**
 * 'maintenance:changed' carries every current window: it replaces the current list (or restarts a
 * read that is on its way, whose answer could be older), and the recent list reads again.
 */
export function replaceMaintenanceWindows(queryClient: QueryClient, windows: MaintenanceWindowView[]): void {
  const key = maintenanceKeys.list('current');
  if (queryClient.getQueryState(key)?.fetchStatus === 'fetching') void queryClient.invalidateQueries({ queryKey: key });
  else queryClient.setQueryData<MaintenancePage>(key, { windows });
  void queryClient.invalidateQueries({ queryKey: maintenanceKeys.list('recent') });
}

export function useDeclareMaintenance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMaintenanceBody) => apiRequest<MaintenanceWindowView>('/api/maintenance-windows', { method: 'POST', body }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: maintenanceKeys.all() });
      // planned work made a mission: the missions page lists it
      if (created.missionId !== undefined) void queryClient.invalidateQueries({ queryKey: missionKeys.list() });
    },
  });
}

export function useCancelMaintenance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<MaintenanceWindowView>(`/api/maintenance-windows/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: {} }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: maintenanceKeys.all() });
      // a mission made of the planned work ends with it
      void queryClient.invalidateQueries({ queryKey: missionKeys.list() });
    },
  });
}
