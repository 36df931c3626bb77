import { stopClock } from '../sla';
import type { WorkItem } from '../work-item';
import { createItem, mergeAttributes, retarget, slaClocksFor, stopBoth } from './item-factory';
import type { Lifecycle, LifecycleEffect, LifecycleResult } from './lifecycle.types';
import { applySlaEvent } from './sla-events';

const ok = (item: WorkItem, ...effects: LifecycleEffect[]): LifecycleResult => ({ ok: true, item, effects });
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
      if (!current) return ok(createItem(event, at, slaTable, 'raised'), 'created');
      if (current.open) {
        const merged = mergeAttributes(current, event);
        const count = event.attributes?.count ?? current.count + 1;
        const lastRaisedAt = Math.max(current.lastRaisedAt ?? current.openedAt, at);
        return ok(retarget({ ...merged, status: 'updated', count, lastRaisedAt }, slaTable), 'updated');
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
      return ok({ ...fresh, sla: slaClocksFor(fresh, at, slaTable) }, 'reopened');
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
      const merged = mergeAttributes(base, event);
      const first = merged.respondedAt === undefined;
      const next: WorkItem = {
        ...merged,
        ackState: 'acknowledged',
        ...(actor !== undefined ? { assignee: actor } : {}),
        ...(first ? { respondedAt: at, ...(actor !== undefined ? { respondedBy: actor } : {}) } : {}),
        sla: first ? { ...merged.sla, response: stopClock(merged.sla.response, at) } : merged.sla,
      };
      const effects: LifecycleEffect[] = current ? [] : ['created'];
      effects.push(first ? 'responded' : 'updated');
      return ok(next, ...effects);
    }
    case 'commented': {
      if (!current) return no('unknown alarm');
      if (!current.open) return no('alarm is cleared');
      const notes = event.attributes?.notes?.trim();
      if (!notes) return no('a comment needs text');
      return ok({ ...current, notes }, 'commented');
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
      const merged = mergeAttributes(base, event);
      const next: WorkItem = {
        ...merged,
        status: 'cleared',
        open: false,
        resolvedAt: at,
        closedAt: at,
        ...(actor !== undefined ? { resolvedBy: actor } : {}),
        sla: stopBoth(merged, at, false),
      };
      return ok(next, ...(current ? [] : (['created'] as LifecycleEffect[])), 'resolved');
    }
    case 'slaAtRisk':
    case 'slaBreached':
      return applySlaEvent(current, event, at);
    default:
      return no(`transition ${event.transition} does not apply to alarms`);
  }
};
