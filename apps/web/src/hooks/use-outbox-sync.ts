import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { WorkActionResult, WorkItemView } from '@opsquest/contracts';
import { apiRequest, isApiRequestError } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { applyWorkItemChanges } from '../api/work-items.cache';
import { announceError, announceGates, announcePoints } from '../live/announcements';
import { newIdempotencyKey } from '../lib/idempotency-key';
import { drainOutbox, outcomeForStatus, requestBodyFor, singleFlight, type FieldActionBody, type OutboxEntry, type SendOutcome } from '../lib/outbox';
import { humanize } from '../lib/format';
import { nextEntryFor, outboxStore } from '../stores/outbox.store';
import { useSignedInUser } from '../stores/session.store';
import { useUiStore } from '../stores/ui.store';

/** While actions wait and the browser claims to be online, try again this often (flaky links lie). */
const RETRY_EVERY_MS = 15_000;

interface SyncContext {
  queryClient: QueryClient;
  username: string;
}

let context: SyncContext | undefined;

function browserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine;
}

/** POST one queued action with its own Idempotency-Key (the same on every retry). */
async function sendEntry(entry: OutboxEntry): Promise<SendOutcome<WorkActionResult>> {
  try {
    const result = await apiRequest<WorkActionResult>(`/api/work-items/${entry.itemId}/actions`, {
      method: 'POST',
      body: requestBodyFor(entry),
      headers: { 'Idempotency-Key': entry.idempotencyKey },
    });
    return { kind: 'done', result };
  } catch (error) {
    if (isApiRequestError(error)) return outcomeForStatus(error.status, error.message);
    return { kind: 'retry', reason: error instanceof Error ? error.message : 'Network error' };
  }
}

async function runDrain(): Promise<void> {
  const current = context;
  if (current === undefined) return;
  const { queryClient, username } = current;
  const store = outboxStore.getState();
  store.setSyncing(true);
  try {
    await drainOutbox<WorkActionResult>({
      next: () => nextEntryFor(outboxStore.getState(), username),
      canSend: browserOnline,
      send: sendEntry,
      onDone: (entry, result) => {
        // The server's item first, then drop the entry: the card never flickers back.
        applyWorkItemChanges(queryClient, [result.item], username);
        outboxStore.getState().remove(entry.idempotencyKey);
        announceGates(result);
        if (result.awarded.length > 0) {
          announcePoints(result.awarded);
          void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
          void queryClient.invalidateQueries({ queryKey: queryKeys.ledgerAll() });
        }
      },
      onFailed: (entry, status, reason) => {
        outboxStore.getState().fail(entry, status, reason, new Date().toISOString());
        announceError(`Not synced: ${humanize(entry.body.action)}`, `${entry.itemTitle}: ${reason}`);
        // Someone else moved the item: show the truth.
        void queryClient.invalidateQueries({ queryKey: queryKeys.workItemsAll() });
      },
      // A network error: the device is offline for this entry (its first failure records since when).
      onRetryLater: (entry, reason) => outboxStore.getState().markRetry(entry.idempotencyKey, reason, new Date().toISOString()),
    });
  } finally {
    outboxStore.getState().setSyncing(false);
  }
}

/** Sends what is queued, in order; one drain at a time. */
export const syncOutboxNow = singleFlight(runDrain);

/** Keeps a truck-roll action on the device first, then tries to send it. */
export function queueFieldAction(username: string, visit: Pick<WorkItemView, 'id' | 'title'>, body: Omit<FieldActionBody, 'occurredAt'>): void {
  const occurredAt = new Date().toISOString();
  outboxStore.getState().enqueue({
    idempotencyKey: newIdempotencyKey(),
    username,
    itemId: visit.id,
    itemTitle: visit.title,
    body: { ...body, occurredAt },
    // Tapped while offline: the outbox records that the device was offline at the tap.
    ...(browserOnline() ? {} : { offlineSince: occurredAt }),
  });
  void syncOutboxNow();
}

function subscribeOnline(notify: () => void): () => void {
  window.addEventListener('online', notify);
  window.addEventListener('offline', notify);
  return () => {
    window.removeEventListener('online', notify);
    window.removeEventListener('offline', notify);
  };
}

/** navigator.onLine, live. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, browserOnline, () => true);
}

/**
 * Drains the outbox at start-up, when the browser comes back online, when the live socket
 * reconnects, and every few seconds while something waits.
 */
export function useOutboxSync(): void {
  const queryClient = useQueryClient();
  const { username } = useSignedInUser();

  useEffect(() => {
    context = { queryClient, username };
    const drain = (): void => void syncOutboxNow();
    drain();
    window.addEventListener('online', drain);
    const unsubscribeLive = useUiStore.subscribe((state, previous) => {
      if (state.liveStatus === 'live' && previous.liveStatus !== 'live') drain();
    });
    const timer = setInterval(() => {
      if (nextEntryFor(outboxStore.getState(), username) !== undefined && browserOnline()) drain();
    }, RETRY_EVERY_MS);
    return () => {
      window.removeEventListener('online', drain);
      unsubscribeLive();
      clearInterval(timer);
      if (context?.username === username) context = undefined;
    };
  }, [queryClient, username]);
}
