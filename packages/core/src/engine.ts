import { copyToExtend } from './compact';
import type { ConditionContext } from './conditions';
import type { EngineConfig } from './config';
import { EventChanges } from './engine-changes';
import { payPerson } from './engine-pay';
import { judgeRepeatVisits } from './engine-sites';
import { dedupKeyOf, itemKeyOf, type OpsEvent } from './event';
import { isRealFollowUp } from './gates/follow-up';
import { applyInTimeOrder, withEngineFields, type InTimeOrder, type ItemEventRecord } from './gates/in-time-order';
import { effectiveTime, PARKED_REASON, PARKED_TRANSITIONS, type EventContext } from './gates/source-time';
import type { WithheldAward } from './gates/pay-gates';
import type { SiteHistory } from './gates/repeat-visit';
import { emptyReversible, reverseAward, type ReversibleAward, type RevokedBadge } from './gates/reversal';
import type { LedgerEntry, PersonRef } from './ledger';
import { minutesText } from './duration-text';
import { PLANNED_REASON } from './maintenance';
import { INCIDENT_CHILD_REASON, INCIDENT_REGROUP_REASON, isIncidentChild } from './incidents';
import { applyLedgerToProgress, type LevelUp } from './ledger-progress';
import { LIFECYCLES, type LifecycleEffect } from './lifecycles';
import type { PersonProgress } from './progress';
import { zonedParts, type WindowKeys, type ZonedParts } from './time-windows';
import type { PendingAward, WorkItem } from './work-item';

/** Read access the engine needs. The server backs it with SQLite, replay with Maps. */
export interface EngineStore {
  getItem(itemKey: string): WorkItem | undefined;
  getPerson(username: string): PersonRef | undefined;
  getProgress(personId: string): PersonProgress | undefined;
  /** visits and first-time fixes at a site or customer (`site:<id>` / `customer:<id>`) */
  getSiteHistory(key: string): SiteHistory | undefined;
  /** the item's applied events, in the order they were applied (read only when an event arrives late) */
  getItemEvents(itemKey: string): readonly ItemEventRecord[];
}

export interface BadgeAward {
  personId: string;
  badgeId: string;
  at: number;
}

export type { LevelUp } from './ledger-progress';

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
  /** awards kept out of the ledger: over a cap, or a burst held for the lead */
  withheld: WithheldAward[];
  /** progress of every person whose progress changed */
  progress: PersonProgress[];
  badges: BadgeAward[];
  /** badges taken back with the work that earned them */
  revokedBadges: RevokedBadge[];
  levelUps: LevelUp[];
  /** site and customer histories this event changed */
  siteHistory: { key: string; history: SiteHistory }[];
  /** a person's finishing event for an item whose start was never seen: kept, applied when the start arrives */
  parked?: boolean;
  /** the actor named no known person: nobody is paid and nobody becomes the assignee */
  unknownActor?: string;
  /** why the event paid nothing although it was applied (older than the pay horizon) */
  unpaid?: string;
  /** the person's awards for this event were held for review: nothing downstream moved either */
  held?: boolean;
  /** an incident's root cause was cleared: the incident is closed, its children are to be cleared with it */
  incidentClosed?: string;
}

/** Which person a transition's points go to: the actor, or for field and order work the assignee. */
function recipientOf(event: OpsEvent, item: WorkItem, store: EngineStore): PersonRef | undefined {
  const username = event.actor ?? (event.stream === 'alarm' ? undefined : item.assignee);
  return username === undefined ? undefined : store.getPerson(username);
}

function withoutActor(event: OpsEvent): OpsEvent {
  const copy = { ...event };
  delete copy.actor;
  return copy;
}

/**
 * The item without its waiting awards or its last resolution, as a new object (the other keys in their
 * order): deleting a key in place would turn the object into a slow dictionary that the store keeps.
 */
function withoutPending(item: WorkItem): WorkItem {
  const { pendingAwards: _pending, ...rest } = item;
  return rest;
}

function withoutResolution(item: WorkItem): WorkItem {
  const { lastResolution: _last, ...rest } = item;
  return rest;
}

/** An output for an event that was kept but not applied. */
function notApplied(eventKey: string, itemKey: string, at: number, windows: WindowKeys, reason: string, previous: WorkItem | undefined, parked = false): EngineOutput {
  const output: EngineOutput = { eventKey, itemKey, at, windows, applied: false, effects: [], ledger: [], withheld: [], progress: [], badges: [], revokedBadges: [], levelUps: [], siteHistory: [], reason };
  if (previous) output.previous = previous;
  if (parked) output.parked = true;
  return output;
}

