import type { BadgeDefinition } from './badges';
import type { ConditionContext } from './conditions';
import { allHold } from './conditions';
import type { EngineConfig } from './config';
import { dedupKeyOf, itemKeyOf, type OpsEvent } from './event';
import type { LedgerEntry, PersonRef } from './ledger';
import { levelForXp } from './levels';
import { LIFECYCLES, type LifecycleEffect } from './lifecycles';
import { emptyProgress, type PersonProgress } from './progress';
import { describeScore, scoreTransition } from './scoring';
import { recordActivity } from './streaks';
import { dayNumber, localParts, windowKeysFromParts, type WindowKeys } from './time-windows';
import type { AwardRef, WorkItem } from './work-item';

/** Read access the engine needs. The server backs it with SQLite, replay with Maps. */
export interface EngineStore {
  getItem(itemKey: string): WorkItem | undefined;
  getPerson(username: string): PersonRef | undefined;
  getProgress(personId: string): PersonProgress | undefined;
}

export interface BadgeAward {
  personId: string;
  badgeId: string;
  at: number;
}

export interface LevelUp {
  personId: string;
  from: number;
  to: number;
}

export interface EngineOutput {
  eventKey: string;
  itemKey: string;
  at: number;
  windows: WindowKeys;
  applied: boolean;
  /** why an event was not applied (an impossible transition, say); it is still kept in the log */
  reason?: string;
  effects: LifecycleEffect[];
  previous?: WorkItem;
  item?: WorkItem;
  ledger: LedgerEntry[];
  /** progress of every person whose progress changed */
  progress: PersonProgress[];
  badges: BadgeAward[];
  levelUps: LevelUp[];
}

function cloneProgress(p: PersonProgress): PersonProgress {
  return { ...p, streak: { ...p.streak }, counters: { ...p.counters }, badges: { ...p.badges } };
}

/** Which person a transition's points go to: the actor, or for field and order work the assignee. */
function recipientOf(event: OpsEvent, item: WorkItem, store: EngineStore): PersonRef | undefined {
  const username = event.actor ?? (event.stream === 'alarm' ? undefined : item.assignee);
  return username === undefined ? undefined : store.getPerson(username);
}

/** Advances a badge's counter; returns true when it is earned by this step. */
function advanceBadge(badge: BadgeDefinition, progress: PersonProgress, item: WorkItem, ctx: ConditionContext, day: string): boolean {
  if (progress.badges[badge.id] !== undefined) return false;
  const holds = allHold(badge.conditions, ctx);
  const counters = progress.counters;
  const current = counters[badge.id] ?? 0;
  switch (badge.counting) {
    case 'count':
      if (holds) counters[badge.id] = current + 1;
      break;
    case 'sum':
      if (holds) counters[badge.id] = current + Math.max(0, item.customersAffected);
      break;
    case 'consecutive':
      // A cancellation is the customer's doing, not a miss: it neither extends nor breaks the run.
      if (item.sla.resolution.outcome === 'cancelled') break;
      counters[badge.id] = holds ? current + 1 : 0;
      break;
    case 'perDay': {
      const dayKey = `${badge.id}@day`;
      const today = dayNumber(day);
      if (!holds) break;
      counters[badge.id] = counters[dayKey] === today ? current + 1 : 1;
      counters[dayKey] = today;
      break;
    }
    case 'streak':
      return false;
  }
  return (counters[badge.id] ?? 0) >= badge.threshold;
}

/**
 * Applies one event: the work item's lifecycle, scoring rules, clawbacks, badges, streaks and
 * levels. Pure: reads through `store`, returns everything that changed, writes nothing.
 */
