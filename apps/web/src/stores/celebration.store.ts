import { create } from 'zustand';

export type CelebrationKind = 'badge' | 'level' | 'mission';

export interface Celebration {
  id: string;
  kind: CelebrationKind;
  title: string;
  detail?: string;
}

export interface CelebrationInput extends Omit<Celebration, 'id'> {
  /** the same key is celebrated once (a badge reaches us on the socket and again after a reconnect) */
  key: string;
}

interface CelebrationState {
  /** the celebration on screen first, then the ones waiting their turn */
  queue: Celebration[];
  seenKeys: string[];
  celebrate: (input: CelebrationInput) => void;
  /** the one on screen is done */
  next: () => void;
  clear: () => void;
}

/** Waiting celebrations beyond this are dropped (a burst of badges should not take a minute to play). */
const MAX_QUEUED = 3;
const MAX_REMEMBERED_KEYS = 200;
let nextId = 1;

/** Badge earned, level-up, mission complete: one short celebration at a time. */
export const useCelebrationStore = create<CelebrationState>()((set, get) => ({
  queue: [],
  seenKeys: [],
  celebrate: ({ key, ...celebration }) => {
    const { queue, seenKeys } = get();
    if (seenKeys.includes(key)) return;
    set({
      queue: queue.length >= MAX_QUEUED ? queue : [...queue, { id: `celebration-${nextId++}`, ...celebration }],
      seenKeys: [...seenKeys, key].slice(-MAX_REMEMBERED_KEYS),
    });
  },
  next: () => set({ queue: get().queue.slice(1) }),
  clear: () => set({ queue: [], seenKeys: [] }),
}));