/** A mid-life event older than the item's latest change, applied where it belongs in time (see applyInTimeOrder). */
function inTimeOrder(previous: WorkItem, acted: OpsEvent, at: number, store: EngineStore, itemKey: string, config: EngineConfig): InTimeOrder | undefined {
  const known = (e: OpsEvent): OpsEvent => (e.actor !== undefined && store.getPerson(e.actor) === undefined ? withoutActor(e) : e);
  return applyInTimeOrder(previous, acted, at, () => store.getItemEvents(itemKey), known, config.slaTable);
}

/** Work reported long after it happened pays nothing (outside a history import): it cannot be checked any more. */
function unpaidReason(event: OpsEvent, context: EventContext | undefined, config: EngineConfig): string | undefined {
  if (context?.receivedAt === undefined || context.history || !(context.receivedAt - Date.parse(event.occurredAt) > config.payHorizonMs)) return undefined;
  return `received ${minutesText(context.receivedAt - Date.parse(event.occurredAt))} after it happened: older than the pay horizon, so it pays nothing`;
}

/**
 * Undone work gives its points back: a re-raise inside the flap window reverses the clear's awards,
 * and the badge counters and badges it moved.
 */
function takeBackResolution(last: NonNullable<WorkItem['lastResolution']>, title: string, config: EngineConfig, changes: EventChanges): void {
  const sinceMs = changes.at - last.at;
  if (!(sinceMs / 60_000 <= config.flapWindowMinutes)) return;
  const byPerson = new Map<string, ReversibleAward>();
  for (const award of last.awards) {
    const r = byPerson.get(award.personId) ?? emptyReversible(award.personId);
    r.awards.push(award);
    byPerson.set(award.personId, r);
  }
  const clearer = last.awards.find((a) => !a.ruleId.startsWith('badge:'))?.personId ?? last.awards[0]?.personId;
  if (clearer !== undefined) {
    const r = byPerson.get(clearer) ?? emptyReversible(clearer);
    byPerson.set(clearer, { ...r, counterDeltas: last.counterDeltas ?? {}, badges: last.badges ?? [] });
  }
  const reason = `Reversed: ${title} was raised again ${minutesText(sinceMs)} after it was cleared (a clear counts once it holds for ${config.flapWindowMinutes} min)`;
  for (const r of byPerson.values()) reverseAward(r, reason, changes);
}

/**
 * Acknowledgements pay once the same person follows up in time; an unacknowledge or a re-raise drops
 * them. Returns the awards this event confirms and those still waiting.
 */
function settlePending(item: WorkItem, pending: readonly PendingAward[], previous: WorkItem | undefined, acted: OpsEvent, person: PersonRef | undefined, late: boolean, effects: readonly LifecycleEffect[], parts: ZonedParts, config: EngineConfig, changes: EventChanges): { confirmed: PendingAward[]; keep: PendingAward[] } {
  const { at } = changes;
  // A late event follows up only acknowledgements older than itself, and drops none of the later ones.
  const windowMs = config.ackFollowUpMinutes * 60_000;
  let mine = false;
  if (person !== undefined) {
    for (const p of pending) if (p.award.personId === person.id && at <= p.until && (!late || p.until - windowMs <= at)) mine = true;
  }
  const followUp = mine && person !== undefined && isRealFollowUp(acted, previous, item, changes.progressOf(person.id), parts.dayNo);
  const dropRest = !late && (effects.includes('unacknowledged') || effects.includes('reopened'));
  const confirmed: PendingAward[] = [];
  const keep: PendingAward[] = [];
  for (const p of pending) {
    if (at > p.until) continue;
    if (followUp && person?.id === p.award.personId && (!late || p.until - windowMs <= at)) confirmed.push(p);
    else if (!dropRest) keep.push(p);
  }
  return { confirmed, keep };
}

/**
 * Applies one event: the work item's lifecycle, scoring rules, the quality gates (flap-window
 * clawback, follow-up for acknowledgements, repeat visits, caps, bursts), badges, streaks,
 * skill tracks and levels. Pure: reads through `store`, returns everything that changed, writes nothing.
 */
