import { describe, expect, it } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import { createOutboxStore, entriesFor, nextEntryFor, OUTBOX_STORAGE_KEY } from '../stores/outbox.store';
import { drainOutbox, offlineSinceFor, optimisticStatus, outcomeForStatus, requestBodyFor, singleFlight, type FieldAction, type OutboxEntry, type SendOutcome } from './outbox';

function memoryStorage(): StateStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (name) => data.get(name) ?? null,
    setItem: (name, value) => void data.set(name, value),
    removeItem: (name) => void data.delete(name),
  };
}

let keySeq = 0;
function queue(store: ReturnType<typeof createOutboxStore>, itemId: number, action: FieldAction, username = 'tech'): OutboxEntry {
  keySeq += 1;
  return store.getState().enqueue({
    idempotencyKey: `key-${keySeq}-abcdef`,
    username,
    itemId,
    itemTitle: `Visit ${itemId}`,
    body: { action, occurredAt: new Date(Date.UTC(2025, 0, 1, 8, keySeq)).toISOString() },
  });
}

/** The drain wired to a store, as the hook wires it. */
function drainStore(store: ReturnType<typeof createOutboxStore>, send: (entry: OutboxEntry) => Promise<SendOutcome<string>>, online = () => true) {
  return drainOutbox<string>({
    next: () => nextEntryFor(store.getState(), 'tech'),
    canSend: online,
    send,
    onDone: (entry) => store.getState().remove(entry.idempotencyKey),
    onFailed: (entry, status, reason) => store.getState().fail(entry, status, reason, '2025-01-01T09:00:00.000Z'),
    onRetryLater: (entry, reason) => store.getState().markRetry(entry.idempotencyKey, reason),
  });
}

describe('outbox store', () => {
  it('keeps entries in the order they were queued and persists them (a reload finds them)', () => {
    const storage = memoryStorage();
    const store = createOutboxStore(() => storage);
    const a = queue(store, 1, 'dispatch');
    const b = queue(store, 1, 'onSite');
    const c = queue(store, 2, 'complete');
    expect(store.getState().entries.map((e) => e.idempotencyKey)).toEqual([a.idempotencyKey, b.idempotencyKey, c.idempotencyKey]);
    expect(storage.data.get(OUTBOX_STORAGE_KEY)).toContain(a.idempotencyKey);

    const reloaded = createOutboxStore(() => storage);
    expect(reloaded.getState().entries).toEqual(store.getState().entries);
    expect(reloaded.getState().syncing).toBe(false);
  });

  it('enqueuing the same key twice keeps one entry', () => {
    const store = createOutboxStore(memoryStorage);
    const input = { idempotencyKey: 'same-key-123', username: 'tech', itemId: 1, itemTitle: 'V', body: { action: 'dispatch' as const, occurredAt: '2025-01-01T08:00:00.000Z' } };
    store.getState().enqueue(input);
    store.getState().enqueue(input);
    expect(store.getState().entries).toHaveLength(1);
  });

  it('only hands out the signed-in user’s entries', () => {
    const store = createOutboxStore(memoryStorage);
    queue(store, 1, 'dispatch', 'someone-else');
    const mine = queue(store, 2, 'dispatch', 'tech');
    expect(nextEntryFor(store.getState(), 'tech')).toEqual(mine);
    expect(entriesFor(store.getState(), 'tech')).toHaveLength(1);
  });
});

