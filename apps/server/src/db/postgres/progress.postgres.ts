import type { PersonProgress } from '@opsquest/core';
import { type ProgressStore } from '../../services/ports/progress-store';
import type { PgExecutor } from './executor.postgres';
import { streakFromColumns, type StreakColumns } from '../streak-columns';

interface RawProgress extends StreakColumns {
  xp: number;
  counters: string;
}

/** PostgreSQL's ProgressStore: XP and badge counters, streaks, earned badges (three tables). */
export class PgProgressStore implements ProgressStore {
  constructor(private readonly pg: PgExecutor) {}

  async find(personId: string): Promise<PersonProgress | undefined> {
    const r = await this.pg.one<RawProgress>(
      `SELECT p.xp, p.counters, s.current, s.best, s.last_active_day, s.freezes
       FROM progress p LEFT JOIN streaks s ON s.person_id = p.person_id WHERE p.person_id = $1`,
      [personId],
    );
    if (!r) return undefined;
    const badges: Record<string, number> = {};
    // in primary-key order, as SQLite reads them through its (person_id, badge_id) index
    const earned = await this.pg.rows<{ badge_id: string; earned_at: number }>('SELECT badge_id, earned_at FROM badges_earned WHERE person_id = $1 ORDER BY badge_id COLLATE "C"', [personId]);
    for (const b of earned) badges[b.badge_id] = b.earned_at;
    return {
      personId,
      xp: r.xp,
      counters: JSON.parse(r.counters) as Record<string, number>,
      streak: streakFromColumns(r),
      badges,
    };
  }

  /** A badge taken back with the work that earned it (a re-raised clear, a repeat visit). */
  async revokeBadge(personId: string, badgeId: string): Promise<void> {
    await this.pg.run('DELETE FROM badges_earned WHERE person_id = $1 AND badge_id = $2', [personId, badgeId]);
  }

  /**
   * Saves XP, counters and streak, and inserts earned badges not stored yet. `newBadges`, when the
   * caller knows which badges this step earned (the engine does), limits the badge inserts to those.
   * One statement (data-modifying CTEs): one round trip, and all or nothing even outside a unit of work.
   */
  async save(p: PersonProgress, eventKey: string, newBadges?: readonly string[]): Promise<void> {
    const ids: string[] = [];
    const ats: number[] = [];
    const wanted = newBadges ?? Object.keys(p.badges);
    for (const badgeId of wanted) {
      const at = p.badges[badgeId];
      if (at === undefined) continue;
      ids.push(badgeId);
      ats.push(at);
    }
    await this.pg.run(
      `WITH put_progress AS (
         INSERT INTO progress (person_id, xp, counters) VALUES ($1, $2, $3)
         ON CONFLICT (person_id) DO UPDATE SET xp = excluded.xp, counters = excluded.counters
       ), put_streak AS (
         INSERT INTO streaks (person_id, current, best, last_active_day, freezes) VALUES ($1, $4, $5, $6, $10)
         ON CONFLICT (person_id) DO UPDATE SET current = excluded.current, best = excluded.best, last_active_day = excluded.last_active_day, freezes = excluded.freezes
       )
       INSERT INTO badges_earned (person_id, badge_id, earned_at, event_key)
       SELECT $1, b.badge_id, b.earned_at, $9 FROM unnest($7::text[], $8::bigint[]) AS b (badge_id, earned_at)
       ON CONFLICT DO NOTHING`,
      [p.personId, p.xp, JSON.stringify(p.counters), p.streak.current, p.streak.best, p.streak.lastActiveDay ?? null, ids, ats, eventKey, p.streak.freezes ?? 0],
    );
  }
}
