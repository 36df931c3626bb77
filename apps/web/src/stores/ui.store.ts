import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { initialLiveState, nextLiveState, type LiveState, type SocketStatus } from '../live/live-status';

export type { LiveStatus, SocketStatus } from '../live/live-status';

type Theme = 'dark' | 'light';

interface UiState extends LiveState {
  /** dark by default: NOC rooms are dark */
  theme: Theme;
  toggleTheme: () => void;
  /** what the socket is doing; `attempt` is socket.io's reconnection attempt while reconnecting */
  setLiveStatus: (status: SocketStatus, attempt?: number) => void;
  /** the browser's online/offline events */
  setBrowserOnline: (online: boolean) => void;
}

const browserOnlineNow = (): boolean => (typeof navigator === 'undefined' ? true : navigator.onLine);

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      theme: 'dark',
      ...initialLiveState(browserOnlineNow(), Date.now()),
      toggleTheme: () => set((state) => ({ theme: state.theme === 'dark' ? 'light' : 'dark' })),
      setLiveStatus: (socketStatus, attempt) =>
        set((state) => nextLiveState(state, { socketStatus, ...(attempt === undefined ? {} : { reconnectAttempt: attempt }) }, Date.now())),
      setBrowserOnline: (browserOnline) => set((state) => nextLiveState(state, { browserOnline }, Date.now())),
    }),
    { name: 'opsquest-ui', partialize: (state) => ({ theme: state.theme }) },
  ),
);

// The browser's own word on the network, for as long as the app runs: the socket may take a minute
// to notice a dead link, the indicator must not say "Live" meanwhile.
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => useUiStore.getState().setBrowserOnline(true));
  window.addEventListener('offline', () => useUiStore.getState().setBrowserOnline(false));
}
