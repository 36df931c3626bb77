import { z } from 'zod';
import { BADGE_DESCRIPTION_MAX, BADGE_NAME_MAX, BADGE_NAME_MIN, BADGE_THRESHOLD_MAX, MISSION_DESCRIPTION_MAX, MISSION_TARGET_MAX, MISSION_TITLE_MAX, PROPOSAL_DECISION_REASON_MAX } from './form-limits';
import { badgeIconSchema } from './badge-icon.schema';
import { maintenanceScopeSchema } from './maintenance.schema';
import { MAX_BADGE_BONUS, MAX_MISSION_REWARD, MISSION_COUNTINGS, MISSION_EFFECTS, SEVERITIES, STREAMS, type MissionAudience, type MissionCriteria, type MissionStatus, type MissionTemplate } from '@opsquest/core';

/** The conditions a lead or a proposer may tick in the rule builder. */
export const missionConditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('severityIn'), values: z.array(z.enum(SEVERITIES)).min(1).max(SEVERITIES.length) }).strict(),
  z.object({ kind: z.literal('priorityAtMost'), value: z.number().int().min(0).max(4) }).strict(),
  z.object({ kind: z.literal('flag'), flag: z.enum(['serviceAffecting', 'vip', 'firstTimeFix']), equals: z.boolean() }).strict(),
  z.object({ kind: z.literal('slaMet'), target: z.enum(['response', 'resolution']) }).strict(),
  z.object({ kind: z.literal('nightShift') }).strict(),
  z.object({ kind: z.literal('csatAtLeast'), value: z.number().int().min(1).max(5) }).strict(),
  z.object({ kind: z.literal('byPerson') }).strict(),
  /** at these regions, sites or network elements (planned work made a mission) */
  z.object({ kind: z.literal('inScope'), scope: maintenanceScopeSchema }).strict(),
]);

export const missionCriteriaSchema = z
  .object({
    stream: z.enum(STREAMS).optional(),
    effect: z.enum(MISSION_EFFECTS),
    conditions: z.array(missionConditionSchema).max(8).default([]),
    counting: z.enum(MISSION_COUNTINGS),
  })
  .strict();

export const missionAudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }).strict(),
  z.object({ kind: z.literal('team'), teamId: z.string().trim().min(1).max(64) }).strict(),
  z.object({ kind: z.literal('people'), personIds: z.array(z.string().trim().min(1).max(64)).min(1).max(200) }).strict(),
]);

const isoTime = z.iso.datetime({ offset: true });

/**
 * A new mission: from a template (templateId, with optional adjustments) or from the builder
 * (title, scope and criteria required). Dates default to the template's period.
 */
const missionFields = z
  .object({
    templateId: z.string().trim().min(1).max(64).optional(),
    title: z.string().trim().min(1).max(MISSION_TITLE_MAX).optional(),
    description: z.string().trim().max(MISSION_DESCRIPTION_MAX).optional(),
    scope: z.enum(['person', 'team']).optional(),
    criteria: missionCriteriaSchema.optional(),
    audience: missionAudienceSchema.optional(),
    target: z.number().int().min(1).max(MISSION_TARGET_MAX).optional(),
    startsAt: isoTime.optional(),
    endsAt: isoTime.optional(),
    rewardPoints: z.number().int().min(0).max(MAX_MISSION_REWARD).optional(),
    rewardBadgeId: z.string().trim().min(1).max(80).optional(),
  })
  .strict();

export const missionDraftSchema = missionFields.superRefine((d, ctx) => {
    if (d.templateId !== undefined) return;
    if (d.title === undefined) ctx.addIssue({ code: 'custom', path: ['title'], message: 'Required without a templateId' });
    if (d.criteria === undefined) ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'Required without a templateId' });
    if (d.target === undefined) ctx.addIssue({ code: 'custom', path: ['target'], message: 'Required without a templateId' });
  });
export type MissionDraft = z.infer<typeof missionDraftSchema>;

/** Editing a mission (a new version): only the fields that change; the rest stay as they are. */
export const editMissionBodySchema = missionFields.omit({ templateId: true });
export type MissionEdit = z.infer<typeof editMissionBodySchema>;

/** A lead or admin creates a mission (active at once); a template or builder draft with an audience. */
export const createMissionBodySchema = missionDraftSchema;
/** Staff propose a mission; the audience defaults to the proposer's team. */
export const proposeMissionBodySchema = missionDraftSchema;

export const proposeBadgeBodySchema = z
  .object({
    name: z.string().trim().min(BADGE_NAME_MIN).max(BADGE_NAME_MAX),
    description: z.string().trim().min(1).max(BADGE_DESCRIPTION_MAX),
    icon: badgeIconSchema,
    criteria: missionCriteriaSchema,
    threshold: z.number().int().min(1).max(BADGE_THRESHOLD_MAX),
    bonusPoints: z.number().int().min(0).max(MAX_BADGE_BONUS),
  })
  .strict();
export type ProposeBadgeBody = z.infer<typeof proposeBadgeBodySchema>;

/** Approving or rejecting a proposal: the reason is required (the proposer reads it). */
export const decisionBodySchema = z.object({ reason: z.string().trim().min(1, 'A reason is required').max(PROPOSAL_DECISION_REASON_MAX) }).strict();

export const missionIdParamSchema = z.object({ id: z.string().trim().min(1).max(80) }).strict();

export const proposalsQuerySchema = z
  .object({
    status: z.enum(['pending', 'approved', 'rejected', 'all']).default('all'),
  })
  .strict();

export interface PersonName {
  id: string;
  name: string;
}

export interface MissionProgressView {
  /** the person (person missions) or the team (team missions) */
  participantId: string;
  progress: number;
  completed: boolean;
  completedAt?: string;
}

export interface MissionView {
  id: string;
  version: number;
  title: string;
  description: string;
  scope: 'person' | 'team';
  audience: MissionAudience;
  /** the audience in words: "Everyone", "NOC North", "Eve Engineer, Ed Engineer" */
  audienceText: string;
  criteria: MissionCriteria;
  /** what counts in words */
  criteriaText: string;
  target: number;
  startsAt: string;
  endsAt: string;
  rewardPoints: number;
  rewardBadge?: { id: string; name: string; icon: string };
  createdBy: PersonName;
  proposedBy?: PersonName;
  /** as the viewer sees it: an active mission past its end has ended */
  status: MissionStatus;
  templateId?: string;
  /** the viewer's (or their team's) progress; absent when the viewer is not in the audience */
  mine?: MissionProgressView;
}

export type ProposalStatus = 'pending' | 'approved' | 'rejected';

export interface BadgeProposalView {
  name: string;
  description: string;
  icon: string;
  criteria: MissionCriteria;
  criteriaText: string;
  threshold: number;
  bonusPoints: number;
}

export interface ProposalView {
  id: string;
  kind: 'mission' | 'badge';
  status: ProposalStatus;
  /** the mission's title or the badge's name */
  title: string;
  proposedBy: PersonName;
  teamId: string | null;
  createdAt: string;
  mission?: MissionDraft & { criteriaText: string };
  badge?: BadgeProposalView;
  decidedBy?: PersonName;
  decidedAt?: string;
  reason?: string;
  /** the mission or badge id created on approval */
  resultId?: string;
}

export type MissionTemplateView = MissionTemplate;

/** Socket event `mission:progress`, to the person room (person missions) or team room (team missions). */
export interface MissionProgressEvent {
  missionId: string;
  scope: 'person' | 'team';
  participantId: string;
  progress: number;
  target: number;
  completed: boolean;
}
