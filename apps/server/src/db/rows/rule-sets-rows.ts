import type { RuleSetLayer } from '../../services/live/rulebook.service';
import type { RuleSetRow } from '../../services/ports/rule-sets-store';

/** A rule_sets row (with the publisher's name) as both adapters read it, and how it becomes a RuleSetRow. */
export interface RawRuleSet {
  version: number;
  config: string;
  published_at: number;
  published_by: string | null;
  published_by_name: string | null;
  reason: string;
  effective_from_seq: number;
}

export function toRuleSetRow(r: RawRuleSet): RuleSetRow {
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
