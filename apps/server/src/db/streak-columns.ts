import type { StreakState } from '@opsquest/core';

/** A `streaks` row as both adapters read it (LEFT JOINed: every column may be missing). */
export interface StreakColumns {
  current: number | null;
  best: number | null;
  last_active_day: string | null;
  freezes: number | null;
}

/** The stored streak as the core knows it: `lastActiveDay` and `freezes` only when there are some. */
export function streakFromColumns(r: StreakColumns): StreakState {
  return {
    current: r.current ?? 0,
    best: r.best ?? 0,
    ...(r.last_active_day ? { lastActiveDay: r.last_active_day } : {}),
    ...(r.freezes ? { freezes: r.freezes } : {}),
  };
}