describe('drainOutbox', () => {
  it('sends strictly in order, one at a time, and empties the queue', async () => {
    const store = createOutboxStore(memoryStorage);
    const queued = [queue(store, 1, 'dispatch'), queue(store, 1, 'onSite'), queue(store, 1, 'complete')];
    const sent: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const report = await drainStore(store, async (entry) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      sent.push(entry.body.action);
      inFlight -= 1;
      return { kind: 'done', result: 'ok' };
    });
    expect(sent).toEqual(['dispatch', 'onSite', 'complete']);
    expect(maxInFlight).toBe(1);
    expect(report).toEqual({ sent: 3, failed: 0 });
    expect(store.getState().entries).toEqual([]);
    expect(queued).toHaveLength(3);
  });

  it('stops on a network error, keeps that entry and the ones after it, and retries with the same key', async () => {
    const store = createOutboxStore(memoryStorage);
    const first = queue(store, 1, 'dispatch');
    const second = queue(store, 1, 'onSite');
    const third = queue(store, 1, 'complete');
    const keysSeen: string[] = [];
    let networkUp = true;
    const send = async (entry: OutboxEntry): Promise<SendOutcome<string>> => {
      keysSeen.push(entry.idempotencyKey);
      // the link drops just as the second action goes out
      if (entry.body.action === 'onSite' && keysSeen.length === 2) networkUp = false;
      return networkUp ? { kind: 'done', result: 'ok' } : { kind: 'retry', reason: 'Failed to fetch' };
    };
    const report = await drainStore(store, send);
    expect(report).toEqual({ sent: 1, failed: 0, stopped: 'network' });
    expect(keysSeen).toEqual([first.idempotencyKey, second.idempotencyKey]); // the third was not tried
    expect(store.getState().entries.map((e) => e.idempotencyKey)).toEqual([second.idempotencyKey, third.idempotencyKey]);
    expect(store.getState().entries[0]?.attempts).toBe(1);
    expect(store.getState().entries[0]?.lastError).toBe('Failed to fetch');

    networkUp = true;
    await drainStore(store, send);
    expect(keysSeen).toEqual([first.idempotencyKey, second.idempotencyKey, second.idempotencyKey, third.idempotencyKey]);
    expect(store.getState().entries).toEqual([]);
  });

  it('is exactly once from the server’s side: a lost answer is resent with the same key and a duplicate counts as done', async () => {
    const store = createOutboxStore(memoryStorage);
    const entry = queue(store, 7, 'complete');
    const recorded = new Map<string, number>(); // what the server stored, by Idempotency-Key
    let loseAnswer = true;
    const server = async (sent: OutboxEntry): Promise<SendOutcome<string>> => {
      const duplicate = recorded.has(sent.idempotencyKey);
      if (!duplicate) recorded.set(sent.idempotencyKey, sent.itemId);
      if (loseAnswer) {
        loseAnswer = false;
        return { kind: 'retry', reason: 'connection reset' }; // stored, but the phone never heard back
      }
      return { kind: 'done', result: duplicate ? 'duplicate' : 'created' };
    };
    await drainStore(store, server);
    expect(store.getState().entries).toHaveLength(1);
    await drainStore(store, server);
    expect(store.getState().entries).toHaveLength(0);
    expect([...recorded.keys()]).toEqual([entry.idempotencyKey]);
  });

  it('drops a permanently refused entry (409/403/404), records why, and goes on with the next', async () => {
    const store = createOutboxStore(memoryStorage);
    queue(store, 1, 'dispatch');
    const refused = queue(store, 2, 'onSite');
    queue(store, 3, 'complete');
    const sent: number[] = [];
    const report = await drainStore(store, async (entry) => {
      sent.push(entry.itemId);
      return entry.itemId === 2 ? outcomeForStatus(409, 'onSite is not possible from completed') : { kind: 'done', result: 'ok' };
    });
    expect(sent).toEqual([1, 2, 3]);
    expect(report).toEqual({ sent: 2, failed: 1 });
    expect(store.getState().entries).toEqual([]);
    expect(store.getState().failures).toEqual([
      expect.objectContaining({ idempotencyKey: refused.idempotencyKey, status: 409, reason: 'onSite is not possible from completed', action: 'onSite', itemTitle: 'Visit 2' }),
    ]);
    store.getState().dismissFailure(refused.idempotencyKey);
    expect(store.getState().failures).toEqual([]);
  });

  it('does not send while offline', async () => {
    const store = createOutboxStore(memoryStorage);
    queue(store, 1, 'dispatch');
    let calls = 0;
    const report = await drainStore(
      store,
      async () => {
        calls += 1;
        return { kind: 'done', result: 'ok' };
      },
      () => false,
    );
    expect(calls).toBe(0);
    expect(report.stopped).toBe('offline');
    expect(store.getState().entries).toHaveLength(1);
  });

  it('treats a thrown send as a network error', async () => {
    const store = createOutboxStore(memoryStorage);
    queue(store, 1, 'dispatch');
    const report = await drainStore(store, () => Promise.reject(new TypeError('Failed to fetch')));
    expect(report.stopped).toBe('network');
    expect(store.getState().entries[0]?.lastError).toBe('Failed to fetch');
  });

  it('picks up entries queued while it runs', async () => {
    const store = createOutboxStore(memoryStorage);
    queue(store, 1, 'dispatch');
    const sent: FieldAction[] = [];
    await drainStore(store, async (entry) => {
      sent.push(entry.body.action);
      if (sent.length === 1) queue(store, 1, 'onSite');
      return { kind: 'done', result: 'ok' };
    });
    expect(sent).toEqual(['dispatch', 'onSite']);
  });
});

