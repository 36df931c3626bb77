import { isIncidentChild } from './incidents';
import type { BadgeDefinition } from './badges';
import { allHold, type Condition } from './conditions';
import type { OpsEvent, Stream } from './event';
import type { LifecycleEffect } from './lifecycles/lifecycle.types';
import { dayFromNumber, dayNumber, localParts, startOfLocalDay } from './time-windows';
import type { WorkItem } from './work-item';

/**
 * Missions: time-boxed goals for a person or a team, defined as data (no code). Each participant
 * (a person, or a team for team missions) has its own progress towards the target.
 */
export type MissionScope = 'person' | 'team';

/**
 * - count: +1 each time the trigger fires and the conditions hold
 * - sum: adds the item's customersAffected each time
 * - consecutive: a run. The item conditions (severity, priority, flags, night shift) say which
 *   work is in scope; the SLA conditions say whether it was a hit (+1) or a miss (back to 0). So
 *   "clear every critical within SLA": a major is out of scope, a critical cleared late breaks the run.
 *   Without SLA conditions, in-scope work is a hit and out-of-scope work (the trigger fired) a miss.
 */
export type MissionCounting = 'count' | 'sum' | 'consecutive';
export const MISSION_COUNTINGS = ['count', 'sum', 'consecutive'] as const satisfies readonly MissionCounting[];

export type MissionStatus = 'proposed' | 'active' | 'rejected' | 'completed' | 'ended';
export const MISSION_STATUSES = ['proposed', 'active', 'rejected', 'completed', 'ended'] as const satisfies readonly MissionStatus[];

/** The effects a mission (or a co-created badge) can count. */
export const MISSION_EFFECTS = ['responded', 'resolved', 'rated', 'closedUnresolved'] as const satisfies readonly LifecycleEffect[];
export type MissionEffect = (typeof MISSION_EFFECTS)[number];

export type MissionAudience = { kind: 'everyone' } | { kind: 'team'; teamId: string } | { kind: 'people'; personIds: string[] };

/** What counts towards a mission: a lifecycle effect on a stream, with conditions on the item. */
export interface MissionCriteria {
  /** any stream when omitted */
  stream?: Stream;
  effect: MissionEffect;
  conditions: Condition[];
  counting: MissionCounting;
}

export interface MissionDefinition {
  id: string;
  /** editing creates a new version */
  version: number;
  title: string;
  description: string;
  scope: MissionScope;
  audience: MissionAudience;
  criteria: MissionCriteria;
  target: number;
  /** epoch ms, inclusive */
  startsAt: number;
  /** epoch ms, inclusive */
  endsAt: number;
  rewardPoints: number;
  /** an approved co-created badge given on completion */
  rewardBadgeId?: string;
  createdBy: string;
  /** the person who proposed it, when co-created */
  proposedBy?: string;
  status: MissionStatus;
  /** the template it started from, if any */
  templateId?: string;
}

/** Who may take part, as the mission sees them. */
export interface MissionPerson {
  id: string;
  teamId: string | null;
}

/** One applied change of a work item, as the ingest path reports it. */
export interface MissionChange {
  event: Pick<OpsEvent, 'stream' | 'occurredAt'>;
  effects: readonly LifecycleEffect[];
  item: WorkItem;
}

export interface MissionContext {
  timeZone: string;
  night: { startHour: number; endHour: number };
}

/** What one change does to a mission: nothing, adds an amount, or (consecutive) a miss that resets it. */
export type MissionContribution = { kind: 'none' } | { kind: 'add'; amount: number } | { kind: 'miss' };

export const NO_CONTRIBUTION: MissionContribution = { kind: 'none' };

/** Whether a time (epoch ms) falls within the mission's window (both ends inclusive). */
export function withinMissionWindow(mission: Pick<MissionDefinition, 'startsAt' | 'endsAt'>, at: number): boolean {
  return at >= mission.startsAt && at <= mission.endsAt;
}

/** The participant whose progress a person's work moves: the person, or their team; undefined when not in the audience. */
export function participantOf(mission: Pick<MissionDefinition, 'scope' | 'audience'>, person: MissionPerson): string | undefined {
  const { audience } = mission;
  const inAudience =
    audience.kind === 'everyone' ||
    (audience.kind === 'team' && person.teamId === audience.teamId) ||
    (audience.kind === 'people' && audience.personIds.includes(person.id));
  if (!inAudience) return undefined;
  if (mission.scope === 'team') return person.teamId ?? undefined;
  return person.id;
}

