import { type ProposalKind, type ProposalRow, type NewProposal, type ProposalsStore } from '../../services/ports/proposals-store';
import type { PgExecutor } from './executor.postgres';
import { type RawProposal, toProposalRow } from '../rows/proposals-rows';

const SELECT = `SELECT pr.id, pr.kind, pr.status, pr.proposed_by, a.display_name AS proposer_name, pr.team_id, pr.title, pr.content, pr.created_at,
    pr.decided_by, d.display_name AS decider_name, pr.decided_at, pr.reason, pr.result_id
  FROM proposals pr JOIN people a ON a.id = pr.proposed_by LEFT JOIN people d ON d.id = pr.decided_by`;

/** Ties on time are broken by id in byte order (COLLATE "C"), as SQLite's BINARY collation does. */
const NEWEST_FIRST = 'ORDER BY pr.created_at DESC, pr.id COLLATE "C"';

/** PostgreSQL's ProposalsStore: missions and badges proposed by staff, and the lead's decision. */
export class PgProposalsStore implements ProposalsStore {
  constructor(private readonly pg: PgExecutor) {}

  async create(p: NewProposal): Promise<void> {
    await this.pg.run("INSERT INTO proposals (id, kind, status, proposed_by, team_id, title, content, created_at) VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7)", [
      p.id,
      p.kind,
      p.proposedBy,
      p.teamId,
      p.title,
      JSON.stringify(p.content),
      p.createdAt,
    ]);
  }

  /** Records the decision; false when it was already decided (the status check makes two deciders race safely). */
  async setDecision(id: string, d: { status: 'approved' | 'rejected'; decidedBy: string; at: number; reason: string; resultId: string | null }): Promise<boolean> {
    const changed = await this.pg.run("UPDATE proposals SET status = $1, decided_by = $2, decided_at = $3, reason = $4, result_id = $5 WHERE id = $6 AND status = 'pending'", [
      d.status,
      d.decidedBy,
      d.at,
      d.reason,
      d.resultId,
      id,
    ]);
    return changed === 1;
  }

  async find(id: string): Promise<ProposalRow | undefined> {
    const r = await this.pg.one<RawProposal>(`${SELECT} WHERE pr.id = $1`, [id]);
    return r ? toProposalRow(r) : undefined;
  }

  async listByPerson(personId: string): Promise<ProposalRow[]> {
    return (await this.pg.rows<RawProposal>(`${SELECT} WHERE pr.proposed_by = $1 ${NEWEST_FIRST}`, [personId])).map(toProposalRow);
  }

  async listByTeam(teamId: string): Promise<ProposalRow[]> {
    return (await this.pg.rows<RawProposal>(`${SELECT} WHERE pr.team_id = $1 ${NEWEST_FIRST}`, [teamId])).map(toProposalRow);
  }

  async listAll(): Promise<ProposalRow[]> {
    return (await this.pg.rows<RawProposal>(`${SELECT} ${NEWEST_FIRST}`)).map(toProposalRow);
  }

  async listApprovedBadges(): Promise<ProposalRow[]> {
    return (await this.pg.rows<RawProposal>(`${SELECT} WHERE pr.kind = 'badge' AND pr.status = 'approved' ORDER BY pr.decided_at NULLS FIRST, pr.id COLLATE "C"`)).map(toProposalRow);
  }

  async resultIdInUse(kind: ProposalKind, resultId: string): Promise<boolean> {
    return (await this.pg.one<{ taken: boolean }>('SELECT EXISTS (SELECT 1 FROM proposals WHERE kind = $1 AND result_id = $2) AS taken', [kind, resultId]))?.taken ?? false;
  }
}
