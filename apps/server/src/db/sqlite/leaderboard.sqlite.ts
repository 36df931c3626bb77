import type { Window } from '@opsquest/core';
import type { Db } from '../database';
import { MultiRowInsert } from './multi-row';
import { type Scope, type Standing, type LeaderboardStore } from '../../services/ports/leaderboard-store';

/**
 * Leaderboard aggregates per (scope, window, period, subject): the truth that the in-memory rank
 * indexes (RankCache) are loaded from and that every committed batch adds to.
 */
export class SqliteLeaderboardStore implements LeaderboardStore {
  private readonly add;
  private readonly addMany;
  private readonly pointsOfStmt;
  private readonly all;
  private readonly board;
  private readonly cohortAll;
  private readonly cohortRole;
  private readonly schedules;
  private readonly firstDay;

  constructor(db: Db) {
    this.addMany = new MultiRowInsert(db, 'INSERT INTO leaderboard (scope, win, period, subject_id, points)', 5, 'ON CONFLICT (scope, win, period, subject_id) DO UPDATE SET points = points + excluded.points');
    this.add = db.prepare(
      `INSERT INTO leaderboard (scope, win, period, subject_id, points) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (scope, win, period, subject_id) DO UPDATE SET points = points + excluded.points`,
    );
    this.pointsOfStmt = db.prepare<[Scope, Window, string, string], { points: number }>(
      'SELECT points FROM leaderboard WHERE scope = ? AND win = ? AND period = ? AND subject_id = ?',
    );
    this.board = db.prepare<[Scope, Window, string], { subject_id: string; points: number }>(
      'SELECT subject_id, points FROM leaderboard WHERE scope = ? AND win = ? AND period = ?',
    );
    this.all = db.prepare<[], { scope: Scope; win: Window; period: string; subject_id: string; points: number }>(
      'SELECT scope, win, period, subject_id, points FROM leaderboard',
    );
    // Whole individual boards in board order (a league, or everyone for per-hour ordering): one
    // range read of the primary key, sorted (rare reads: points per hour and weekly tiers).
    const cohort = `SELECT l.subject_id, l.points, p.role FROM leaderboard l JOIN people p ON p.id = l.subject_id
      WHERE l.scope = 'individual' AND l.win = ? AND l.period = ?`;
    this.cohortAll = db.prepare<[Window, string], { subject_id: string; points: number; role: string }>(`${cohort} ORDER BY l.points DESC, l.subject_id`);
    this.cohortRole = db.prepare<[Window, string, string], { subject_id: string; points: number; role: string }>(
      `${cohort} AND p.role = ? ORDER BY l.points DESC, l.subject_id`,
    );
    this.schedules = db.prepare<[], { id: string; role: string; work_days: string | null; hours_per_day: number }>(
      'SELECT id, role, work_days, hours_per_day FROM people WHERE active = 1',
    );
    this.firstDay = db.prepare<[string], { day: string }>('SELECT day FROM ledger WHERE person_id = ? ORDER BY seq LIMIT 1');
  }

  /** Every individual standing of a period, in board order, optionally of one role only. */
  async individuals(window: Window, period: string, role?: string): Promise<(Standing & { role: string })[]> {
    const rows = role === undefined ? this.cohortAll.all(window, period) : this.cohortRole.all(window, period, role);
    return rows.map((r) => ({ subjectId: r.subject_id, points: r.points, role: r.role }));
  }

  /** Every standing of one board, in no particular order (to build an in-memory rank index). */
  async standings(scope: Scope, window: Window, period: string): Promise<Standing[]> {
    return this.board.all(scope, window, period).map((r) => ({ subjectId: r.subject_id, points: r.points }));
  }

  /** Active people's roles and working schedules (work days, scheduled hours per work day). */
  async schedulesById(): Promise<Map<string, { role: string; workDays: number[] | null; hoursPerDay: number }>> {
    return new Map(
      this.schedules.all().map((r) => [r.id, { role: r.role, workDays: r.work_days ? (JSON.parse(r.work_days) as number[]) : null, hoursPerDay: r.hours_per_day }]),
    );
  }

  /** The local day of a person's first ledger entry (the start of their all-time window). */
  async firstLedgerDay(personId: string): Promise<string | undefined> {
    return this.firstDay.get(personId)?.day;
  }

  /** One subject's points on one board, if it has an aggregate there. */
  async pointsOf(scope: Scope, window: Window, period: string, subjectId: string): Promise<number | undefined> {
    return this.pointsOfStmt.get(scope, window, period, subjectId)?.points;
  }

  /** Many aggregate changes (distinct rows) with multi-row upserts. */
  async addPointsMany(deltas: readonly { scope: Scope; window: Window; period: string; subjectId: string; points: number }[]): Promise<void> {
    this.addMany.run(deltas.map((d) => [d.scope, d.window, d.period, d.subjectId, d.points]));
  }

  async addPoints(scope: Scope, window: Window, period: string, subjectId: string, points: number): Promise<void> {
    this.add.run(scope, window, period, subjectId, points);
  }

  async snapshot(): Promise<{ scope: Scope; window: Window; period: string; subjectId: string; points: number }[]> {
    return this.all.all().map((r) => ({ scope: r.scope, window: r.win, period: r.period, subjectId: r.subject_id, points: r.points }));
  }
}