export function processEvent(event: OpsEvent, store: EngineStore, config: EngineConfig, knownEventKey?: string, context?: EventContext): EngineOutput {
  const at = effectiveTime(event, context);
  const parts = zonedParts(at, config.timeZone);
  const { windows } = parts;
  const eventKey = knownEventKey ?? dedupKeyOf(event);
  const key = itemKeyOf(event);
  const previous = store.getItem(key);
  // Every entry and record of an item shares one key string (the stored item's), not one per event.
  const itemKey = previous?.key === key ? previous.key : key;
  if (!previous && event.actor !== undefined && PARKED_TRANSITIONS[event.stream].has(event.transition)) {
    return notApplied(eventKey, itemKey, at, windows, PARKED_REASON, undefined, true);
  }
  // An actor who is nobody we know is treated as automation: no points, never the assignee.
  const unknownActor = event.actor !== undefined && store.getPerson(event.actor) === undefined ? event.actor : undefined;
  const acted: OpsEvent = unknownActor === undefined ? event : withoutActor(event);
  // A mid-life event older than the item's latest change is applied where it belongs in time.
  const inOrder = previous && !(at >= previous.lastEventAt) ? inTimeOrder(previous, acted, at, store, itemKey, config) : undefined;
  if (inOrder && !inOrder.ok) return notApplied(eventKey, itemKey, at, windows, inOrder.reason, previous);
  const unpaid = unpaidReason(event, context, config);
  const result = inOrder && previous ? { ok: true as const, item: withEngineFields(inOrder.scored, previous), effects: inOrder.effects } : LIFECYCLES[event.stream](previous, acted, { at, slaTable: config.slaTable });
  if (!result.ok) return notApplied(eventKey, itemKey, at, windows, result.reason, previous);

  // The lifecycle hands back a new item, never the stored one: the engine finishes it in place
  // (the same keys in the same order as copying it at every step, without the copies).
  let item: WorkItem = result.item === previous ? copyToExtend(result.item) : result.item;
  item.lastEventAt = Math.max(result.item.lastEventAt, at);
  item.eventCount = (previous?.eventCount ?? 0) + 1;
  const effects = result.effects;
  const changes = new EventChanges(store, eventKey, itemKey, at, windows);

  if (effects.includes('reopened') && previous?.lastResolution) {
    takeBackResolution(previous.lastResolution, item.title, config, changes);
    item = withoutResolution(item);
  }
  // planned work (an alarm raised inside a maintenance window) pays nobody, for any of its transitions
  // one fault, many alarms: an incident's child pays nothing; its root's clear pays for all of it (incidents.ts)
  const unpaidWhy =
    unpaid ??
    (item.maintenanceWindowId !== undefined ? PLANNED_REASON : event.transition === 'grouped' ? INCIDENT_REGROUP_REASON : isIncidentChild(item) ? INCIDENT_CHILD_REASON : undefined);
  const person = unpaidWhy === undefined ? recipientOf(acted, item, store) : undefined;
  const pending = item.pendingAwards;
  let confirmed: PendingAward[] = [];
  if (pending?.length) {
    const settled = settlePending(item, pending, previous, acted, person, inOrder !== undefined, effects, parts, config, changes);
    confirmed = settled.confirmed;
    if (settled.keep.length) item.pendingAwards = settled.keep;
    else item = withoutPending(item);
  }

  const ctx: ConditionContext = { item, localHour: parts.hour, night: config.night, hasPerson: person !== undefined };
  const withheld: WithheldAward[] = [];
  const badges: BadgeAward[] = [];
  const late = inOrder ? { later: inOrder.later, final: inOrder.final } : undefined;
  const pay = person ? payPerson({ event, person, item, effects, confirmed, late, context, parts, ctx, config, changes, withheld, badges }) : undefined;

  // Late: what is kept is the whole life in time order, with what the engine keeps beside it.
  if (inOrder) item = withEngineFields(inOrder.final, item);
  if (item.stream === 'truckroll') judgeRepeatVisits(item, effects, person && pay ? { person, pay } : undefined, config, changes);

  // XP, levels and skill tracks follow the ledger, reversals included.
  const levelUps = applyLedgerToProgress(changes.ledger, changes);

  const output: EngineOutput = {
    eventKey,
    itemKey,
    at,
    windows,
    applied: true,
    effects,
    ledger: changes.ledger,
    withheld,
    progress: changes.progressChanges(),
    badges,
    revokedBadges: changes.revoked,
    levelUps,
    siteHistory: changes.siteChanges(),
  };
  // Optional fields after the others, in the order the output has always listed them.
  if (previous) output.previous = previous;
  output.item = item;
  if (unknownActor !== undefined) output.unknownActor = unknownActor;
  if (unpaidWhy !== undefined) output.unpaid = unpaidWhy;
  if (pay?.held) output.held = true;
  if (item.incidentRoot === true && item.incidentId !== undefined && effects.includes('resolved')) output.incidentClosed = item.incidentId;
  return output;
}
