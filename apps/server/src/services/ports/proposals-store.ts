export type ProposalKind = 'mission' | 'badge';

export type ProposalStatusRow = 'pending' | 'approved' | 'rejected';

export interface ProposalRow {
  id: string;
  kind: ProposalKind;
  status: ProposalStatusRow;
  proposedBy: string;
  proposedByName: string;
  teamId: string | null;
  title: string;
  content: unknown;
  createdAt: number;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: number | null;
  reason: string | null;
  resultId: string | null;
}

export interface NewProposal {
  id: string;
  kind: ProposalKind;
  proposedBy: string;
  teamId: string | null;
  title: string;
  content: unknown;
  createdAt: number;
}

/** Missions and badges proposed by staff, and the lead's decision. */
export interface ProposalsStore {
  create(p: NewProposal): Promise<void>;
  /** Records the decision; false when it was already decided. */
  setDecision(id: string, d: {
  status: 'approved' | 'rejected';
  decidedBy: string;
  at: number;
  reason: string;
  resultId: string | null;
  }): Promise<boolean>;
  find(id: string): Promise<ProposalRow | undefined>;
  listByPerson(personId: string): Promise<ProposalRow[]>;
  listByTeam(teamId: string): Promise<ProposalRow[]>;
  listAll(): Promise<ProposalRow[]>;
  listApprovedBadges(): Promise<ProposalRow[]>;
  resultIdInUse(kind: ProposalKind, resultId: string): Promise<boolean>;
}

