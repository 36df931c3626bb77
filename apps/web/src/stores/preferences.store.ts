import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface PreferencesState {
  /** a short chime on a badge, a level-up or a completed mission: off until the person turns it on */
  soundOn: boolean;
  setSoundOn: (on: boolean) => void;
}

/** This device's preferences (localStorage), the same for whoever signs in on it. */
export const usePreferencesStore = create<PreferencesState>()(
  persist(
    (set) => ({
      soundOn: false,
      setSoundOn: (soundOn) => set({ soundOn }),
    }),
    { name: 'opsquest-preferences', partialize: (state) => ({ soundOn: state.soundOn }) },
  ),
);
