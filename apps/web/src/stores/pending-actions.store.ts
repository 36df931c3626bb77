import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** How long an acknowledge or clear waits, undoable, before anything is sent. */
export const UNDO_MS = 5_000;

export type UndoableAction = 'acknowledge' | 'clear';

/** An action the person took that has not been sent yet: undoing it sends nothing at all. */
export interface PendingAction {
  id: string;
  action: UndoableAction;
  /** the alarms it acts on (one, or a bulk batch) */
  itemIds: number[];
  /** what the person sees: an alarm title, or "3 alarms" */
  label: string;
  /** when it will be sent (ms since epoch) */
  dueAt: number;
}

export interface PendingInput {
  action: UndoableAction;
  itemIds: number[];
  label: string;
  /** sends it (the existing mutation), when the undo time has passed */
  send: () => void;
  /** sends it at once with fetch keepalive, when the page goes away while it waits */
  sendOnExit: () => void;
}

export interface PendingActionsState {
  pending: PendingAction[];
  /** waits `delayMs`, then sends; undefined when one of the alarms already has an action waiting */
  schedule: (input: PendingInput) => PendingAction | undefined;
  /** cancels one (the latest without an id): nothing is sent */
  undo: (id?: string) => PendingAction | undefined;
  /** the page is going away: send everything waiting at once (keepalive) */
  flushOnExit: () => void;
}

interface Senders {
  timer: ReturnType<typeof setTimeout>;
  send: () => void;
  sendOnExit: () => void;
}

let nextId = 1;

export function createPendingActionsStore(delayMs = UNDO_MS, now: () => number = Date.now): StoreApi<PendingActionsState> {
  const senders = new Map<string, Senders>();
  return createStore<PendingActionsState>()((set, get) => {
    const take = (id: string): PendingAction | undefined => {
      const entry = get().pending.find((p) => p.id === id);
      const sender = senders.get(id);
      if (sender) clearTimeout(sender.timer);
      senders.delete(id);
      if (entry) set({ pending: get().pending.filter((p) => p.id !== id) });
      return entry;
    };
    return {
      pending: [],
      schedule: ({ action, itemIds, label, send, sendOnExit }) => {
        const busy = new Set(get().pending.flatMap((p) => p.itemIds));
        if (itemIds.length === 0 || itemIds.some((id) => busy.has(id))) return undefined;
        const entry: PendingAction = { id: `pending-${nextId++}`, action, itemIds, label, dueAt: now() + delayMs };
        const timer = setTimeout(() => {
          if (take(entry.id)) send();
        }, delayMs);
        senders.set(entry.id, { timer, send, sendOnExit });
        set({ pending: [...get().pending, entry] });
        return entry;
      },
      undo: (id) => {
        const target = id ?? get().pending.at(-1)?.id;
        return target === undefined ? undefined : take(target);
      },
      flushOnExit: () => {
        for (const entry of [...get().pending]) {
          const sender = senders.get(entry.id);
          if (take(entry.id) && sender) sender.sendOnExit();
        }
      },
    };
  });
}

export const pendingActionsStore = createPendingActionsStore();

// A page hidden for good (tab closed, navigation away) still sends what the person did not undo.
if (typeof window !== 'undefined') window.addEventListener('pagehide', () => pendingActionsStore.getState().flushOnExit());

export function usePendingActions<T>(selector: (state: PendingActionsState) => T): T {
  return useStore(pendingActionsStore, selector);
}

/** The action waiting on one alarm, if any. */
export function pendingFor(state: Pick<PendingActionsState, 'pending'>, itemId: number): PendingAction | undefined {
  return state.pending.find((p) => p.itemIds.includes(itemId));
}
