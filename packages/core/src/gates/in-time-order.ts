import type { OpsEvent, Stream, Transition } from '../event';
import { LIFECYCLES, type LifecycleEffect } from '../lifecycles';
import type { SlaTable } from '../sla';
import { cloneProgress, type PersonProgress } from '../progress';
import { dayNumber, localParts } from '../time-windows';
import type { WorkItem } from '../work-item';
import { isRealFollowUp } from './follow-up';

/** An applied event of an item, as the store keeps it: `at` is the time it counts at (its effective time). */
export interface ItemEventRecord {
  eventKey: string;
  event: OpsEvent;
  at: number;
}

/**
 * The transitions that start or end an item's life keep their own rules when they arrive late (a raise
 * older than the clear repeats the life it ended; a clear older than a re-raise did not hold; a finish
 * before the start is parked). Everything in between is applied in time order by `applyInTimeOrder`.
 */
const LIFE_EDGES: Record<Stream, ReadonlySet<Transition>> = {
  alarm: new Set<Transition>(['raised', 'cleared']),
  order: new Set<Transition>(['completed', 'failed', 'cancelled', 'rejected']),
  truckroll: new Set<Transition>(['open', 'completed', 'unableToComplete', 'cancelled', 'rated']),
};

/**
 * An item with more events than this (a flapping alarm updated all day) is not refolded: a late event
 * of it is applied as it arrives, so no sender can make each event cost the whole history.
 */
export const IN_TIME_ORDER_MAX_EVENTS = 1_000;

/** One step of an item's life replayed in time order. */
export interface TimeOrderStep {
  /** its place among the item's events in time order */
  index: number;
  event: OpsEvent;
  at: number;
  before: WorkItem | undefined;
  after: WorkItem;
  effects: LifecycleEffect[];
}

export type InTimeOrder =
  | {
      ok: true;
      /** the item right after the late event, in time order: what the late event is scored on */
      scored: WorkItem;
      effects: LifecycleEffect[];
      /** the item after all its events in time order: what is kept */
      final: WorkItem;
      /** the steps after the late event, in time order (a follow-up that confirms a late acknowledgement is among them) */
      later: TimeOrderStep[];
    }
  | { ok: false; reason: string };

type Fold = { ok: true; steps: TimeOrderStep[] } | { ok: false; index: number; reason: string };

/** OpsQuest's own SLA timer flags (at risk, breached) are marks on a running clock, not work. */
const isSlaFlag = (event: OpsEvent): boolean => event.transition === 'slaAtRisk' || event.transition === 'slaBreached';

/**
 * The item's life, step by step. A timer flag that no longer applies in time order (the clock was
 * stopped earlier by the late event, so it was never at risk or breached) is dropped, not an
 * impossibility; `keep` is the one index whose refusal always counts (the late event itself).
 */
function fold(records: readonly { event: OpsEvent; at: number }[], slaTable: SlaTable, keep = -1): Fold {
  const steps: TimeOrderStep[] = [];
  let item: WorkItem | undefined;
  for (const [index, { event, at }] of records.entries()) {
    const result = LIFECYCLES[event.stream](item, event, { at, slaTable });
    if (!result.ok && isSlaFlag(event) && index !== keep) continue;
    if (!result.ok) return { ok: false, index, reason: result.reason };
    steps.push({ index, event, at, before: item, after: result.item, effects: result.effects });
    item = result.item;
  }
  return { ok: true, steps };
}

/**
 * Sorted by the time each counts at; equal times by event key, so that the order never depends on how
 * a store happens to list them (the server lists by arrival, replay by application).
 */
function byTime<T extends { at: number; eventKey: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => a.at - b.at || (a.eventKey < b.eventKey ? -1 : a.eventKey > b.eventKey ? 1 : 0));
}