/** How a change counts towards a mission (window, trigger, conditions); the mission's status is the caller's concern. */
export function missionContribution(mission: Pick<MissionDefinition, 'criteria' | 'startsAt' | 'endsAt'>, change: MissionChange, ctx: MissionContext): MissionContribution {
  const { criteria } = mission;
  // planned work (an alarm raised inside a maintenance window) moves no mission, as it pays no points
  // nor does an incident's child: its root's clear counts for the whole incident
  if (change.item.maintenanceWindowId !== undefined || isIncidentChild(change.item)) return NO_CONTRIBUTION;
  if (criteria.stream !== undefined && change.event.stream !== criteria.stream) return NO_CONTRIBUTION;
  if (!change.effects.includes(criteria.effect)) return NO_CONTRIBUTION;
  const at = Date.parse(change.event.occurredAt);
  if (Number.isNaN(at) || !withinMissionWindow(mission, at)) return NO_CONTRIBUTION;
  const cctx = { item: change.item, localHour: localParts(at, ctx.timeZone).hour, night: ctx.night, hasPerson: true };
  if (criteria.counting === 'consecutive') {
    const quality = criteria.conditions.filter((c) => c.kind === 'slaMet');
    const scope = criteria.conditions.filter((c) => c.kind !== 'slaMet');
    if (quality.length > 0) {
      if (!allHold(scope, cctx)) return NO_CONTRIBUTION;
      return allHold(quality, cctx) ? { kind: 'add', amount: 1 } : { kind: 'miss' };
    }
    return allHold(scope, cctx) ? { kind: 'add', amount: 1 } : { kind: 'miss' };
  }
  if (!allHold(criteria.conditions, cctx)) return NO_CONTRIBUTION;
  if (criteria.counting === 'sum') {
    const amount = Math.max(0, change.item.customersAffected);
    return amount > 0 ? { kind: 'add', amount } : NO_CONTRIBUTION;
  }
  return { kind: 'add', amount: 1 };
}

export interface MissionProgressState {
  progress: number;
  completed: boolean;
}

/** Progress after a contribution; completion is final (later misses do not undo it). */
export function applyContribution(state: MissionProgressState, target: number, c: MissionContribution): MissionProgressState {
  if (state.completed || c.kind === 'none') return state;
  if (c.kind === 'miss') return { progress: 0, completed: false };
  const progress = state.progress + c.amount;
  return { progress, completed: progress >= target };
}

/** Progress after a contribution was undone (the item was raised again): not below zero, not once completed. */
export function takeBackContribution(state: MissionProgressState, amount: number): MissionProgressState {
  if (state.completed) return state;
  return { progress: Math.max(0, state.progress - amount), completed: false };
}

/** The status a viewer sees: an active mission past its end has ended. */
export function effectiveMissionStatus(mission: Pick<MissionDefinition, 'status' | 'endsAt'>, now: number): MissionStatus {
  return mission.status === 'active' && now > mission.endsAt ? 'ended' : mission.status;
}

const MAX_TARGET = 1_000_000;
/** Rewards are bounded so a mission cannot dwarf the day's real work. */
export const MAX_MISSION_REWARD = 1000;
export const MAX_BADGE_BONUS = 200;

/** Problems with a definition, as `field: message`; empty when it is valid. */
export function missionProblems(m: Pick<MissionDefinition, 'title' | 'target' | 'startsAt' | 'endsAt' | 'rewardPoints' | 'criteria' | 'audience'>): string[] {
  const problems: string[] = [];
  if (m.title.trim() === '') problems.push('title: required');
  if (!Number.isInteger(m.target) || m.target < 1 || m.target > MAX_TARGET) problems.push(`target: a whole number from 1 to ${MAX_TARGET}`);
  if (!Number.isFinite(m.startsAt) || !Number.isFinite(m.endsAt) || m.endsAt <= m.startsAt) problems.push('endsAt: must be after startsAt');
  if (!Number.isInteger(m.rewardPoints) || m.rewardPoints < 0 || m.rewardPoints > MAX_MISSION_REWARD) problems.push(`rewardPoints: a whole number from 0 to ${MAX_MISSION_REWARD}`);
  if (!(MISSION_EFFECTS as readonly string[]).includes(m.criteria.effect)) problems.push('criteria.effect: not a countable effect');
  if (m.criteria.effect === 'rated' && m.criteria.stream !== undefined && m.criteria.stream !== 'truckroll') problems.push('criteria.effect: only truck-rolls are rated');
  if (m.audience.kind === 'people' && m.audience.personIds.length === 0) problems.push('audience.personIds: name at least one person');
  return problems;
}