describe('outcomeForStatus', () => {
  it.each([
    [409, 'permanent'],
    [403, 'permanent'],
    [404, 'permanent'],
    [400, 'permanent'],
    [0, 'retry'],
    [401, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ] as const)('%i -> %s', (status, kind) => {
    expect(outcomeForStatus(status, 'why').kind).toBe(kind);
  });
});

describe('occurredAt travels only with the outbox’s offline record', () => {
  it('omits the tap time for an entry that was never offline, so the server uses its receive time', () => {
    const store = createOutboxStore(memoryStorage);
    const entry = queue(store, 1, 'complete');
    expect(requestBodyFor(entry)).toEqual({ action: 'complete' });
  });

  it('sends the tap time and offline.since for an entry queued while offline', () => {
    const store = createOutboxStore(memoryStorage);
    const entry = store.getState().enqueue({
      idempotencyKey: 'offline-queued-1',
      username: 'tech',
      itemId: 3,
      itemTitle: 'Visit 3',
      body: { action: 'onSite', occurredAt: '2025-01-01T08:00:00.000Z' },
      offlineSince: '2025-01-01T08:00:00.000Z',
    });
    expect(requestBodyFor(entry)).toEqual({ action: 'onSite', occurredAt: '2025-01-01T08:00:00.000Z', offline: { since: '2025-01-01T08:00:00.000Z' } });
  });

  it('records offlineSince when the first send fails with a network error (never after the tap), and keeps it', async () => {
    const store = createOutboxStore(memoryStorage);
    const entry = queue(store, 4, 'complete');
    expect(entry.offlineSince).toBeUndefined();
    const bodies: unknown[] = [];
    let fail = true;
    const send = async (sent: OutboxEntry): Promise<SendOutcome<string>> => {
      bodies.push(requestBodyFor(sent));
      if (fail) return { kind: 'retry', reason: 'Failed to fetch' };
      return { kind: 'done', result: 'ok' };
    };
    await drainOutbox<string>({
      next: () => nextEntryFor(store.getState(), 'tech'),
      send,
      onDone: (e) => store.getState().remove(e.idempotencyKey),
      onFailed: () => undefined,
      onRetryLater: (e, reason) => store.getState().markRetry(e.idempotencyKey, reason, '2030-01-01T00:00:00.000Z'),
    });
    const kept = store.getState().entries[0];
    expect(kept?.offlineSince).toBe(entry.body.occurredAt);
    store.getState().markRetry(entry.idempotencyKey, 'again', '2031-01-01T00:00:00.000Z');
    expect(store.getState().entries[0]?.offlineSince).toBe(entry.body.occurredAt);
    fail = false;
    await drainStore(store, send);
    expect(bodies[0]).toEqual({ action: 'complete' });
    expect(bodies.at(-1)).toEqual({ action: 'complete', occurredAt: entry.body.occurredAt, offline: { since: entry.body.occurredAt } });
    expect(offlineSinceFor({ body: { action: 'complete', occurredAt: '2025-01-01T08:00:00.000Z' } }, '2025-01-01T07:00:00.000Z')).toBe('2025-01-01T07:00:00.000Z');
  });
});

describe('optimisticStatus', () => {
  it('shows the state after the last action still waiting', () => {
    const store = createOutboxStore(memoryStorage);
    expect(optimisticStatus('open', [])).toBe('open');
    const pending = [queue(store, 1, 'dispatch'), queue(store, 1, 'onSite')];
    expect(optimisticStatus('open', pending)).toBe('onSite');
    expect(optimisticStatus('dispatched', [queue(store, 1, 'unableToComplete')])).toBe('unableToComplete');
  });

  it('a checklist tick waiting to sync leaves the status alone', () => {
    const store = createOutboxStore(memoryStorage);
    expect(optimisticStatus('dispatched', [queue(store, 1, 'tickChecklist')])).toBe('dispatched');
    expect(optimisticStatus('open', [queue(store, 1, 'onSite'), queue(store, 1, 'tickChecklist')])).toBe('onSite');
  });
});

describe('singleFlight', () => {
  it('never runs two drains at once and runs once more when asked meanwhile', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const drain = singleFlight(async () => {
      running += 1;
      runs += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
    });
    await Promise.all([drain(), drain(), drain()]);
    expect(maxRunning).toBe(1);
    expect(runs).toBe(2);
  });
});
