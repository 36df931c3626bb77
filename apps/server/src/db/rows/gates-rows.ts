import { awardFromColumns, type RawAwardColumns } from '../award-columns';
import type { StoredDownstream, WithheldRow, WithheldStatus } from '../../services/ports/gates-store';

/** A withheld_awards row (with the person's name) as both adapters read it, and how it becomes a WithheldRow. */
export interface RawWithheld extends RawAwardColumns {
  display_name: string | null;
  why: 'burst' | 'cap';
  detail: string;
  status: WithheldStatus;
  decided_by: string | null;
  decided_at: number | null;
  decision_reason: string | null;
  downstream: string | null;
}

export function toWithheldRow(r: RawWithheld): WithheldRow {
  return {
    ...awardFromColumns(r),
    personName: r.display_name,
    why: r.why,
    detail: r.detail,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    downstream: r.downstream === null ? null : (JSON.parse(r.downstream) as StoredDownstream),
  };
}
