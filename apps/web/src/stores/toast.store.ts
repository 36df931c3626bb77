import { create } from 'zustand';

export type ToastKind = 'points' | 'penalty' | 'level' | 'badge' | 'error';

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
  toasts: Toast[];
  seenKeys: string[];
  show: (input: ToastInput) => void;
  dismiss: (id: string) => void;
  /** when the user changes: nobody sees someone else's rewards */
  clear: () => void;
}

const MAX_VISIBLE = 5;
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
      toasts: [...toasts, { id, ...toast }].slice(-MAX_VISIBLE),
      seenKeys: dedupeKey === undefined ? seenKeys : [...seenKeys, dedupeKey].slice(-MAX_REMEMBERED_KEYS),
    });
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  clear: () => set({ toasts: [], seenKeys: [] }),
}));
