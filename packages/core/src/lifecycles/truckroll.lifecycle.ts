import { stopClock } from '../sla';
import { tickChecklist } from '../job-details';
import { copyToExtend } from '../compact';
import type { WorkItem } from '../work-item';
import { createItem, mergeAttributes, resolve, slaClocksFor, stopBoth } from './item-factory';
import type { Lifecycle, LifecycleEffect, LifecycleResult } from './lifecycle.types';
import { applySlaEvent } from './sla-events';

const ORDER: Record<string, number> = { open: 0, dispatched: 1, onSite: 2, completed: 3, unableToComplete: 3, cancelled: 3 };
const TERMINAL = new Set(['completed', 'unableToComplete', 'cancelled']);

/** The customer's satisfaction score (1..5), once, after a completed visit. */
function rate(current: WorkItem | undefined, csat: number | undefined): LifecycleResult {
  if (!current) return { ok: false, reason: 'unknown truck-roll' };
  if (current.status !== 'completed') return { ok: false, reason: `only a completed visit can be rated (this one is ${current.status})` };
  if (current.csat !== undefined) return { ok: false, reason: 'the visit is already rated' };
  if (csat === undefined || !Number.isInteger(csat) || csat < 1 || csat > 5) return { ok: false, reason: 'a rating needs a csat score from 1 to 5' };
  const item = copyToExtend(current);
  item.csat = csat;
  return { ok: true, item, effects: ['rated'] };
}

/** A checklist item ticked or unticked while the visit is open: the status stays, nothing is paid. */
function tick(current: WorkItem | undefined, id: string | undefined, done: boolean | undefined, actor: string | undefined, at: number): LifecycleResult {
  if (!current) return { ok: false, reason: 'unknown truck-roll' };
  if (!current.open) return { ok: false, reason: `truck-roll is already ${current.status}` };
  if (id === undefined || done === undefined) return { ok: false, reason: 'a checklist tick needs checklistItemId and checklistDone' };
  const checklist = tickChecklist(current.checklist, id, done, actor, at);
  if (checklist === undefined) return { ok: false, reason: `checklist item ${id} is not on this truck-roll` };
  const item = copyToExtend(current);
  item.checklist = checklist;
  return { ok: true, item, effects: [] };
}

/**
 * Field work order (truck-roll): open -> dispatched -> onSite -> completed | unableToComplete,
 * or cancelled before completion. Arriving on site is the response (due by the end of the
 * appointment window when there is one); completion is the resolution. The item is copied once
 * (created or merged) and then changed in place, keeping the key order of a spread at every step.
 */
export const truckrollLifecycle: Lifecycle = (current, event, ctx) => {
  const { at, slaTable } = ctx;
  const transition = event.transition;
  if (transition === 'slaAtRisk' || transition === 'slaBreached') return applySlaEvent(current, event, at);
  if (transition === 'rated') return rate(current, event.attributes?.csat);
  if (transition === 'checklistTicked') return tick(current, event.attributes?.checklistItemId, event.attributes?.checklistDone, event.actor, at);
  if (ORDER[transition] === undefined) return { ok: false, reason: `transition ${transition} does not apply to truck-rolls` };
  const effects: LifecycleEffect[] = [];
  let item: WorkItem;
  if (!current) {
    item = createItem(event, at, slaTable, 'open');
    effects.push('created');
  } else {
    if (TERMINAL.has(current.status)) return { ok: false, reason: `truck-roll is already ${current.status}` };
    if ((ORDER[transition] ?? 0) <= (ORDER[current.status] ?? 0)) {
      return { ok: false, reason: `cannot go from ${current.status} to ${transition}` };
    }
    if (at < current.openedAt) return { ok: false, reason: 'event is older than the truck-roll' };
    const hadWindow = current.appointmentEnd;
    item = mergeAttributes(current, event);
    if (item.appointmentEnd !== hadWindow && item.sla.response.stoppedAt === undefined) {
      item.sla = slaClocksFor(item, item.openedAt, slaTable);
    }
  }
  const actor = event.actor;
  if (actor !== undefined && item.assignee === undefined) item.assignee = actor;
  switch (transition) {
    case 'open':
    case 'dispatched':
      if (current) effects.push('updated');
      break;
    case 'onSite':
      item.respondedAt = at;
      if (actor !== undefined) item.respondedBy = actor;
      item.sla = { ...item.sla, response: stopClock(item.sla.response, at) };
      effects.push('responded');
      break;
    case 'completed':
      resolve(item, at, actor);
      effects.push('resolved');
      break;
    case 'unableToComplete':
      item.closedAt = at;
      item.open = false;
      item.firstTimeFix = false;
      item.sla = { response: stopClock(item.sla.response, at), resolution: { ...stopClock(item.sla.resolution, at), outcome: 'breached', breachFlagged: true } };
      effects.push('closedUnresolved');
      break;
    case 'cancelled':
      item.closedAt = at;
      item.open = false;
      item.sla = stopBoth(item, at, true);
      effects.push('closedUnresolved');
      break;
  }
  item.status = transition;
  return { ok: true, item, effects } satisfies LifecycleResult;
};
