import { create } from 'zustand';
import { useCelebrationStore } from './celebration.store';
import { useRowRewardsStore } from './row-rewards.store';

export type ToastKind = 'points' | 'pending' | 'penalty' | 'level' | 'badge' | 'error';

export interface Toast {
  id: string;
  kind: ToastKind;
  title: string;
  detail?: string;
}

export interface ToastInput extends Omit<Toast, 'id'> {
  /** the same key is shown once (points arrive both in the action response and on the socket) */
  dedupeKey?: string;
}

interface ToastState {
  /** oldest first; the viewport shows the newest few and counts the rest */
  toasts: Toast[];
  seenKeys: string[];
  show: (input: ToastInput) => void;
  dismiss: (id: string) => void;
  dismissAll: () => void;
  /** when the user changes: nobody sees someone else's rewards */
  clear: () => void;
}

/** Toasts on screen at once; older ones collapse into "+N more". */
export const MAX_VISIBLE_TOASTS = 3;
/** Toasts kept at all (the oldest go first): a burst never grows the list without end. */
const MAX_KEPT = 12;
const MAX_REMEMBERED_KEYS = 300;
let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  seenKeys: [],
  show: ({ dedupeKey, ...toast }) => {
    const { toasts, seenKeys } = get();
    if (dedupeKey !== undefined && seenKeys.includes(dedupeKey)) return;
    const id = `toast-${nextId++}`;
    set({
      toasts: [...toasts, { id, ...toast }].slice(-MAX_KEPT),
      seenKeys: dedupeKey === undefined ? seenKeys : [...seenKeys, dedupeKey].slice(-MAX_REMEMBERED_KEYS),
    });
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  dismissAll: () => set({ toasts: [] }),
  clear: () => {
    set({ toasts: [], seenKeys: [] });
    useCelebrationStore.getState().clear();
    useRowRewardsStore.getState().clear();
  },
}));
