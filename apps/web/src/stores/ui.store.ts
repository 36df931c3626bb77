import { create } from 'zustand';
import { persist } from 'zustand/middleware';

type Theme = 'dark' | 'light';
export type LiveStatus = 'connecting' | 'live' | 'offline';

interface UiState {
  /** dark by default: NOC rooms are dark */
  theme: Theme;
  liveStatus: LiveStatus;
  toggleTheme: () => void;
  setLiveStatus: (status: LiveStatus) => void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      theme: 'dark',
      liveStatus: 'connecting',
      toggleTheme: () => set((state) => ({ theme: state.theme === 'dark' ? 'light' : 'dark' })),
      setLiveStatus: (liveStatus) => set({ liveStatus }),
    }),
    { name: 'opsquest-ui', partialize: (state) => ({ theme: state.theme }) },
  ),
);