export function processEvent(event: OpsEvent, store: EngineStore, config: EngineConfig): EngineOutput {
  const at = Date.parse(event.occurredAt);
  const parts = localParts(at, config.timeZone);
  const windows = windowKeysFromParts(parts);
  const eventKey = dedupKeyOf(event);
  const itemKey = itemKeyOf(event);
  const base: EngineOutput = { eventKey, itemKey, at, windows, applied: false, effects: [], ledger: [], progress: [], badges: [], levelUps: [] };

  const previous = store.getItem(itemKey);
  const result = LIFECYCLES[event.stream](previous, event, { at, slaTable: config.slaTable });
  if (!result.ok) return { ...base, reason: result.reason, ...(previous ? { previous } : {}) };

  let item: WorkItem = { ...result.item, lastEventAt: Math.max(result.item.lastEventAt, at), eventCount: (previous?.eventCount ?? 0) + 1 };
  const effects = result.effects;
  const ledger: LedgerEntry[] = [];
  const touched = new Map<string, PersonProgress>();
  const progressOf = (personId: string): PersonProgress => {
    let p = touched.get(personId);
    if (!p) {
      const stored = store.getProgress(personId);
      p = stored ? cloneProgress(stored) : emptyProgress(personId);
      touched.set(personId, p);
    }
    return p;
  };

  // Undone work gives its points back: a re-raise inside the flap window reverses the clear's awards.
  if (effects.includes('reopened') && previous?.lastResolution) {
    const minutesSince = (at - previous.lastResolution.at) / 60_000;
    if (minutesSince <= config.flapWindowMinutes) {
      for (const award of previous.lastResolution.awards) {
        ledger.push({
          entryId: `${eventKey}#reverse#${award.entryId}`,
          personId: award.personId,
          teamId: award.teamId,
          points: -award.points,
          ruleId: award.ruleId,
          ruleVersion: award.ruleVersion,
          eventKey,
          itemKey,
          reason: `Reversed: ${item.title} was raised again ${Math.round(minutesSince)} min after it was cleared (flap window ${config.flapWindowMinutes} min)`,
          at,
          windows,
          reversalOf: award.entryId,
        });
      }
    }
    const rest: WorkItem = { ...item };
    delete rest.lastResolution;
    item = rest;
  }

  const person = recipientOf(event, item, store);
  const ctx: ConditionContext = { item, localHour: parts.hour, night: config.night, hasPerson: person !== undefined };
  const badges: BadgeAward[] = [];
  if (person) {
    const scores = scoreTransition(event.transition, effects, item, at, ctx, config);
    const awards: AwardRef[] = [];
    for (const score of scores) {
      const entryId = `${eventKey}#${score.rule.id}#${person.id}`;
      ledger.push({
        entryId,
        personId: person.id,
        teamId: person.teamId,
        points: score.points,
        ruleId: score.rule.id,
        ruleVersion: score.rule.version,
        eventKey,
        itemKey,
        reason: describeScore(score, item),
        at,
        windows,
      });
      awards.push({ entryId, personId: person.id, teamId: person.teamId, points: score.points, ruleId: score.rule.id, ruleVersion: score.rule.version });
    }
    if (effects.includes('resolved') && awards.length > 0) item = { ...item, lastResolution: { at, awards } };

    const progress = progressOf(person.id);
    const triggered = config.badges.filter((b) => b.triggers.some((t) => (t.stream === undefined || t.stream === item.stream) && effects.includes(t.effect)));
    for (const badge of triggered) {
      if (advanceBadge(badge, progress, item, ctx, parts.day)) badges.push({ personId: person.id, badgeId: badge.id, at });
    }
    if (scores.some((s) => s.points > 0)) {
      progress.streak = recordActivity(progress.streak, parts.day, person.workDays ?? config.defaultWorkDays);
      for (const badge of config.badges) {
        if (badge.counting !== 'streak' || progress.badges[badge.id] !== undefined) continue;
        progress.counters[badge.id] = Math.max(progress.counters[badge.id] ?? 0, progress.streak.current);
        if (progress.streak.current >= badge.threshold) badges.push({ personId: person.id, badgeId: badge.id, at });
      }
    }
    for (const award of badges) {
      const badge = config.badges.find((b) => b.id === award.badgeId);
      if (!badge) continue;
      progress.badges[badge.id] = at;
      if (badge.bonusPoints > 0) {
        ledger.push({
          entryId: `${eventKey}#badge:${badge.id}#${person.id}`,
          personId: person.id,
          teamId: person.teamId,
          points: badge.bonusPoints,
          ruleId: `badge:${badge.id}`,
          ruleVersion: badge.version,
          eventKey,
          itemKey,
          reason: `Badge earned: ${badge.name}`,
          at,
          windows,
        });
      }
    }
  }

  const levelUps: LevelUp[] = [];
  const xpDelta = new Map<string, number>();
  for (const entry of ledger) xpDelta.set(entry.personId, (xpDelta.get(entry.personId) ?? 0) + entry.points);
  for (const [personId, delta] of xpDelta) {
    const progress = progressOf(personId);
    const from = levelForXp(progress.xp);
    progress.xp += delta;
    const to = levelForXp(progress.xp);
    if (to > from) levelUps.push({ personId, from, to });
  }

  return {
    ...base,
    applied: true,
    effects,
    ...(previous ? { previous } : {}),
    item,
    ledger,
    progress: [...touched.values()],
    badges,
    levelUps,
  };
}
