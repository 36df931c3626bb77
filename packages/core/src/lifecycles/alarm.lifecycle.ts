import { stopClock, type SlaTable } from '../sla';
import { copyToExtend } from '../compact';
import type { OpsEvent } from '../event';
import type { WorkItem } from '../work-item';
import { assignAttributes, createItem, mergeAttributes, retarget, slaClocksFor, stopBoth } from './item-factory';
import type { Lifecycle, LifecycleEffect, LifecycleResult } from './lifecycle.types';
import { applySlaEvent } from './sla-events';
import { outOfIncident, placeInIncident, startIncidentLife } from '../incidents';

const ok = (item: WorkItem, ...effects: LifecycleEffect[]): LifecycleResult => ({ ok: true, item, effects });

/**
 * A life that starts inside a maintenance window (the event carries the window's id, stamped at
 * ingest) is planned work: its SLA clocks stop at once as cancelled, so none runs or breaches, and it
 * is in no incident. A life that starts outside one is an ordinary fault again, even if the alarm's
 * last life was planned, and is in the incident the door stamped on its raise (incidents.ts), if any.
 */
function startLife(item: WorkItem, event: OpsEvent, at: number, slaTable: SlaTable): WorkItem {
  const windowId = event.attributes?.maintenanceWindowId;
  if (windowId !== undefined) return { ...outOfIncident(item), maintenanceWindowId: windowId, sla: stopBoth(item, at, true) };
  if (item.maintenanceWindowId === undefined) return startIncidentLife(item, event, at, slaTable);
  const { maintenanceWindowId: _planned, ...fault } = item;
  return startIncidentLife(fault, event, at, slaTable);
}
const no = (reason: string): LifecycleResult => ({ ok: false, reason });

/**
 * TMF642 alarm lifecycle: raised -> updated* -> cleared, with ackState toggled by acknowledge /
 * unacknowledge. A raise after a clear reopens the same alarm (count + 1), as OpenNMS does.
 * Events about an alarm we never saw create it, so out-of-order delivery loses nothing.
 */
export const alarmLifecycle: Lifecycle = (current, event, ctx) => {
  const { at, slaTable } = ctx;
  const actor = event.actor;
  switch (event.transition) {
    case 'raised': {
      if (!current) return ok(startLife(createItem(event, at, slaTable, 'raised'), event, at, slaTable), 'created');
      if (current.open) {
        const next = mergeAttributes(current, event);
        next.status = 'updated';
        next.count = event.attributes?.count ?? current.count + 1;
        next.lastRaisedAt = Math.max(current.lastRaisedAt ?? current.openedAt, at);
        return ok(retarget(next, slaTable), 'updated');
      }
      // A raise older than the clear arrived late: in time order it was a repeat of the life the clear
      // ended, so it counts as one (the clear still holds) instead of reopening or being refused.
      if (at < (current.closedAt ?? 0)) {
        const merged = mergeAttributes(current, event);
        return ok({ ...merged, status: current.status, count: event.attributes?.count ?? current.count + 1 }, 'updated');
      }
      const reopened = mergeAttributes(current, event);
      const fresh: WorkItem = {
        ...reopened,
        status: 'raised',
        ackState: 'unacknowledged',
        open: true,
        openedAt: at,
        count: event.attributes?.count ?? current.count + 1,
        reraiseCount: current.reraiseCount + 1,
      };
      delete fresh.respondedAt;
      delete fresh.respondedBy;
      delete fresh.resolvedAt;
      delete fresh.resolvedBy;
      delete fresh.closedAt;
      delete fresh.assignee;
      return ok(startLife({ ...fresh, sla: slaClocksFor(fresh, at, slaTable) }, event, at, slaTable), 'reopened');
    }
    case 'updated': {
      if (!current) return ok(createItem(event, at, slaTable, 'raised'), 'created');
      if (!current.open) return no('alarm is cleared');
      const merged = mergeAttributes(current, event);
      return ok(retarget({ ...merged, status: 'updated', count: event.attributes?.count ?? merged.count }, slaTable), 'updated');
    }
    case 'acknowledged': {
      const base = current ?? createItem(event, at, slaTable, 'raised');
      if (!base.open) return no('alarm is cleared');
      if (base.ackState === 'acknowledged') return no('alarm is already acknowledged');
      // One copy, then changed in place (the same keys in the same order as spreading it again).
      const next = current ? mergeAttributes(base, event) : assignAttributes(base, event);
      const first = next.respondedAt === undefined;
      next.ackState = 'acknowledged';
      if (actor !== undefined) next.assignee = actor;
      if (first) {
        next.respondedAt = at;
        if (actor !== undefined) next.respondedBy = actor;
        next.sla = { ...next.sla, response: stopClock(next.sla.response, at) };
      }
      const effects: LifecycleEffect[] = current ? [] : ['created'];
      effects.push(first ? 'responded' : 'updated');
      return ok(next, ...effects);
    }
    case 'commented': {
      if (!current) return no('unknown alarm');
      if (!current.open) return no('alarm is cleared');
      const notes = event.attributes?.notes?.trim();
      if (!notes) return no('a comment needs text');
      const next = copyToExtend(current);
      next.notes = notes;
      return ok(next, 'commented');
    }
    case 'unacknowledged': {
      if (!current) return no('unknown alarm');
      if (!current.open) return no('alarm is cleared');
      if (current.ackState !== 'acknowledged') return no('alarm is not acknowledged');
      const next: WorkItem = { ...current, ackState: 'unacknowledged' };
      delete next.assignee;
      return ok(next, 'unacknowledged');
    }
    case 'cleared': {
      // A clear for an alarm never seen raised opens it at its real raise time when the sender says it, so MTTR stays true.
      const raisedAt = Date.parse(event.attributes?.alarmRaisedTime ?? '');
      const base = current ?? createItem(event, Number.isNaN(raisedAt) || raisedAt > at ? at : raisedAt, slaTable, 'raised');
      if (!base.open) return no('alarm is already cleared');
      if (at < base.openedAt) return no('clear is older than the raise');
      // A raise after this clear arrived first: the alarm came back, so this clear did not hold.
      if (base.lastRaisedAt !== undefined && at < base.lastRaisedAt) return no('the alarm was raised again after this clear');
      const next = current ? mergeAttributes(base, event) : assignAttributes(base, event);
      next.status = 'cleared';
      next.open = false;
      next.resolvedAt = at;
      next.closedAt = at;
      if (actor !== undefined) next.resolvedBy = actor;
      next.sla = stopBoth(next, at, false);
      // an incident's root cause: its clear counts every customer the incident affected (stamped at the door)
      const customers = event.attributes?.incidentCustomers;
      if (next.incidentRoot === true && customers !== undefined && customers > next.customersAffected) next.customersAffected = customers;
      return current ? ok(next, 'resolved') : ok(next, 'created', 'resolved');
    }
    case 'grouped': {
      // OpsQuest's own: an open alarm moved into an incident, made its root, or split out of it (incidents.ts)
      if (!current) return no('unknown alarm');
      if (!current.open) return no('alarm is cleared');
      if (current.maintenanceWindowId !== undefined) return no('planned work is in no incident');
      const a = event.attributes;
      const next = placeInIncident(current, a?.incidentId, a?.incidentRole, at, slaTable);
      return ok(next, 'updated');
    }
    case 'slaAtRisk':
    case 'slaBreached':
      return applySlaEvent(current, event, at);
    default:
      return no(`transition ${event.transition} does not apply to alarms`);
  }
};
