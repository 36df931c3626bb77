import type { RuleSetLayer } from '../../services/live/rulebook.service';
import { type RuleSetRow, type RuleSetsStore } from '../../services/ports/rule-sets-store';
import type { PgExecutor } from './executor.postgres';
import { ADVISORY } from './advisory-locks';
import { type RawRuleSet, toRuleSetRow } from '../rows/rule-sets-rows';

const SELECT =
  'SELECT r.version, r.config, r.published_at, r.published_by, p.display_name AS published_by_name, r.reason, r.effective_from_seq FROM rule_sets r LEFT JOIN people p ON p.id = r.published_by';

/**
 * PostgreSQL's RuleSetsStore: one row per version; rows are added, never changed (version 1 excepted,
 * see `refreshDefaults`). The version is the primary key: when two nodes publish the same next
 * version at once, the second insert waits for the first to commit and then fails (unique_violation),
 * so its unit of work rolls back and no version is ever stored twice.
 */
export class PgRuleSetsStore implements RuleSetsStore {
  constructor(private readonly pg: PgExecutor) {}

  async add(row: Omit<RuleSetRow, 'publishedByName'>): Promise<void> {
    await this.pg.run('INSERT INTO rule_sets (version, config, published_at, published_by, reason, effective_from_seq) VALUES ($1, $2, $3, $4, $5, $6)', [
      row.version,
      JSON.stringify(row.layer),
      row.publishedAt,
      row.publishedBy,
      row.reason,
      row.effectiveFromSeq,
    ]);
  }

  /**
   * While nothing has been published, version 1 follows the server's defaults (they may change
   * with a new release); once a version 2 exists, version 1 is history and stays as it is.
   */
  async refreshDefaults(layer: RuleSetLayer): Promise<void> {
    await this.pg.run('UPDATE rule_sets SET config = $1 WHERE version = 1 AND NOT EXISTS (SELECT 1 FROM rule_sets WHERE version > 1)', [JSON.stringify(layer)]);
  }

  /** Oldest first. */
  async list(): Promise<RuleSetRow[]> {
    return (await this.pg.rows<RawRuleSet>(`${SELECT} ORDER BY r.version`)).map(toRuleSetRow);
  }

  async lockForPublish(): Promise<void> {
    await this.pg.run('SELECT pg_advisory_xact_lock($1)', [ADVISORY.ruleSets]);
  }

  async latest(): Promise<RuleSetRow | undefined> {
    const r = await this.pg.one<RawRuleSet>(`${SELECT} ORDER BY r.version DESC LIMIT 1`);
    return r ? toRuleSetRow(r) : undefined;
  }

  /** The sequence number the next event will get: where a rule set published now starts. */
  async nextEventSeq(): Promise<number> {
    return (await this.pg.one<{ next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM events'))?.next ?? 1;
  }
}
