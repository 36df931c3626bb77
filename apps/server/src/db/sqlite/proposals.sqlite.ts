import type { Db } from '../database';
import { type ProposalKind, type ProposalRow, type NewProposal, type ProposalsStore } from '../../services/ports/proposals-store';
import { type RawProposal, toProposalRow } from '../rows/proposals-rows';

/** Missions and badges proposed by staff, and the lead's decision. */
export class SqliteProposalsStore implements ProposalsStore {
  private readonly insert;
  private readonly decide;
  private readonly one;
  private readonly byPerson;
  private readonly byTeam;
  private readonly all;
  private readonly approvedBadges;
  private readonly resultIdTaken;

  constructor(db: Db) {
    this.insert = db.prepare("INSERT INTO proposals (id, kind, status, proposed_by, team_id, title, content, created_at) VALUES (?, ?, 'pending', ?, ?, ?, ?, ?)");
    this.decide = db.prepare("UPDATE proposals SET status = ?, decided_by = ?, decided_at = ?, reason = ?, result_id = ? WHERE id = ? AND status = 'pending'");
    const select = `SELECT pr.*, a.display_name AS proposer_name, d.display_name AS decider_name
      FROM proposals pr JOIN people a ON a.id = pr.proposed_by LEFT JOIN people d ON d.id = pr.decided_by`;
    this.one = db.prepare<[string], RawProposal>(`${select} WHERE pr.id = ?`);
    this.byPerson = db.prepare<[string], RawProposal>(`${select} WHERE pr.proposed_by = ? ORDER BY pr.created_at DESC, pr.id`);
    this.byTeam = db.prepare<[string], RawProposal>(`${select} WHERE pr.team_id = ? ORDER BY pr.created_at DESC, pr.id`);
    this.all = db.prepare<[], RawProposal>(`${select} ORDER BY pr.created_at DESC, pr.id`);
    this.approvedBadges = db.prepare<[], RawProposal>(`${select} WHERE pr.kind = 'badge' AND pr.status = 'approved' ORDER BY pr.decided_at, pr.id`);
    this.resultIdTaken = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM proposals WHERE kind = ? AND result_id = ?');
  }

  async create(p: NewProposal): Promise<void> {
    this.insert.run(p.id, p.kind, p.proposedBy, p.teamId, p.title, JSON.stringify(p.content), p.createdAt);
  }

  /** Records the decision; false when it was already decided. */
  async setDecision(id: string, d: { status: 'approved' | 'rejected'; decidedBy: string; at: number; reason: string; resultId: string | null }): Promise<boolean> {
    return this.decide.run(d.status, d.decidedBy, d.at, d.reason, d.resultId, id).changes === 1;
  }

  async find(id: string): Promise<ProposalRow | undefined> {
    const r = this.one.get(id);
    return r ? toProposalRow(r) : undefined;
  }

  async listByPerson(personId: string): Promise<ProposalRow[]> {
    return this.byPerson.all(personId).map(toProposalRow);
  }

  async listByTeam(teamId: string): Promise<ProposalRow[]> {
    return this.byTeam.all(teamId).map(toProposalRow);
  }

  async listAll(): Promise<ProposalRow[]> {
    return this.all.all().map(toProposalRow);
  }

  async listApprovedBadges(): Promise<ProposalRow[]> {
    return this.approvedBadges.all().map(toProposalRow);
  }

  async resultIdInUse(kind: ProposalKind, resultId: string): Promise<boolean> {
    return (this.resultIdTaken.get(kind, resultId)?.n ?? 0) > 0;
  }
}
