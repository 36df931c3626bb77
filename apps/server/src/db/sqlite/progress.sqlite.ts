import type { PersonProgress } from '@opsquest/core';
import type { Db } from '../database';
import { streakFromColumns, type StreakColumns } from '../streak-columns';
import { type ProgressStore } from '../../services/ports/progress-store';

interface RawProgress extends StreakColumns {
  xp: number;
  counters: string;
}

/** Per-person game state: XP and badge counters, streaks, earned badges (three tables). */
export class SqliteProgressStore implements ProgressStore {
  private readonly get;
  private readonly badges;
  private readonly putProgress;
  private readonly putStreak;
  private readonly putBadge;
  private readonly dropBadge;

  constructor(db: Db) {
    this.get = db.prepare<[string], RawProgress>(
      `SELECT p.xp, p.counters, s.current, s.best, s.last_active_day, s.freezes
       FROM progress p LEFT JOIN streaks s ON s.person_id = p.person_id WHERE p.person_id = ?`,
    );
    this.badges = db.prepare<[string], { badge_id: string; earned_at: number }>('SELECT badge_id, earned_at FROM badges_earned WHERE person_id = ?');
    this.putProgress = db.prepare(
      'INSERT INTO progress (person_id, xp, counters) VALUES (?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET xp = excluded.xp, counters = excluded.counters',
    );
    this.putStreak = db.prepare(
      `INSERT INTO streaks (person_id, current, best, last_active_day, freezes) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET current = excluded.current, best = excluded.best, last_active_day = excluded.last_active_day, freezes = excluded.freezes`,
    );
    this.putBadge = db.prepare('INSERT OR IGNORE INTO badges_earned (person_id, badge_id, earned_at, event_key) VALUES (?, ?, ?, ?)');
    this.dropBadge = db.prepare('DELETE FROM badges_earned WHERE person_id = ? AND badge_id = ?');
  }

  async find(personId: string): Promise<PersonProgress | undefined> {
    const r = this.get.get(personId);
    if (!r) return undefined;
    const badges: Record<string, number> = {};
    for (const b of this.badges.all(personId)) badges[b.badge_id] = b.earned_at;
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
    this.dropBadge.run(personId, badgeId);
  }

  /**
   * Saves XP, counters and streak, and inserts earned badges not stored yet. `newBadges`, when the
   * caller knows which badges this step earned (the engine does), limits the badge inserts to those.
   */
  async save(p: PersonProgress, eventKey: string, newBadges?: readonly string[]): Promise<void> {
    this.putProgress.run(p.personId, p.xp, JSON.stringify(p.counters));
    this.putStreak.run(p.personId, p.streak.current, p.streak.best, p.streak.lastActiveDay ?? null, p.streak.freezes ?? 0);
    if (newBadges) {
      for (const badgeId of newBadges) {
        const at = p.badges[badgeId];
        if (at !== undefined) this.putBadge.run(p.personId, badgeId, at, eventKey);
      }
      return;
    }
    for (const [badgeId, at] of Object.entries(p.badges)) this.putBadge.run(p.personId, badgeId, at, eventKey);
  }
}
