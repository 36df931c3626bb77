import type { PersonProgress } from '@opsquest/core';

/** Per-person game state: XP and badge counters, streaks, earned badges (three tables). */
export interface ProgressStore {
  find(personId: string): Promise<PersonProgress | undefined>;
  /** A badge taken back with the work that earned it (a re-raised clear, a repeat visit). */
  revokeBadge(personId: string, badgeId: string): Promise<void>;
  /**
   * Saves XP, counters and streak, and inserts earned badges not stored yet. `newBadges`, when the
   * caller knows which badges this step earned (the engine does), limits the badge inserts to those.
   */
  save(p: PersonProgress, eventKey: string, newBadges?: readonly string[]): Promise<void>;
}

