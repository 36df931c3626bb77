import type { Window } from '@opsquest/core';

export type Scope = 'individual' | 'team';

export interface Standing {
  subjectId: string;
  points: number;
}

/**
 * Leaderboard aggregates per (scope, window, period, subject): the truth that the in-memory rank
 * indexes (RankCache) are loaded from and that every committed batch adds to.
 */
export interface LeaderboardStore {
  /** Every individual standing of a period, in board order, optionally of one role only. */
  individuals(window: Window, period: string, role?: string): Promise<(Standing & {
  role: string;
  })[]>;
  /** Every standing of one board, in no particular order (to build an in-memory rank index). */
  standings(scope: Scope, window: Window, period: string): Promise<Standing[]>;
  /** Active people's roles and working schedules (work days, scheduled hours per work day). */
  schedulesById(): Promise<Map<string, {
  role: string;
  workDays: number[] | null;
  hoursPerDay: number;
  }>>;
  /** The local day of a person's first ledger entry (the start of their all-time window). */
  firstLedgerDay(personId: string): Promise<string | undefined>;
  /** One subject's points on one board, if it has an aggregate there. */
  pointsOf(scope: Scope, window: Window, period: string, subjectId: string): Promise<number | undefined>;
  /** Many aggregate changes (distinct rows) with multi-row upserts. */
  addPointsMany(deltas: readonly {
  scope: Scope;
  window: Window;
  period: string;
  subjectId: string;
  points: number;
  }[]): Promise<void>;
  addPoints(scope: Scope, window: Window, period: string, subjectId: string, points: number): Promise<void>;
  snapshot(): Promise<{
  scope: Scope;
  window: Window;
  period: string;
  subjectId: string;
  points: number;
  }[]>;
}