/**
 * Out of order is normal: an event of an item that arrives after later events of the same item (a
 * ticketing system's acknowledgement that reaches OpsQuest after the clear, a technician's "on site"
 * after "completed") is applied where it belongs in time. The item's life is rebuilt from all its
 * events in time order, so its times, SLA clocks, MTTA and MTTR are what they would have been in order,
 * and the late event is scored on the item as it was at its own time.
 *
 * Returns undefined when the event is not late or is the start or end of a life (those keep their own
 * rules), or when the item's own history does not replay in time order or is longer than
 * IN_TIME_ORDER_MAX_EVENTS (then the event is applied as it arrives). A late event that, in time
 * order, is impossible, or would undo a later event of the item, is refused: kept in the log, not applied.
 *
 * `history` is the item's applied events in the order they were applied; `acted` strips actors who are
 * not known people, as the engine does for every event.
 */
export function applyInTimeOrder(
  previous: WorkItem,
  event: OpsEvent,
  at: number,
  history: () => readonly ItemEventRecord[],
  acted: (event: OpsEvent) => OpsEvent,
  slaTable: SlaTable,
): InTimeOrder | undefined {
  if (at >= previous.lastEventAt || LIFE_EDGES[event.stream].has(event.transition)) return undefined;
  const records = history();
  if (records.length === 0 || records.length > IN_TIME_ORDER_MAX_EVENTS) return undefined;
  const past = byTime(records.map((r) => ({ event: acted(r.event), at: r.at, eventKey: r.eventKey })));
  if (!fold(past, slaTable).ok) return undefined;
  const position = past.findIndex((r) => r.at > at);
  const lateIndex = position === -1 ? past.length : position;
  const ordered = [...past.slice(0, lateIndex), { event, at }, ...past.slice(lateIndex)];
  const replayed = fold(ordered, slaTable, lateIndex);
  if (!replayed.ok) {
    if (replayed.index === lateIndex) return { ok: false, reason: `${replayed.reason} (at the time it happened, before later events of this item that arrived first)` };
    const undone = ordered[replayed.index];
    const when = undone ? new Date(undone.at).toISOString() : 'later';
    return { ok: false, reason: `arrived after later events of this item and, in time order, would undo the ${undone?.event.transition ?? 'later'} event of ${when} (${replayed.reason}): kept, not applied` };
  }
  const step = replayed.steps.find((s) => s.index === lateIndex);
  const last = replayed.steps[replayed.steps.length - 1];
  if (!step || !last) return undefined;
  return { ok: true, scored: step.after, effects: step.effects, final: last.after, later: replayed.steps.filter((s) => s.index > lateIndex) };
}

/**
 * A state replayed in time order, carrying what the engine (not the lifecycle) keeps on the item: awards
 * waiting for a follow-up, the last resolution's awards (for the flap clawback), the latest event time
 * and the event count.
 */
export function withEngineFields(state: WorkItem, from: WorkItem): WorkItem {
  const item: WorkItem = { ...state, lastEventAt: from.lastEventAt, eventCount: from.eventCount };
  delete item.pendingAwards;
  delete item.lastResolution;
  if (from.pendingAwards !== undefined) item.pendingAwards = from.pendingAwards;
  if (from.lastResolution !== undefined) item.lastResolution = from.lastResolution;
  return item;
}

/**
 * A late acknowledgement's deferred points: in time order they were confirmed by the same person's
 * first real follow-up (a clear, a change, a note of substance) within the follow-up window, if one of
 * the later events is that. Checked on a copy of the person's progress: nothing is recorded.
 */
export function followUpInTimeOrder(
  later: readonly TimeOrderStep[],
  username: string,
  at: number,
  windowMs: number,
  progress: PersonProgress,
  timeZone: string,
): TimeOrderStep | undefined {
  const scratch = cloneProgress(progress);
  return later.find(
    (s) => s.event.actor === username && s.at >= at && s.at <= at + windowMs && isRealFollowUp(s.event, s.before, s.after, scratch, dayNumber(localParts(s.at, timeZone).day)),
  );
}
