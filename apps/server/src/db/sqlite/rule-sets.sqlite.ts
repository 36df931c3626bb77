import type { Db } from '../database';
import type { RuleSetLayer } from '../../services/live/rulebook.service';
import { type RuleSetRow, type RuleSetsStore } from '../../services/ports/rule-sets-store';
import { type RawRuleSet, toRuleSetRow } from '../rows/rule-sets-rows';

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
    return this.all.all().map(toRuleSetRow);
  }

  async lockForPublish(): Promise<void> {
    // the unit of work's BEGIN IMMEDIATE already keeps every other writer out
  }

  async latest(): Promise<RuleSetRow | undefined> {
    const r = this.newest.get();
    return r ? toRuleSetRow(r) : undefined;
  }

  /** The sequence number the next event will get: where a rule set published now starts. */
  async nextEventSeq(): Promise<number> {
    return this.nextSeq.get()?.next ?? 1;
  }
}
