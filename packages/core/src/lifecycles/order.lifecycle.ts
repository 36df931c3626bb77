import { pauseClock, resumeClock, stopClock } from '../sla';
import type { WorkItem } from '../work-item';
import { createItem, mergeAttributes, resolve, retarget, stopBoth } from './item-factory';
import type { Lifecycle, LifecycleEffect, LifecycleResult } from './lifecycle.types';
import { applySlaEvent } from './sla-events';

const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'rejected']);
/** Waiting on the customer or a dependency: the SLA clocks pause, as ITSM tools do. */
const PAUSING = new Set(['held', 'pending']);

/**
 * TMF622 ProductOrder lifecycle. acknowledged -> inProgress <-> held / pending -> completed | failed |
 * cancelled (rejected straight from acknowledged). The first move to inProgress is the response;
 * completed is the resolution; failed counts as a breached resolution; cancelled and rejected
 * stop the clocks without a verdict. The item is copied once (created or merged) and then changed in
 * place: the same keys in the same order as spreading it at every step.
 */
export const orderLifecycle: Lifecycle = (current, event, ctx) => {
  const { at, slaTable } = ctx;
  const transition = event.transition;
  if (transition === 'slaAtRisk' || transition === 'slaBreached') return applySlaEvent(current, event, at);
  if (!['acknowledged', 'inProgress', 'held', 'pending', 'completed', 'failed', 'cancelled', 'rejected'].includes(transition)) {
    return { ok: false, reason: `transition ${transition} does not apply to orders` };
  }
  const effects: LifecycleEffect[] = [];
  let item: WorkItem;
  if (!current) {
    item = createItem(event, at, slaTable, 'acknowledged');
    effects.push('created');
  } else {
    if (TERMINAL.has(current.status)) return { ok: false, reason: `order is already ${current.status}` };
    if (current.status === transition) return { ok: false, reason: `order is already ${transition}` };
    if (transition === 'rejected' && current.status !== 'acknowledged') return { ok: false, reason: `cannot reject an order that is ${current.status}` };
    if (at < current.openedAt) return { ok: false, reason: 'event is older than the order' };
    const before = current.priority;
    item = mergeAttributes(current, event);
    if (item.priority !== before) item = retarget(item, slaTable);
  }
  const wasPaused = current !== undefined && PAUSING.has(current.status);
  if (wasPaused && !PAUSING.has(transition)) {
    item.sla = { response: resumeClock(item.sla.response, at), resolution: resumeClock(item.sla.resolution, at) };
    effects.push('resumed');
  }
  const actor = event.actor;
  switch (transition) {
    case 'acknowledged':
      if (current) effects.push('updated');
      break;
    case 'inProgress':
      if (actor !== undefined) item.assignee = actor;
      if (item.respondedAt === undefined) {
        item.respondedAt = at;
        if (actor !== undefined) item.respondedBy = actor;
        item.sla = { ...item.sla, response: stopClock(item.sla.response, at) };
        effects.push('responded');
      } else if (!effects.includes('resumed')) {
        effects.push('updated');
      }
      break;
    case 'held':
    case 'pending':
      if (!wasPaused) {
        item.sla = { response: pauseClock(item.sla.response, at), resolution: pauseClock(item.sla.resolution, at) };
        effects.push('paused');
      } else {
        effects.push('updated');
      }
      break;
    case 'completed':
      resolve(item, at, actor);
      effects.push('resolved');
      break;
    case 'failed':
      item.closedAt = at;
      item.open = false;
      item.sla = { response: stopClock(item.sla.response, at), resolution: { ...stopClock(item.sla.resolution, at), outcome: 'breached', breachFlagged: true } };
      effects.push('closedUnresolved');
      break;
    case 'cancelled':
    case 'rejected':
      item.closedAt = at;
      item.open = false;
      item.sla = stopBoth(item, at, true);
      effects.push('closedUnresolved');
      break;
  }
  item.status = transition;
  return { ok: true, item, effects } satisfies LifecycleResult;
};
