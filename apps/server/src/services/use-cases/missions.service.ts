import { randomUUID } from 'node:crypto';
import {
  badgeIconNameOf,
  describeCriteria,
  effectiveMissionStatus,
  MISSION_TEMPLATES,
  missionFromTemplate,
  missionProblems,
  missionTemplate,
  participantOf,
  type EngineConfig,
  type MissionAudience,
  type MissionDefinition,
  type MissionPerson,
  type MissionTemplate,
} from '@opsquest/core';
import type { MissionDraft, MissionEdit, MissionView, PersonName } from '@opsquest/contracts';
import { forbidden, invalid, notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { Principal } from './auth.service';
import { fieldsSummary, plainFieldMessage } from '../field-messages';

/** Who builds the definition: the lead or admin who creates (or approves) it, and the proposer when co-created. */
export interface MissionAuthor {
  creator: Principal;
  proposedBy?: string;
}

function fieldError(path: string, message: string) {
  const fields = [{ path, message: plainFieldMessage(path, message) }];
  return invalid(fieldsSummary(fields), fields);
}

/**
 * Missions: leads create them from templates or the rule builder, edit them (new versions) and end
 * them early; everyone sees theirs. Progress during ingest is mission-progress.hook.ts's.
 */
export class MissionsService {
  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {}

  templates(): readonly MissionTemplate[] {
    return MISSION_TEMPLATES;
  }

  /** A draft as an active definition, checked for the author's rights (403) and for its fields (400, naming them). */
  async buildDefinition(draft: MissionDraft, author: MissionAuthor, fieldPrefix = 'body'): Promise<MissionDefinition> {
    const { creator } = author;
    const now = this.now();
    const audience = await this.checkAudience(draft.audience ?? (creator.role === 'admin' ? { kind: 'everyone' } : creator.teamId ? { kind: 'team', teamId: creator.teamId } : { kind: 'everyone' }), creator, fieldPrefix);
    let template: MissionTemplate | undefined;
    if (draft.templateId !== undefined) {
      template = missionTemplate(draft.templateId);
      if (!template) throw fieldError(`${fieldPrefix}.templateId`, `No mission template ${draft.templateId}`);
    }
    if (draft.rewardBadgeId !== undefined && !this.config.badges.some((b) => b.id === draft.rewardBadgeId && b.proposedBy !== undefined)) {
      throw fieldError(`${fieldPrefix}.rewardBadgeId`, 'Not an approved co-created badge');
    }
    const startsAt = draft.startsAt !== undefined ? Date.parse(draft.startsAt) : undefined;
    const endsAt = draft.endsAt !== undefined ? Date.parse(draft.endsAt) : undefined;
    const base: MissionTemplate = template ?? {
      id: 'builder',
      title: draft.title ?? '',
      description: draft.description ?? '',
      scope: draft.scope ?? 'person',
      // the schema requires criteria and target without a template
      criteria: draft.criteria ?? { effect: 'resolved', conditions: [], counting: 'count' },
      target: draft.target ?? 1,
      rewardPoints: draft.rewardPoints ?? 0,
      period: 'week',
    };
    const built = missionFromTemplate(base, {
      id: `m-${randomUUID().slice(0, 8)}`,
      createdBy: creator.id,
      audience,
      now,
      timeZone: this.config.timeZone,
      ...(draft.title !== undefined ? { title: draft.title } : {}),
      ...(draft.target !== undefined ? { target: draft.target } : {}),
      ...(draft.rewardPoints !== undefined ? { rewardPoints: draft.rewardPoints } : {}),
      ...(draft.rewardBadgeId !== undefined ? { rewardBadgeId: draft.rewardBadgeId } : {}),
      ...(startsAt !== undefined ? { startsAt } : {}),
      ...(endsAt !== undefined ? { endsAt } : {}),
    });
    const mission: MissionDefinition = {
      ...built,
      ...(draft.scope !== undefined ? { scope: draft.scope } : {}),
      ...(draft.criteria !== undefined ? { criteria: { ...draft.criteria, conditions: [...draft.criteria.conditions] } } : {}),
      ...(draft.description !== undefined && draft.description !== '' ? { description: draft.description } : {}),
      ...(author.proposedBy ? { proposedBy: author.proposedBy } : {}),
    };
    if (!template) delete mission.templateId;
    // dates given without an end: a week from the start
    if (startsAt !== undefined && endsAt === undefined) mission.endsAt = startsAt + 7 * 86_400_000 - 1;
    const problems = missionProblems(mission);
    if (problems.length > 0) {
      const fields = problems.map((p) => {
        const [field = '', ...rest] = p.split(': ');
        const path = `${fieldPrefix}.${field}`;
        return { path, message: plainFieldMessage(path, rest.join(': ')) };
      });
      throw invalid(fieldsSummary(fields), fields);
    }
    return mission;
  }

  /** Leads: their own team or its members; admins: anyone. */
  private async checkAudience(audience: MissionAudience, creator: Principal, fieldPrefix: string): Promise<MissionAudience> {
    const { people } = this.repos;
    if (audience.kind === 'team' && !(await people.findTeam(audience.teamId))) throw fieldError(`${fieldPrefix}.audience.teamId`, `No team ${audience.teamId}`);
    if (audience.kind === 'people') {
      const unknown: string[] = [];
      for (const id of audience.personIds) if (!(await people.findById(id))) unknown.push(id);
      if (unknown.length > 0) throw fieldError(`${fieldPrefix}.audience.personIds`, `Unknown people: ${unknown.join(', ')}`);
    }
    // Nobody sets a mission for themselves: its reward would be points they award themselves.
    if (audience.kind === 'people' && audience.personIds.includes(creator.id)) throw forbidden('You cannot be in a mission you create');
    if (creator.role === 'admin') return audience;
    const own =
      creator.teamId !== null &&
      ((audience.kind === 'team' && audience.teamId === creator.teamId) ||
        (audience.kind === 'people' && (await this.allInTeam(audience.personIds, creator.teamId))));
    if (!own) throw forbidden('A mission may only be for your own team or its members');
    return audience;
  }

  /** Every one of these people is in the team (stops at the first who is not). */
  private async allInTeam(personIds: readonly string[], teamId: string): Promise<boolean> {
    for (const id of personIds) if ((await this.repos.people.findById(id))?.teamId !== teamId) return false;
    return true;
  }

  /** A lead or admin creates a mission: active at once. */
  async create(creator: Principal, draft: MissionDraft): Promise<MissionView> {
    if (creator.role !== 'lead' && creator.role !== 'admin') throw forbidden('Only leads and admins create missions; propose one instead');
    const mission = await this.buildDefinition(draft, { creator });
    await this.store(mission, creator.id, 'mission.created');
    return this.view(mission, creator);
  }

  /** Stores a new mission with its audit line, in one transaction. */
  async store(mission: MissionDefinition, actorId: string, action: string, extra: { reason?: string; details?: Record<string, unknown> } = {}): Promise<void> {
    const now = this.now();
    await this.repos.uow.run(async () => {
      await this.repos.missions.create(mission, actorId, now);
      await this.repos.audit.record(now, {
        actorId,
        action,
        targetType: 'mission',
        targetId: mission.id,
        ...(extra.reason ? { reason: extra.reason } : {}),
        details: { version: mission.version, title: mission.title, ...extra.details },
      });
    });
  }

  /** Editing creates a new version; progress so far is kept. */
  async edit(editor: Principal, id: string, changes: MissionEdit): Promise<MissionView> {
    if (editor.role !== 'lead' && editor.role !== 'admin') throw forbidden('Only leads and admins edit missions');
    const current = await this.repos.missions.find(id);
    if (!current) throw notFound(`No mission ${id}`);
    // the editor must be allowed to set up the mission as it stands
    await this.checkAudience(current.audience, editor, 'body');
    const draft: MissionDraft = {
      title: current.title,
      description: current.description,
      scope: current.scope,
      criteria: current.criteria,
      audience: current.audience,
      target: current.target,
      rewardPoints: current.rewardPoints,
      ...(current.rewardBadgeId ? { rewardBadgeId: current.rewardBadgeId } : {}),
      startsAt: new Date(current.startsAt).toISOString(),
      endsAt: new Date(current.endsAt).toISOString(),
      ...changes,
    };
    const rebuilt = await this.buildDefinition(draft, { creator: editor, ...(current.proposedBy ? { proposedBy: current.proposedBy } : {}) });
    const next: MissionDefinition = {
      ...rebuilt,
      id: current.id,
      version: current.version + 1,
      createdBy: current.createdBy,
      status: current.status,
      ...(current.templateId ? { templateId: current.templateId } : {}),
    };
    const now = this.now();
    await this.repos.uow.run(async () => {
      await this.repos.missions.saveVersion(next, editor.id, now);
      await this.repos.audit.record(now, { actorId: editor.id, action: 'mission.edited', targetType: 'mission', targetId: id, details: { version: next.version, changes: Object.keys(changes) } });
    });
    return this.view(next, editor);
  }

  /**
   * Ends a mission at `at`, before its planned end (the planned work it was made for was cancelled):
   * a running one gets a new version that ends at `at`, so work after it no longer counts and what
   * came before stays; one that has not started is marked ended. Audited as `mission.ended`. False
   * when there is no such mission or it is over or not active already.
   */
  async endEarly(id: string, at: number, by: { actorId: string | null; versionBy: string }, details: Record<string, unknown>): Promise<boolean> {
    const current = await this.repos.missions.find(id);
    if (!current || current.status !== 'active' || current.endsAt <= at) return false;
    const started = current.startsAt <= at;
    const next: MissionDefinition = { ...current, version: current.version + 1, endsAt: at };
    await this.repos.uow.run(async () => {
      if (started) await this.repos.missions.saveVersion(next, by.versionBy, at);
      else await this.repos.missions.setStatus(id, 'ended');
      await this.repos.audit.record(at, { actorId: by.actorId, action: 'mission.ended', targetType: 'mission', targetId: id, details: { ...details, ...(started ? { version: next.version, endsAt: new Date(at).toISOString() } : { beforeItStarted: true }) } });
    });
    return true;
  }

  /** The missions a person sees: those they (or their team) take part in; leads also their team's; admins all. */
  async listFor(viewer: Principal): Promise<MissionView[]> {
    const person: MissionPerson = { id: viewer.id, teamId: viewer.teamId };
    const visible = (await this.repos.missions.listAll()).filter((m) => viewer.role === 'admin' || participantOf(m, person) !== undefined || m.createdBy === viewer.id || m.proposedBy === viewer.id);
    return Promise.all(visible.map((m) => this.view(m, viewer)));
  }

  async get(viewer: Principal, id: string): Promise<MissionView> {
    const mission = await this.repos.missions.find(id);
    if (!mission) throw notFound(`No mission ${id}`);
    const visible = viewer.role === 'admin' || participantOf(mission, { id: viewer.id, teamId: viewer.teamId }) !== undefined || mission.createdBy === viewer.id || mission.proposedBy === viewer.id;
    if (!visible) throw notFound(`No mission ${id}`);
    return this.view(mission, viewer);
  }

  private async nameOf(id: string): Promise<PersonName> {
    return { id, name: (await this.repos.people.findById(id))?.displayName ?? id };
  }

  async audienceText(audience: MissionAudience): Promise<string> {
    if (audience.kind === 'everyone') return 'Everyone';
    if (audience.kind === 'team') return (await this.repos.people.findTeam(audience.teamId))?.name ?? audience.teamId;
    const names = await Promise.all(audience.personIds.map(async (id) => (await this.nameOf(id)).name));
    return names.join(', ');
  }

  async view(m: MissionDefinition, viewer: Principal): Promise<MissionView> {
    const participant = participantOf(m, { id: viewer.id, teamId: viewer.teamId });
    const row = participant ? await this.repos.missions.progress(m.id, participant) : undefined;
    const badge = m.rewardBadgeId ? this.config.badges.find((b) => b.id === m.rewardBadgeId) : undefined;
    const [audienceText, createdBy, proposedBy] = await Promise.all([this.audienceText(m.audience), this.nameOf(m.createdBy), m.proposedBy ? this.nameOf(m.proposedBy) : undefined]);
    return {
      id: m.id,
      version: m.version,
      title: m.title,
      description: m.description,
      scope: m.scope,
      audience: m.audience,
      audienceText,
      criteria: m.criteria,
      criteriaText: describeCriteria(m.criteria),
      target: m.target,
      startsAt: new Date(m.startsAt).toISOString(),
      endsAt: new Date(m.endsAt).toISOString(),
      rewardPoints: m.rewardPoints,
      ...(badge ? { rewardBadge: { id: badge.id, name: badge.name, icon: badgeIconNameOf(badge.icon) } } : {}),
      createdBy,
      ...(proposedBy ? { proposedBy } : {}),
      status: effectiveMissionStatus(m, this.now()),
      ...(m.templateId ? { templateId: m.templateId } : {}),
      ...(participant
        ? {
            mine: {
              participantId: participant,
              progress: row?.progress ?? 0,
              completed: row?.completedAt !== null && row?.completedAt !== undefined,
              ...(row?.completedAt ? { completedAt: new Date(row.completedAt).toISOString() } : {}),
            },
          }
        : {}),
    };
  }
}
