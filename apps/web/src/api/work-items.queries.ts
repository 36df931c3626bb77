import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkActionBody, WorkActionResult } from '@opsquest/contracts';
import { announceError, announceGates, announcePoints } from '../live/announcements';
import { newIdempotencyKey } from '../lib/idempotency-key';
import { useSignedInUser } from '../stores/session.store';
import { pendingActionsStore, type UndoableAction } from '../stores/pending-actions.store';
import { apiRequest, isApiRequestError, queryString, sendOnPageExit } from './http';
import { queryKeys, type WorkItemFilter } from './query-keys';
import { applyWorkItemChanges, type WorkItemsPage } from './work-items.cache';

export const QUEUE_LIMIT = 200;

/** The console's queues, by role: the board and the first-screen prefetch use the same keys. */
export const OPEN_ALARMS: WorkItemFilter = { stream: 'alarm', state: 'open', mine: false, limit: QUEUE_LIMIT };
export const OPEN_ORDERS: WorkItemFilter = { stream: 'order', state: 'open', mine: false, limit: QUEUE_LIMIT };
export const MY_OPEN_VISITS: WorkItemFilter = { stream: 'truckroll', state: 'open', mine: true, limit: QUEUE_LIMIT };

/** GET /api/work-items for one filter (a page of items). */
export function workItemsQuery(filter: WorkItemFilter) {
  return queryOptions({
    queryKey: queryKeys.workItems(filter),
    queryFn: ({ signal }) =>
      apiRequest<WorkItemsPage>(
        `/api/work-items${queryString({ stream: filter.stream, state: filter.state, mine: filter.mine ? 'true' : undefined, limit: filter.limit })}`,
        { signal },
      ),
  });
}

export function useWorkItems(filter: WorkItemFilter) {
  return useQuery({ ...workItemsQuery(filter), select: (page) => page.items });
}

interface ActionVariables {
  itemId: number;
  body: WorkActionBody;
  idempotencyKey: string;
}

const ACTION_FAILED: Partial<Record<number, string>> = {
  403: 'Not allowed',
  409: 'Already changed',
};

/** One action on one work item. The answer's item goes into the caches at once; points are toasted. */
export function useWorkItemAction() {
  const queryClient = useQueryClient();
  const { username } = useSignedInUser();
  const mutation = useMutation({
    mutationFn: ({ itemId, body, idempotencyKey }: ActionVariables) =>
      apiRequest<WorkActionResult>(`/api/work-items/${itemId}/actions`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (result) => {
      applyWorkItemChanges(queryClient, [result.item], username);
      announceGates(result);
      if (result.awarded.length > 0) {
        announcePoints(result.awarded);
        void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.ledgerAll() });
      }
    },
    onError: (error) => {
      if (isApiRequestError(error, 401)) return; // the session gate sends the user to the login page
      const status = isApiRequestError(error) ? error.status : 0;
      announceError(ACTION_FAILED[status] ?? 'Action failed', error.message);
      // Someone else may have moved the item: show the truth.
      if (status === 409) void queryClient.invalidateQueries({ queryKey: queryKeys.workItemsAll() });
    },
  });
  // One action at a time per item; buttons stay focusable (aria-disabled) while it runs.
  const act = (itemId: number, body: WorkActionBody): void => {
    if (!mutation.isPending) mutation.mutate({ itemId, body, idempotencyKey: newIdempotencyKey() });
  };
  /**
   * Acknowledge or clear with an undo: nothing is sent for UNDO_MS; an undo sends nothing at all. The
   * same request (same Idempotency-Key) goes out when the time is up, or at once if the page goes away.
   */
  const actLater = (item: { id: number; title: string }, action: UndoableAction): void => {
    const variables: ActionVariables = { itemId: item.id, body: { action }, idempotencyKey: newIdempotencyKey() };
    pendingActionsStore.getState().schedule({
      action,
      itemIds: [item.id],
      label: item.title,
      send: () => mutation.mutate(variables),
      sendOnExit: () => sendOnPageExit(`/api/work-items/${item.id}/actions`, variables.body, { 'Idempotency-Key': variables.idempotencyKey }),
    });
  };
  return { act, actLater, isPending: mutation.isPending, pendingAction: mutation.isPending ? mutation.variables.body.action : undefined };
}
