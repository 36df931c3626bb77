import type { RuleSetLayer } from '../live/rulebook.service';

export interface RuleSetRow {
  version: number;
  layer: RuleSetLayer;
  publishedAt: number;
  publishedBy: string | null;
  publishedByName: string | null;
  reason: string;
  effectiveFromSeq: number;
}

/** Published rule sets, one row per version; rows are added, never changed (version 1 excepted, see `refreshDefaults`). */
export interface RuleSetsStore {
  add(row: Omit<RuleSetRow, 'publishedByName'>): Promise<void>;
  /**
   * While nothing has been published, version 1 follows the server's defaults (they may change
   * with a new release); once a version 2 exists, version 1 is history and stays as it is.
   */
  refreshDefaults(layer: RuleSetLayer): Promise<void>;
  /** Oldest first. */
  list(): Promise<RuleSetRow[]>;
  latest(): Promise<RuleSetRow | undefined>;
  /** The sequence number the next event will get: where a rule set published now starts. */
  nextEventSeq(): Promise<number>;
  /**
   * Inside a publishing unit of work, before reading the latest version: waits for ingest batches
   * in flight on any node and keeps new ones out until the commit, so every event logged after the
   * new version's start is scored under it (PostgreSQL: an exclusive advisory lock the ingest
   * store takes shared; SQLite: nothing, its single writer already does this).
   */
  lockForPublish(): Promise<void>;
}

