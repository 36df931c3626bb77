import type { League, LeagueTier } from '@opsquest/core';
import { type LeagueStore } from '../../services/ports/league-store';
import type { PgExecutor } from './executor.postgres';

const TIERS_SETTING = 'leagues.tiers';

/** PostgreSQL's LeagueStore: weekly league tiers (written lazily, once per week) and the on/off setting. */
export class PgLeagueStore implements LeagueStore {
  constructor(private readonly pg: PgExecutor) {}

  async tiersEnabled(): Promise<boolean> {
    return (await this.pg.one<{ value: string }>('SELECT value FROM settings WHERE key = $1', [TIERS_SETTING]))?.value === 'on';
  }

  async setTiersEnabled(on: boolean): Promise<void> {
    await this.pg.run('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [TIERS_SETTING, on ? 'on' : 'off']);
  }

  /** The tiers stored for the week starting on `week` (a Monday), by person. */
  async tiersOf(week: string): Promise<Map<string, { league: League; tier: LeagueTier }>> {
    const rows = await this.pg.rows<{ person_id: string; league: League; tier: LeagueTier }>('SELECT person_id, league, tier FROM league_tiers WHERE week = $1', [week]);
    return new Map(rows.map((r) => [r.person_id, { league: r.league, tier: r.tier }]));
  }

  /**
   * Stores tiers for a week; a person who already has one that week keeps it (also against another
   * node writing the same week at the same time). One statement; within it the first row of a person wins.
   * SQLite's INSERT OR IGNORE also skips a row that breaks a NOT NULL or CHECK constraint (a tier that
   * does not exist) instead of failing: the WHERE clause skips the same rows here.
   */
  async saveTiers(week: string, rows: readonly { personId: string; league: League; tier: LeagueTier }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.pg.run(
      `INSERT INTO league_tiers (week, person_id, league, tier)
       SELECT $1::text, t.person_id, t.league, t.tier
       FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(person_id, league, tier, ord)
       WHERE t.person_id IS NOT NULL AND t.league IS NOT NULL AND t.tier IN ('bronze', 'silver', 'gold')
       ORDER BY t.ord
       ON CONFLICT (week, person_id) DO NOTHING`,
      [week, rows.map((r) => r.personId), rows.map((r) => r.league), rows.map((r) => r.tier)],
    );
  }
}
