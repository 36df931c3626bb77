import { copyToExtend } from './compact';
import { EMPTY_STREAK, type StreakState } from './streaks';

/** A person's game state, derived from the ledger and events. */
export interface PersonProgress {
  personId: string;
  /** net points ever: the XP behind the level */
  xp: number;
  streak: StreakState;
  /** badge counters by badge id (perDay badges also keep `${id}@day`) */
  counters: Record<string, number>;
  /** earned badges: id -> epoch ms earned */
  badges: Record<string, number>;
}

export function emptyProgress(personId: string): PersonProgress {
  return { personId, xp: 0, streak: { ...EMPTY_STREAK }, counters: {}, badges: {} };
}

/**
 * A copy whose streak, counters and badges may be changed without touching the stored one. Counters and
 * badges gain keys as the person plays, hence copyToExtend rather than a spread for them.
 */
export function cloneProgress(p: PersonProgress): PersonProgress {
  return { ...p, streak: { ...p.streak }, counters: copyToExtend(p.counters), badges: copyToExtend(p.badges) };
}
