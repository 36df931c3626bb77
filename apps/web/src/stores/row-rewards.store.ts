import { create } from 'zustand';

/** A "+N" floating up from the work item that earned it. */
export interface RowRewardFlash {
  id: string;
  points: number;
  /** waiting for my follow-up (or held for review): not scored yet */
  pending: boolean;
}

interface RowRewardsState {
  /** by work item key */
  flashes: Record<string, RowRewardFlash[]>;
  flash: (itemKey: string, points: number, pending: boolean) => void;
  done: (itemKey: string, id: string) => void;
  clear: () => void;
}

/** At most this many at once on one row. */
const MAX_PER_ROW = 3;
let nextId = 1;

/** Rewards landing on rows: the award (socket or action answer) names its work item, the row shows it briefly. */
export const useRowRewardsStore = create<RowRewardsState>()((set, get) => ({
  flashes: {},
  flash: (itemKey, points, pending) => {
    if (points === 0) return;
    const current = get().flashes[itemKey] ?? [];
    const next = [...current, { id: `row-reward-${nextId++}`, points, pending }].slice(-MAX_PER_ROW);
    set({ flashes: { ...get().flashes, [itemKey]: next } });
  },
  done: (itemKey, id) => {
    const left = (get().flashes[itemKey] ?? []).filter((f) => f.id !== id);
    const { [itemKey]: _gone, ...rest } = get().flashes;
    set({ flashes: left.length > 0 ? { ...rest, [itemKey]: left } : rest });
  },
  clear: () => set({ flashes: {} }),
}));
