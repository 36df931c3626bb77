import type { Db } from '../database';
import type { RuleSetLayer } from '../../services/live/rulebook.service';
import { type RuleSetRow, type RuleSetsStore } from '../../services/ports/rule-sets-store';

interface RawRuleSet {
  version: number;
  config: string;
  published_at: number;
  published_by: string | null;
  published_by_name: string | null;
  reason: string;
  effective_from_seq: number;
}

function toRow(r: RawRuleSet): RuleSetRow {
  return {
    version: r.version,
    layer: JSON.parse(r.config) as RuleSetLayer,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    publishedByName: r.published_by_name,
    reason: r.reason,
    effectiveFromSeq: r.effective_from_seq,
  };
}

/** Published rule sets, one row per version; rows are added, never changed (version 1 excepted, see `refreshDefaults`). */
export class SqliteRuleSetsStore implements RuleSetsStore {
  private readonly insert;
  private readonly updateDefaults;
  private readonly all;
  private readonly newest;
  private readonly nextSeq;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO rule_sets (version, config, published_at, published_by, reason, effective_from_seq) VALUES (@version, @config, @publishedAt, @publishedBy, @reason, @effectiveFromSeq)',
    );
    this.updateDefaults = db.prepare<[string]>('UPDATE rule_sets SET config = ? WHERE version = 1 AND NOT EXISTS (SELECT 1 FROM rule_sets WHERE version > 1)');
    const select =
      'SELECT r.version, r.config, r.published_at, r.published_by, p.display_name AS published_by_name, r.reason, r.effective_from_seq FROM rule_sets r LEFT JOIN people p ON p.id = r.published_by';
    this.all = db.prepare<[], RawRuleSet>(`${select} ORDER BY r.version`);
    this.newest = db.prepare<[], RawRuleSet>(`${select} ORDER BY r.version DESC LIMIT 1`);
    this.nextSeq = db.prepare<[], { next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM events');
  }

  async add(row: Omit<RuleSetRow, 'publishedByName'>): Promise<void> {
    this.insert.run({
      version: row.version,
      config: JSON.stringify(row.layer),
      publishedAt: row.publishedAt,
      publishedBy: row.publishedBy,
      reason: row.reason,
      effectiveFromSeq: row.effectiveFromSeq,
    });
  }

  /**
   * While nothing has been published, version 1 follows the server's defaults (they may change
   * with a new release); once a version 2 exists, version 1 is history and stays as it is.
   */
  async refreshDefaults(layer: RuleSetLayer): Promise<void> {
    this.updateDefaults.run(JSON.stringify(layer));
  }

  /** Oldest first. */
  async list(): Promise<RuleSetRow[]> {
    return this.all.all().map(toRow);
  }

  async lockForPublish(): Promise<void> {
    // the unit of work's BEGIN IMMEDIATE already keeps every other writer out
  }

  async latest(): Promise<RuleSetRow | undefined> {
    const r = this.newest.get();
    return r ? toRow(r) : undefined;
  }

  /** The sequence number the next event will get: where a rule set published now starts. */
  async nextEventSeq(): Promise<number> {
    return this.nextSeq.get()?.next ?? 1;
  }
}
