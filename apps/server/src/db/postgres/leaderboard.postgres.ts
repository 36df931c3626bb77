import type { Window } from '@opsquest/core';
import { type Scope, type Standing, type LeaderboardStore } from '../../services/ports/leaderboard-store';
import type { PgExecutor } from './executor.postgres';
import { int8Array, textArray } from './binary-arrays';

const UPSERT_TAIL = 'ON CONFLICT (scope, win, period, subject_id) DO UPDATE SET points = leaderboard.points + EXCLUDED.points';

type Delta = { scope: Scope; window: Window; period: string; subjectId: string; points: number };

/**
 * PostgreSQL's LeaderboardStore: aggregates per (scope, window, period, subject), the twin of
 * SqliteLeaderboardStore. Board order breaks point ties by subject id byte-wise (COLLATE "C"),
 * as SQLite's BINARY collation does.
 */
export class PgLeaderboardStore implements LeaderboardStore {
  constructor(private readonly pg: PgExecutor) {}

  /** Every individual standing of a period, in board order, optionally of one role only. */
  async individuals(window: Window, period: string, role?: string): Promise<(Standing & { role: string })[]> {
    const cohort = `SELECT l.subject_id, l.points, p.role FROM leaderboard l JOIN people p ON p.id = l.subject_id
      WHERE l.scope = 'individual' AND l.win = $1 AND l.period = $2`;
    const order = 'ORDER BY l.points DESC, l.subject_id COLLATE "C"';
    const rows =
      role === undefined
        ? await this.pg.rows<{ subject_id: string; points: number; role: string }>(`${cohort} ${order}`, [window, period])
        : await this.pg.rows<{ subject_id: string; points: number; role: string }>(`${cohort} AND p.role = $3 ${order}`, [window, period, role]);
    return rows.map((r) => ({ subjectId: r.subject_id, points: r.points, role: r.role }));
  }

  /** Every standing of one board, in no particular order (to build an in-memory rank index). */
  async standings(scope: Scope, window: Window, period: string): Promise<Standing[]> {
    const rows = await this.pg.rows<{ subject_id: string; points: number }>('SELECT subject_id, points FROM leaderboard WHERE scope = $1 AND win = $2 AND period = $3', [
      scope,
      window,
      period,
    ]);
    return rows.map((r) => ({ subjectId: r.subject_id, points: r.points }));
  }

  /** Active people's roles and working schedules (work days, scheduled hours per work day). */
  async schedulesById(): Promise<Map<string, { role: string; workDays: number[] | null; hoursPerDay: number }>> {
    const rows = await this.pg.rows<{ id: string; role: string; work_days: string | null; hours_per_day: number }>(
      'SELECT id, role, work_days, hours_per_day FROM people WHERE active = 1',
    );
    return new Map(rows.map((r) => [r.id, { role: r.role, workDays: r.work_days ? (JSON.parse(r.work_days) as number[]) : null, hoursPerDay: r.hours_per_day }]));
  }

  /** The local day of a person's first ledger entry (the start of their all-time window). */
  async firstLedgerDay(personId: string): Promise<string | undefined> {
    return (await this.pg.one<{ day: string }>('SELECT day FROM ledger WHERE person_id = $1 ORDER BY seq LIMIT 1', [personId]))?.day;
  }

  /** One subject's points on one board, if it has an aggregate there. */
  async pointsOf(scope: Scope, window: Window, period: string, subjectId: string): Promise<number | undefined> {
    const row = await this.pg.one<{ points: number }>('SELECT points FROM leaderboard WHERE scope = $1 AND win = $2 AND period = $3 AND subject_id = $4', [
      scope,
      window,
      period,
      subjectId,
    ]);
    return row?.points;
  }

  /**
   * Many aggregate changes in one upsert of arrays (five parameters whatever the count). PostgreSQL
   * refuses an upsert that meets the same row twice, so deltas of one key are summed first (SQLite
   * would add them one after another: the same total); rows go in key order, so that two nodes
   * adding to the same boards lock their rows in the same order.
   */
  async addPointsMany(deltas: readonly Delta[]): Promise<void> {
    if (deltas.length === 0) return;
    const merged = new Map<string, Delta>();
    for (const d of deltas) {
      const key = JSON.stringify([d.scope, d.window, d.period, d.subjectId]);
      const seen = merged.get(key);
      merged.set(key, seen ? { ...seen, points: seen.points + d.points } : { ...d });
    }
    const rows = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
    await this.pg.run(
      `INSERT INTO leaderboard (scope, win, period, subject_id, points)
       SELECT d.scope, d.win, d.period, d.subject_id, d.points
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY AS d(scope, win, period, subject_id, points, ord)
       ORDER BY d.ord
       ${UPSERT_TAIL}`,
      [
        textArray(rows.map((d) => d.scope)), textArray(rows.map((d) => d.window)), textArray(rows.map((d) => d.period)),
        textArray(rows.map((d) => d.subjectId)), int8Array(rows.map((d) => d.points)),
      ],
    );
  }

  async addPoints(scope: Scope, window: Window, period: string, subjectId: string, points: number): Promise<void> {
    await this.pg.run(`INSERT INTO leaderboard (scope, win, period, subject_id, points) VALUES ($1, $2, $3, $4, $5) ${UPSERT_TAIL}`, [
      scope,
      window,
      period,
      subjectId,
      points,
    ]);
  }

  async snapshot(): Promise<Delta[]> {
    const rows = await this.pg.rows<{ scope: Scope; win: Window; period: string; subject_id: string; points: number }>(
      'SELECT scope, win, period, subject_id, points FROM leaderboard',
    );
    return rows.map((r) => ({ scope: r.scope, window: r.win, period: r.period, subjectId: r.subject_id, points: r.points }));
  }
}
