import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BulkActionBody, BulkActionResult, WorkItemTimeline } from '@opsquest/contracts';
import { announceError, announcePoints } from '../live/announcements';
import { useSignedInUser } from '../stores/session.store';
import { apiRequest, isApiRequestError } from './http';
import { queryKeys } from './query-keys';
import { applyWorkItemChanges } from './work-items.cache';

/** Query keys of the alarm board and the alarm page (kept here, beside their queries). */
export const alarmKeys = {
  timelineAll: () => ['alarm-timeline'] as const,
  timeline: (id: number) => ['alarm-timeline', id] as const,
};

/** GET /api/work-items/:id/timeline: the item with every event, who did it and the points it earned. */
export function useAlarmTimeline(id: number) {
  return useQuery({
    queryKey: alarmKeys.timeline(id),
    queryFn: ({ signal }) => apiRequest<WorkItemTimeline>(`/api/work-items/${id}/timeline`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** POST /api/work-items/bulk-actions: each id succeeds or fails on its own; successes go into the caches at once. */
export function useBulkAction() {
  const queryClient = useQueryClient();
  const { username } = useSignedInUser();
  return useMutation({
    mutationFn: (body: BulkActionBody) => apiRequest<BulkActionResult>('/api/work-items/bulk-actions', { method: 'POST', body }),
    onSuccess: ({ results }) => {
      const items = results.flatMap((r) => (r.item ? [r.item] : []));
      applyWorkItemChanges(queryClient, items, username);
      const awarded = results.flatMap((r) => r.awarded ?? []);
      if (awarded.length > 0) {
        announcePoints(awarded);
        void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.ledgerAll() });
      }
      if (results.some((r) => r.status === 409)) void queryClient.invalidateQueries({ queryKey: queryKeys.workItemsAll() });
    },
    onError: (error) => {
      if (isApiRequestError(error, 401)) return;
      announceError('Bulk action failed', error.message);
    },
  });
}
