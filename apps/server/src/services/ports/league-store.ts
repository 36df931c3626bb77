import type { League, LeagueTier } from '@opsquest/core';

/** Weekly league tiers (written lazily, once per week) and the on/off setting. */
export interface LeagueStore {
  tiersEnabled(): Promise<boolean>;
  setTiersEnabled(on: boolean): Promise<void>;
  /** The tiers stored for the week starting on `week` (a Monday), by person. */
  tiersOf(week: string): Promise<Map<string, {
  league: League;
  tier: LeagueTier;
  }>>;
  /** Stores tiers for a week; a person who already has one that week keeps it. */
  saveTiers(week: string, rows: readonly {
  personId: string;
  league: League;
  tier: LeagueTier;
  }[]): Promise<void>;
}

