import type { Window } from '@opsquest/core';
import type { Db } from '../db/database';

export type Scope = 'individual' | 'team';

export interface Standing {
  subjectId: string;
  points: number;
}

/** Leaderboard aggregates per (scope, window, period): top-N and rank are index range reads. */
export class LeaderboardRepository {
  private readonly add;
  private readonly top;
  private readonly pointsOf;
  private readonly above;
  private readonly total;
  private readonly all;
  private readonly justAbove;
  private readonly justBelow;

  constructor(db: Db) {
    this.add = db.prepare(
      `INSERT INTO leaderboard (scope, win, period, subject_id, points) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (scope, win, period, subject_id) DO UPDATE SET points = points + excluded.points`,
    );
    this.top = db.prepare<[Scope, Window, string, number], { subject_id: string; points: number }>(
      'SELECT subject_id, points FROM leaderboard WHERE scope = ? AND win = ? AND period = ? ORDER BY points DESC, subject_id LIMIT ?',
    );
    this.pointsOf = db.prepare<[Scope, Window, string, string], { points: number }>(
      'SELECT points FROM leaderboard WHERE scope = ? AND win = ? AND period = ? AND subject_id = ?',
    );
    this.above = db.prepare<[Scope, Window, string, number], { n: number }>(
      'SELECT count(*) AS n FROM leaderboard WHERE scope = ? AND win = ? AND period = ? AND points > ?',
    );
    this.total = db.prepare<[Scope, Window, string], { n: number }>('SELECT count(*) AS n FROM leaderboard WHERE scope = ? AND win = ? AND period = ?');
    // Neighbours in board order (points DESC, subject_id ASC), read from the rank index.
    this.justAbove = db.prepare<[Scope, Window, string, number, number, string, number], { subject_id: string; points: number }>(
      `SELECT subject_id, points FROM leaderboard WHERE scope = ? AND win = ? AND period = ?
       AND (points > ? OR (points = ? AND subject_id < ?)) ORDER BY points ASC, subject_id DESC LIMIT ?`,
    );
    this.justBelow = db.prepare<[Scope, Window, string, number, number, string, number], { subject_id: string; points: number }>(
      `SELECT subject_id, points FROM leaderboard WHERE scope = ? AND win = ? AND period = ?
       AND (points < ? OR (points = ? AND subject_id > ?)) ORDER BY points DESC, subject_id ASC LIMIT ?`,
    );
    this.all = db.prepare<[], { scope: Scope; win: Window; period: string; subject_id: string; points: number }>(
      'SELECT scope, win, period, subject_id, points FROM leaderboard',
    );
  }

  addPoints(scope: Scope, window: Window, period: string, subjectId: string, points: number): void {
    this.add.run(scope, window, period, subjectId, points);
  }

  topN(scope: Scope, window: Window, period: string, limit: number): Standing[] {
    return this.top.all(scope, window, period, limit).map((r) => ({ subjectId: r.subject_id, points: r.points }));
  }

  /** Standard competition rank ("1224"): one more than the number with strictly more points. */
  rankOf(scope: Scope, window: Window, period: string, subjectId: string): { rank: number; points: number } | undefined {
    const row = this.pointsOf.get(scope, window, period, subjectId);
    if (!row) return undefined;
    const above = this.above.get(scope, window, period, row.points)?.n ?? 0;
    return { rank: above + 1, points: row.points };
  }

  /** Up to `n` standings either side of the subject, in board order, the subject included. */
  around(scope: Scope, window: Window, period: string, subjectId: string, n: number): Standing[] {
    const mine = this.pointsOf.get(scope, window, period, subjectId);
    if (!mine) return [];
    const above = this.justAbove.all(scope, window, period, mine.points, mine.points, subjectId, n).reverse();
    const below = this.justBelow.all(scope, window, period, mine.points, mine.points, subjectId, n);
    return [...above, { subject_id: subjectId, points: mine.points }, ...below].map((r) => ({ subjectId: r.subject_id, points: r.points }));
  }

  countAbove(scope: Scope, window: Window, period: string, points: number): number {
    return this.above.get(scope, window, period, points)?.n ?? 0;
  }

  count(scope: Scope, window: Window, period: string): number {
    return this.total.get(scope, window, period)?.n ?? 0;
  }

  snapshot(): { scope: Scope; window: Window; period: string; subjectId: string; points: number }[] {
    return this.all.all().map((r) => ({ scope: r.scope, window: r.win, period: r.period, subjectId: r.subject_id, points: r.points }));
  }
}
