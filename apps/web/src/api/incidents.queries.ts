import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IncidentRegroupBody, IncidentRegroupResult, WorkItemTimeline } from '@opsquest/contracts';
import { useSignedInUser } from '../stores/session.store';
import { alarmKeys } from './alarms.queries';
import { apiRequest, isApiRequestError } from './http';
import { queryKeys } from './query-keys';
import { applyWorkItemChanges } from './work-items.cache';

export interface IncidentRegroupVariables {
  /** the alarm whose page the lead is on */
  itemId: number;
  body: IncidentRegroupBody;
}

/** A message as one sentence: a full stop unless it ends with one already. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** What went wrong with a regroup, in words for the panel (the server's 409 messages are already plain). */
export function regroupErrorText(error: unknown): string {
  if (!isApiRequestError(error)) return 'The change could not be made. Try again.';
  switch (error.status) {
    case 0:
    case 401:
      return sentence(error.message);
    case 400: {
      const into = error.body.fields?.find((f) => f.path === 'body.into');
      return into ? sentence(`Choose another open alarm to merge into: ${into.message}`) : sentence(`The change was refused: ${error.message}`);
    }
    case 403:
      return 'Only leads and admins can regroup incidents.';
    case 404:
      return 'This alarm no longer exists.';
    case 409:
      return sentence(error.message);
    default:
      return `${sentence(error.message)} Try again.`;
  }
}

/**
 * POST /api/work-items/:id/incident (leads and admins): make an alarm its incident's root cause,
 * split it out, or merge it into another incident. The moved alarms go into the board's caches and
 * the alarm pages at once; every other browser gets them through the socket.
 */
export function useIncidentRegroup() {
  const queryClient = useQueryClient();
  const { username } = useSignedInUser();
  return useMutation({
    mutationFn: ({ itemId, body }: IncidentRegroupVariables) => apiRequest<IncidentRegroupResult>(`/api/work-items/${itemId}/incident`, { method: 'POST', body }),
    onSuccess: ({ items }) => {
      applyWorkItemChanges(queryClient, items, username);
      for (const item of items) {
        const key = alarmKeys.timeline(item.id);
        queryClient.setQueryData<WorkItemTimeline>(key, (current) =>
          current && Date.parse(current.item.updatedAt) <= Date.parse(item.updatedAt) ? { ...current, item } : current,
        );
        // the regroup may have stopped or restarted clocks: the timeline says so
        void queryClient.invalidateQueries({ queryKey: key });
      }
    },
    onError: (error, { itemId }) => {
      // Someone else regrouped or cleared first: show the truth, on the board and on this page.
      if (isApiRequestError(error, 409) || isApiRequestError(error, 400)) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.workItemsAll() });
        void queryClient.invalidateQueries({ queryKey: alarmKeys.timeline(itemId) });
      }
    },
  });
}
