import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** Points an action earned that wait for my follow-up on the same item (a clear, an update or a note). */
export interface WaitingPoints {
  itemKey: string;
  points: number;
  /** epoch ms: after this the follow-up no longer pays them */
  until: number;
}

interface PendingPointsState {
  /** whose they are: another person signing in on this device never sees them */
  owner: string | null;
  waiting: WaitingPoints[];
  /** an action's answer said these points wait */
  add: (owner: string, entries: WaitingPoints[]) => void;
  /** points for this item landed (or the item moved on): what waited on it is settled */
  settle: (itemKey: string) => void;
  clear: () => void;
}

const MAX_KEPT = 100;

/**
 * Waiting points, kept on this device until paid, settled or past their time. The server pays them
 * (or not) by its own rules: this only says what the header should show meanwhile.
 */
export const usePendingPointsStore = create<PendingPointsState>()(
  persist(
    (set, get) => ({
      owner: null,
      waiting: [],
      add: (owner, entries) => {
        const kept = get().owner === owner ? get().waiting : [];
        set({ owner, waiting: [...kept, ...entries].slice(-MAX_KEPT) });
      },
      settle: (itemKey) => set({ waiting: get().waiting.filter((w) => w.itemKey !== itemKey) }),
      clear: () => set({ owner: null, waiting: [] }),
    }),
    { name: 'opsquest-pending-points' },
  ),
);

/** The waiting points of `owner` still payable at `now`. */
export function waitingPointsOf(state: Pick<PendingPointsState, 'owner' | 'waiting'>, owner: string, now: number): number {
  if (state.owner !== owner) return 0;
  return state.waiting.filter((w) => w.until > now).reduce((sum, w) => sum + w.points, 0);
}

/** The earliest time one of `owner`'s waiting points runs out (the header looks again then). */
export function nextExpiryOf(state: Pick<PendingPointsState, 'owner' | 'waiting'>, owner: string, now: number): number | undefined {
  if (state.owner !== owner) return undefined;
  const times = state.waiting.map((w) => w.until).filter((t) => t > now);
  return times.length > 0 ? Math.min(...times) : undefined;
}