/** A starting point for a lead: criteria, counting, a default target and reward, and the period it runs over. */
export interface MissionTemplate {
  id: string;
  title: string;
  description: string;
  scope: MissionScope;
  criteria: MissionCriteria;
  target: number;
  rewardPoints: number;
  /** the default window: the current week (Monday 00:00 to Sunday 23:59:59) or month, or N days from now */
  period: 'week' | 'month';
}

export const MISSION_TEMPLATES: readonly MissionTemplate[] = [
  {
    id: 'critical-sla-week',
    title: 'Clear every critical within SLA this week',
    description: 'Resolve critical alarms in a row within their resolution target; a critical resolved late resets the run.',
    scope: 'person',
    criteria: {
      stream: 'alarm',
      effect: 'resolved',
      conditions: [
        { kind: 'severityIn', values: ['critical'] },
        { kind: 'slaMet', target: 'resolution' },
      ],
      counting: 'consecutive',
    },
    target: 5,
    rewardPoints: 150,
    period: 'week',
  },
  {
    id: 'first-time-fixes-month',
    title: 'Ten first-time fixes this month',
    description: 'Complete ten truck-rolls fixed on the first visit.',
    scope: 'person',
    criteria: { stream: 'truckroll', effect: 'resolved', conditions: [{ kind: 'flag', flag: 'firstTimeFix', equals: true }], counting: 'count' },
    target: 10,
    rewardPoints: 200,
    period: 'month',
  },
  {
    id: 'acks-within-target-week',
    title: 'Acknowledge alarms within their response target this week',
    description: 'Acknowledge alarms before their response target runs out.',
    scope: 'person',
    criteria: { stream: 'alarm', effect: 'responded', conditions: [{ kind: 'slaMet', target: 'response' }], counting: 'count' },
    target: 20,
    rewardPoints: 100,
    period: 'week',
  },
  {
    id: 'vip-orders-within-target',
    title: 'Complete VIP orders within target',
    description: 'Complete VIP product orders within their resolution target.',
    scope: 'person',
    criteria: {
      stream: 'order',
      effect: 'resolved',
      conditions: [
        { kind: 'flag', flag: 'vip', equals: true },
        { kind: 'slaMet', target: 'resolution' },
      ],
      counting: 'count',
    },
    target: 5,
    rewardPoints: 120,
    period: 'month',
  },
  {
    id: 'protect-customers',
    title: 'Protect customers',
    description: 'Clear service-affecting alarms; every customer they affected counts.',
    scope: 'team',
    criteria: { stream: 'alarm', effect: 'resolved', conditions: [{ kind: 'flag', flag: 'serviceAffecting', equals: true }], counting: 'sum' },
    target: 5000,
    rewardPoints: 100,
    period: 'week',
  },
];

export function missionTemplate(id: string): MissionTemplate | undefined {
  return MISSION_TEMPLATES.find((t) => t.id === id);
}

/** The current local week (Monday to Sunday) or month containing `now`, as epoch ms bounds. */
export function periodBounds(period: 'week' | 'month', now: number, timeZone: string): { startsAt: number; endsAt: number } {
  const parts = localParts(now, timeZone);
  if (period === 'week') {
    const monday = dayNumber(parts.day) - (parts.weekday - 1);
    return { startsAt: startOfLocalDay(dayFromNumber(monday), timeZone), endsAt: startOfLocalDay(dayFromNumber(monday + 7), timeZone) - 1 };
  }
  const next = parts.month === 12 ? `${parts.year + 1}-01-01` : `${parts.year}-${String(parts.month + 1).padStart(2, '0')}-01`;
  return { startsAt: startOfLocalDay(`${parts.day.slice(0, 7)}-01`, timeZone), endsAt: startOfLocalDay(next, timeZone) - 1 };
}

