import type { League, LeagueTier } from '@opsquest/core';
import type { Db } from '../database';
import { type LeagueStore } from '../../services/ports/league-store';

const TIERS_SETTING = 'leagues.tiers';

/** Weekly league tiers (written lazily, once per week) and the on/off setting. */
export class SqliteLeagueStore implements LeagueStore {
  private readonly setting;
  private readonly putSetting;
  private readonly week;
  private readonly put;

  constructor(db: Db) {
    this.setting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.putSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.week = db.prepare<[string], { person_id: string; league: League; tier: LeagueTier }>('SELECT person_id, league, tier FROM league_tiers WHERE week = ?');
    this.put = db.prepare('INSERT OR IGNORE INTO league_tiers (week, person_id, league, tier) VALUES (?, ?, ?, ?)');
  }

  async tiersEnabled(): Promise<boolean> {
    return this.setting.get(TIERS_SETTING)?.value === 'on';
  }

  async setTiersEnabled(on: boolean): Promise<void> {
    this.putSetting.run(TIERS_SETTING, on ? 'on' : 'off');
  }

  /** The tiers stored for the week starting on `week` (a Monday), by person. */
  async tiersOf(week: string): Promise<Map<string, { league: League; tier: LeagueTier }>> {
    return new Map(this.week.all(week).map((r) => [r.person_id, { league: r.league, tier: r.tier }]));
  }

  /** Stores tiers for a week; a person who already has one that week keeps it. */
  async saveTiers(week: string, rows: readonly { personId: string; league: League; tier: LeagueTier }[]): Promise<void> {
    for (const r of rows) this.put.run(week, r.personId, r.league, r.tier);
  }
}
