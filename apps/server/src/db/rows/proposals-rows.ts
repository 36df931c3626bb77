import type { ProposalKind, ProposalRow, ProposalStatusRow } from '../../services/ports/proposals-store';

/** A proposals row (with the proposer's and decider's names) as both adapters read it, and how it becomes a ProposalRow. */
export interface RawProposal {
  id: string;
  kind: ProposalKind;
  status: ProposalStatusRow;
  proposed_by: string;
  proposer_name: string;
  team_id: string | null;
  title: string;
  content: string;
  created_at: number;
  decided_by: string | null;
  decider_name: string | null;
  decided_at: number | null;
  reason: string | null;
  result_id: string | null;
}

export function toProposalRow(r: RawProposal): ProposalRow {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    proposedBy: r.proposed_by,
    proposedByName: r.proposer_name,
    teamId: r.team_id,
    title: r.title,
    content: JSON.parse(r.content) as unknown,
    createdAt: r.created_at,
    decidedBy: r.decided_by,
    decidedByName: r.decider_name,
    decidedAt: r.decided_at,
    reason: r.reason,
    resultId: r.result_id,
  };
}