export interface MissionOverrides {
  id: string;
  createdBy: string;
  audience: MissionAudience;
  now: number;
  timeZone: string;
  target?: number;
  rewardPoints?: number;
  rewardBadgeId?: string;
  startsAt?: number;
  endsAt?: number;
  title?: string;
}

/** An active mission (version 1) from a template and a lead's adjustments. */
export function missionFromTemplate(template: MissionTemplate, o: MissionOverrides): MissionDefinition {
  const bounds = periodBounds(template.period, o.now, o.timeZone);
  return {
    id: o.id,
    version: 1,
    title: o.title ?? template.title,
    description: template.description,
    scope: template.scope,
    audience: o.audience,
    criteria: { ...template.criteria, conditions: [...template.criteria.conditions] },
    target: o.target ?? template.target,
    startsAt: o.startsAt ?? bounds.startsAt,
    endsAt: o.endsAt ?? bounds.endsAt,
    rewardPoints: o.rewardPoints ?? template.rewardPoints,
    ...(o.rewardBadgeId ? { rewardBadgeId: o.rewardBadgeId } : {}),
    createdBy: o.createdBy,
    status: 'active',
    templateId: template.id,
  };
}

/** A co-created badge proposal's content (the parts a proposer writes). */
export interface BadgeProposalContent {
  name: string;
  description: string;
  icon: string;
  criteria: MissionCriteria;
  threshold: number;
  bonusPoints: number;
}

/** A url-safe slug of a name: "Night Fixer!" -> "night-fixer". */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug === '' ? 'badge' : slug;
}

/** An approved badge proposal as the engine's badge definition (awarded by the engine from then on). */
export function badgeFromProposal(id: string, content: BadgeProposalContent, proposedBy: string): BadgeDefinition {
  return {
    id,
    version: 1,
    name: content.name,
    description: content.description,
    icon: content.icon,
    counting: content.criteria.counting,
    threshold: content.threshold,
    triggers: [{ ...(content.criteria.stream ? { stream: content.criteria.stream } : {}), effect: content.criteria.effect }],
    // the engine counts only work done by a person towards a co-created badge
    conditions: [{ kind: 'byPerson' }, ...content.criteria.conditions],
    bonusPoints: content.bonusPoints,
    proposedBy,
  };
}

const STREAM_WORDS: Record<Stream, string> = { alarm: 'alarms', order: 'orders', truckroll: 'truck-rolls' };
const EFFECT_WORDS: Record<MissionEffect, string> = { responded: 'acknowledged', resolved: 'resolved', rated: 'rated', closedUnresolved: 'closed unresolved' };

function conditionWords(c: Condition): string {
  switch (c.kind) {
    case 'severityIn':
      return c.values.join(' or ');
    case 'priorityAtMost':
      return `priority ${c.value} or higher`;
    case 'flag': {
      const word = c.flag === 'serviceAffecting' ? 'service-affecting' : c.flag === 'vip' ? 'VIP' : 'first-time fix';
      return c.equals ? word : `not ${word}`;
    }
    case 'slaMet':
      return `within the ${c.target} target`;
    case 'nightShift':
      return 'on the night shift';
    case 'csatAtLeast':
      return `rated ${c.value}+`;
    case 'byPerson':
      return 'by a person';
    case 'inScope': {
      const places = [...c.scope.sites, ...c.scope.elements, ...c.scope.regions.map((r) => `region ${r}`)];
      return `at ${places.length > 3 ? `${places.slice(0, 3).join(', ')} and ${places.length - 3} more` : places.join(', ')}`;
    }
  }
}

/** What counts, in words: "resolved alarms: critical, within the resolution target (in a row)". */
export function describeCriteria(criteria: MissionCriteria): string {
  const what = `${EFFECT_WORDS[criteria.effect]} ${criteria.stream ? STREAM_WORDS[criteria.stream] : 'work items'}`;
  const conditions = criteria.conditions.filter((c) => c.kind !== 'byPerson').map(conditionWords);
  const how = criteria.counting === 'consecutive' ? ' (in a row; a miss starts again)' : criteria.counting === 'sum' ? ' (customers affected)' : '';
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}${conditions.length ? `: ${conditions.join(', ')}` : ''}${how}`;
}
