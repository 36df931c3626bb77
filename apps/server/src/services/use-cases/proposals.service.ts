import { randomUUID } from 'node:crypto';
import { badgeFromProposal, badgeIconNameOf, describeCriteria, slugOf, type BadgeDefinition, type BadgeProposalContent } from '@opsquest/core';
import type { MissionDraft, ProposalView, ProposeBadgeBody } from '@opsquest/contracts';
import { conflict, forbidden, notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { ProposalRow } from '../ports/proposals-store';
import type { Principal } from './auth.service';
import type { MissionsService } from './missions.service';
import type { Rulebook } from '../live/rulebook.service';

const STAFF = new Set(['engineer', 'technician']);

/**
 * Co-creation: engineers and technicians propose missions and badges; their lead (or an admin)
 * approves or rejects each with a reason the proposer reads. An approved badge joins the engine's
 * badges at once (and at every start-up); an approved mission becomes active.
 */
export class ProposalsService {
  constructor(
    private readonly repos: Repositories,
    private readonly missions: MissionsService,
    private readonly rulebook: Rulebook,
    private readonly now: () => number = Date.now,
  ) {}

  /** The approved co-created badges as engine definitions. */
  async customBadges(): Promise<BadgeDefinition[]> {
    return (await this.repos.proposals.listApprovedBadges())
      .filter((p) => p.resultId !== null)
      .map((p) => badgeFromProposal(p.resultId ?? '', p.content as BadgeProposalContent, p.proposedBy));
  }

  /** At start-up and after each badge approval: the engine awards approved badges from then on. */
  async loadCustomBadges(): Promise<void> {
    this.rulebook.setCustomBadges(await this.customBadges());
  }

  async proposeMission(proposer: Principal, draft: MissionDraft): Promise<ProposalView> {
    if (!STAFF.has(proposer.role)) throw forbidden('Engineers and technicians propose missions; leads create them');
    const audience = draft.audience ?? (proposer.teamId ? { kind: 'team' as const, teamId: proposer.teamId } : { kind: 'people' as const, personIds: [proposer.id] });
    // checked now as the proposer's lead would build it, so a bad proposal is a 400 today, not at approval
    const lead: Principal = { ...proposer, role: 'lead' };
    const mission = await this.missions.buildDefinition({ ...draft, audience }, { creator: lead, proposedBy: proposer.id });
    return this.create(proposer, 'mission', mission.title, { ...draft, audience });
  }

  async proposeBadge(proposer: Principal, body: ProposeBadgeBody): Promise<ProposalView> {
    if (!STAFF.has(proposer.role)) throw forbidden('Engineers and technicians propose badges');
    const content: BadgeProposalContent = { ...body, criteria: { ...body.criteria, conditions: body.criteria.conditions } };
    return this.create(proposer, 'badge', body.name, content);
  }

  private async create(proposer: Principal, kind: 'mission' | 'badge', title: string, content: unknown): Promise<ProposalView> {
    const id = `pr-${randomUUID().slice(0, 8)}`;
    const now = this.now();
    await this.repos.uow.run(async () => {
      await this.repos.proposals.create({ id, kind, proposedBy: proposer.id, teamId: proposer.teamId, title, content, createdAt: now });
      await this.repos.audit.record(now, { actorId: proposer.id, action: `${kind}.proposed`, targetType: 'proposal', targetId: id, details: { title } });
    });
    return this.view(await this.mustFind(id));
  }

  /** Staff: their own proposals; leads: their team's and their own; admins: all. */
  async list(viewer: Principal, status: 'pending' | 'approved' | 'rejected' | 'all'): Promise<ProposalView[]> {
    const { proposals } = this.repos;
    const rows = await (viewer.role === 'admin' ? proposals.listAll() : viewer.role === 'lead' && viewer.teamId ? proposals.listByTeam(viewer.teamId) : proposals.listByPerson(viewer.id));
    return rows.filter((r) => status === 'all' || r.status === status).map((r) => this.view(r));
  }

  async approve(decider: Principal, id: string, reason: string): Promise<ProposalView> {
    const proposal = await this.decidable(decider, id);
    const now = this.now();
    const proposer = await this.repos.people.findById(proposal.proposedBy);
    let resultId: string;
    if (proposal.kind === 'mission') {
      const mission = await this.missions.buildDefinition(proposal.content as MissionDraft, { creator: decider, proposedBy: proposal.proposedBy });
      resultId = mission.id;
      await this.repos.uow.run(async () => {
        await this.missions.store(mission, decider.id, 'mission.approved', { reason, details: { proposalId: id, proposedBy: proposal.proposedBy } });
        await this.decide(id, 'approved', decider, now, reason, resultId);
      });
    } else {
      resultId = await this.badgeIdFor(proposal.title);
      await this.repos.uow.run(async () => {
        await this.decide(id, 'approved', decider, now, reason, resultId);
        await this.repos.audit.record(now, { actorId: decider.id, action: 'badge.approved', targetType: 'badge', targetId: resultId, reason, details: { proposalId: id, proposedBy: proposal.proposedBy, proposer: proposer?.displayName } });
      });
      await this.loadCustomBadges();
      this.rulebook.announce('badges');
    }
    return this.view(await this.mustFind(id));
  }

  async reject(decider: Principal, id: string, reason: string): Promise<ProposalView> {
    const proposal = await this.decidable(decider, id);
    const now = this.now();
    await this.repos.uow.run(async () => {
      await this.decide(id, 'rejected', decider, now, reason, null);
      await this.repos.audit.record(now, { actorId: decider.id, action: `${proposal.kind}.rejected`, targetType: 'proposal', targetId: id, reason, details: { proposedBy: proposal.proposedBy, title: proposal.title } });
    });
    return this.view(await this.mustFind(id));
  }

  private async decide(id: string, status: 'approved' | 'rejected', decider: Principal, at: number, reason: string, resultId: string | null): Promise<void> {
    if (!(await this.repos.proposals.setDecision(id, { status, decidedBy: decider.id, at, reason, resultId }))) throw conflict('This proposal has already been decided');
  }

  /** Leads decide their own team's proposals, admins any; a decided proposal is a 409. */
  private async decidable(decider: Principal, id: string): Promise<ProposalRow> {
    if (decider.role !== 'lead' && decider.role !== 'admin') throw forbidden('Only leads and admins decide proposals');
    const proposal = await this.repos.proposals.find(id);
    if (!proposal) throw notFound(`No proposal ${id}`);
    if (decider.role === 'lead' && (decider.teamId === null || proposal.teamId !== decider.teamId)) throw forbidden("You decide your own team's proposals only");
    if (proposal.status !== 'pending') throw conflict(`This proposal was already ${proposal.status}`);
    return proposal;
  }

  /** `custom-<slug>`, with a number when the slug is taken by a badge or another approval. */
  private async badgeIdFor(name: string): Promise<string> {
    const base = `custom-${slugOf(name)}`;
    const taken = async (id: string): Promise<boolean> => this.rulebook.config.badges.some((b) => b.id === id) || (await this.repos.proposals.resultIdInUse('badge', id));
    if (!(await taken(base))) return base;
    for (let n = 2; ; n += 1) if (!(await taken(`${base}-${n}`))) return `${base}-${n}`;
  }

  private async mustFind(id: string): Promise<ProposalRow> {
    const row = await this.repos.proposals.find(id);
    if (!row) throw notFound(`No proposal ${id}`);
    return row;
  }

  view(r: ProposalRow): ProposalView {
    const base: ProposalView = {
      id: r.id,
      kind: r.kind,
      status: r.status,
      title: r.title,
      proposedBy: { id: r.proposedBy, name: r.proposedByName },
      teamId: r.teamId,
      createdAt: new Date(r.createdAt).toISOString(),
      ...(r.decidedBy ? { decidedBy: { id: r.decidedBy, name: r.decidedByName ?? r.decidedBy } } : {}),
      ...(r.decidedAt !== null ? { decidedAt: new Date(r.decidedAt).toISOString() } : {}),
      ...(r.reason !== null ? { reason: r.reason } : {}),
      ...(r.resultId !== null ? { resultId: r.resultId } : {}),
    };
    if (r.kind === 'badge') {
      const c = r.content as BadgeProposalContent;
      return { ...base, badge: { ...c, icon: badgeIconNameOf(c.icon), criteriaText: describeCriteria(c.criteria) } };
    }
    const draft = r.content as MissionDraft;
    return { ...base, mission: { ...draft, criteriaText: draft.criteria ? describeCriteria(draft.criteria) : (this.missions.templates().find((t) => t.id === draft.templateId)?.description ?? '') } };
  }
}
