import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { offlineSinceFor, type FieldActionBody, type OutboxEntry, type OutboxFailure } from '../lib/outbox';

/** The field outbox, kept in localStorage so a reload or a dead battery does not lose work. */
export interface OutboxState {
  entries: OutboxEntry[];
  /** refused for good, newest last; the user dismisses them */
  failures: OutboxFailure[];
  enqueue: (input: { idempotencyKey: string; username: string; itemId: number; itemTitle: string; body: FieldActionBody; offlineSince?: string }) => OutboxEntry;
  remove: (idempotencyKey: string) => void;
  /** a send ended in a network error; the first one records when the device was offline (`failedAt`) */
  markRetry: (idempotencyKey: string, reason: string, failedAt?: string) => void;
  fail: (entry: OutboxEntry, status: number, reason: string, at: string) => void;
  dismissFailure: (idempotencyKey: string) => void;
  /** a drain is running (not persisted) */
  syncing: boolean;
  setSyncing: (syncing: boolean) => void;
}

export const OUTBOX_STORAGE_KEY = 'opsquest-outbox';
const MAX_FAILURES = 20;

/** The oldest entry of this user: entries are sent strictly in the order they were queued. */
export function nextEntryFor(state: Pick<OutboxState, 'entries'>, username: string): OutboxEntry | undefined {
  return state.entries.find((entry) => entry.username === username);
}

export function entriesFor(state: Pick<OutboxState, 'entries'>, username: string): OutboxEntry[] {
  return state.entries.filter((entry) => entry.username === username);
}

/** A store on any storage (tests pass an in-memory one). */
export function createOutboxStore(storage: () => StateStorage): StoreApi<OutboxState> {
  return createStore<OutboxState>()(
    persist(
      (set, get) => ({
        entries: [],
        failures: [],
        enqueue: ({ idempotencyKey, username, itemId, itemTitle, body, offlineSince }) => {
          const existing = get().entries.find((entry) => entry.idempotencyKey === idempotencyKey);
          if (existing) return existing;
          const entry: OutboxEntry = { idempotencyKey, username, itemId, itemTitle, body, ...(offlineSince === undefined ? {} : { offlineSince }), attempts: 0 };
          set({ entries: [...get().entries, entry] });
          return entry;
        },
        remove: (idempotencyKey) => set({ entries: get().entries.filter((entry) => entry.idempotencyKey !== idempotencyKey) }),
        markRetry: (idempotencyKey, reason, failedAt) =>
          set({
            entries: get().entries.map((entry) =>
              entry.idempotencyKey === idempotencyKey
                ? { ...entry, attempts: entry.attempts + 1, lastError: reason, ...(failedAt === undefined ? {} : { offlineSince: offlineSinceFor(entry, failedAt) }) }
                : entry,
            ),
          }),
        fail: (entry, status, reason, at) =>
          set({
            entries: get().entries.filter((queued) => queued.idempotencyKey !== entry.idempotencyKey),
            failures: [
              ...get().failures,
              { idempotencyKey: entry.idempotencyKey, username: entry.username, itemId: entry.itemId, itemTitle: entry.itemTitle, action: entry.body.action, status, reason, at },
            ].slice(-MAX_FAILURES),
          }),
        dismissFailure: (idempotencyKey) => set({ failures: get().failures.filter((failure) => failure.idempotencyKey !== idempotencyKey) }),
        syncing: false,
        setSyncing: (syncing) => set({ syncing }),
      }),
      {
        name: OUTBOX_STORAGE_KEY,
        version: 1,
        storage: createJSONStorage(storage),
        partialize: (state) => ({ entries: state.entries, failures: state.failures }),
      },
    ),
  );
}

/** localStorage when there is one (not in Node). */
function deviceStorage(): StateStorage {
  if (typeof localStorage !== 'undefined') return localStorage;
  const memory = new Map<string, string>();
  return {
    getItem: (name) => memory.get(name) ?? null,
    setItem: (name, value) => void memory.set(name, value),
    removeItem: (name) => void memory.delete(name),
  };
}

export const outboxStore = createOutboxStore(deviceStorage);

export function useOutboxStore<T>(selector: (state: OutboxState) => T): T {
  return useStore(outboxStore, selector);
}
