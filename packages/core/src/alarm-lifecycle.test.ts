import { describe, expect, it } from 'vitest';
import { alarmLifecycle } from './lifecycles/alarm.lifecycle';
import { LIFECYCLES } from './lifecycles';
import { orderLifecycle } from './lifecycles/order.lifecycle';
import { truckrollLifecycle } from './lifecycles/truckroll.lifecycle';
import { DEFAULT_SLA_TABLE } from './sla';
import { MINUTE, T0, alarmEvent, at } from '../test-support/test-fixtures';
import { chain, rejectReason, step } from '../test-support/lifecycle-test-helpers';

describe('LIFECYCLES registry', () => {
  it('maps each stream to its lifecycle', () => {
    expect(LIFECYCLES.alarm).toBe(alarmLifecycle);
    expect(LIFECYCLES.order).toBe(orderLifecycle);
    expect(LIFECYCLES.truckroll).toBe(truckrollLifecycle);
  });
});

describe('alarm lifecycle (TMF642)', () => {
  const raise = alarmEvent('A1', 'raised', at(0), {
    attributes: { perceivedSeverity: 'major', alarmedObject: 'olt-7', probableCause: 'linkDown', customersAffected: 120, serviceAffecting: true },
  });

  it('raised creates an open, unacknowledged alarm with SLA clocks from its severity', () => {
    const { item, effects } = step(undefined, raise);
    expect(effects).toEqual(['created']);
    expect(item).toMatchObject({
      key: 'alarm:test:A1',
      stream: 'alarm',
      status: 'raised',
      ackState: 'unacknowledged',
      severity: 'major',
      title: 'linkDown on olt-7',
      open: true,
      openedAt: T0,
      count: 1,
      reraiseCount: 0,
      customersAffected: 120,
      serviceAffecting: true,
    });
    expect(item.sla.response.dueAt).toBe(T0 + 30 * MINUTE);
    expect(item.sla.resolution.dueAt).toBe(T0 + 480 * MINUTE);
  });

  it('defaults to warning severity and a generic title', () => {
    const { item } = step(undefined, alarmEvent('A2', 'raised', at(0)));
    expect(item.severity).toBe('warning');
    expect(item.title).toBe('Alarm');
    expect(item.sla.response.dueAt).toBe(T0 + 240 * MINUTE);
  });

  it('a repeated raise while open is an update that bumps the count', () => {
    const first = step(undefined, raise).item;
    const { item, effects } = step(first, alarmEvent('A1', 'raised', at(1)));
    expect(effects).toEqual(['updated']);
    expect(item.status).toBe('updated');
    expect(item.count).toBe(2);
    expect(item.reraiseCount).toBe(0);
    const explicit = step(item, alarmEvent('A1', 'raised', at(2), { attributes: { count: 9 } })).item;
    expect(explicit.count).toBe(9);
  });

  it('updated changes severity and retargets running clocks, keeping the start', () => {
    const first = step(undefined, raise).item;
    const { item, effects } = step(first, alarmEvent('A1', 'updated', at(5), { attributes: { perceivedSeverity: 'critical' } }));
    expect(effects).toEqual(['updated']);
    expect(item.severity).toBe('critical');
    expect(item.sla.response.startedAt).toBe(T0);
    expect(item.sla.response.dueAt).toBe(T0 + 15 * MINUTE);
    expect(item.sla.resolution.dueAt).toBe(T0 + 240 * MINUTE);
  });

  it('updated does not move a clock that already stopped', () => {
    const acked = chain([raise, alarmEvent('A1', 'acknowledged', at(10), { actor: 'alice' })]);
    const { item } = step(acked, alarmEvent('A1', 'updated', at(20), { attributes: { perceivedSeverity: 'critical' } }));
    expect(item.sla.response).toEqual(acked.sla.response);
    expect(item.sla.response.outcome).toBe('met');
    expect(item.sla.resolution.dueAt).toBe(T0 + 240 * MINUTE);
  });

  it('acknowledged is the first response: stops the response clock and assigns the actor', () => {
    const first = step(undefined, raise).item;
    const { item, effects } = step(first, alarmEvent('A1', 'acknowledged', at(10), { actor: 'alice' }));
    expect(effects).toEqual(['responded']);
    expect(item.ackState).toBe('acknowledged');
    expect(item.assignee).toBe('alice');
    expect(item.respondedAt).toBe(T0 + 10 * MINUTE);
    expect(item.respondedBy).toBe('alice');
    expect(item.sla.response).toMatchObject({ stoppedAt: T0 + 10 * MINUTE, outcome: 'met' });
    expect(item.sla.resolution.stoppedAt).toBeUndefined();
    expect(item.status).toBe('raised');
  });

  it('acknowledging twice is rejected; after unacknowledge a re-ack is an update, not a new response', () => {
    const acked = chain([raise, alarmEvent('A1', 'acknowledged', at(10), { actor: 'alice' })]);
    expect(rejectReason(acked, alarmEvent('A1', 'acknowledged', at(11), { actor: 'bob' }))).toBe('alarm is already acknowledged');

    const unacked = step(acked, alarmEvent('A1', 'unacknowledged', at(12), { actor: 'alice' }));
    expect(unacked.effects).toEqual(['unacknowledged']);
    expect(unacked.item.ackState).toBe('unacknowledged');
    expect(unacked.item.assignee).toBeUndefined();

    const reack = step(unacked.item, alarmEvent('A1', 'acknowledged', at(20), { actor: 'bob' }));
    expect(reack.effects).toEqual(['updated']);
    expect(reack.item.assignee).toBe('bob');
    expect(reack.item.respondedAt).toBe(T0 + 10 * MINUTE);
    expect(reack.item.respondedBy).toBe('alice');
  });

  it('unacknowledged is rejected for unknown, unacknowledged or cleared alarms', () => {
    expect(rejectReason(undefined, alarmEvent('A1', 'unacknowledged', at(0)))).toBe('unknown alarm');
    const first = step(undefined, raise).item;
    expect(rejectReason(first, alarmEvent('A1', 'unacknowledged', at(1)))).toBe('alarm is not acknowledged');
    const cleared = chain([raise, alarmEvent('A1', 'cleared', at(5))]);
    expect(rejectReason(cleared, alarmEvent('A1', 'unacknowledged', at(6)))).toBe('alarm is cleared');
  });

  it('cleared resolves and closes the alarm and stops both clocks', () => {
    const acked = chain([raise, alarmEvent('A1', 'acknowledged', at(10), { actor: 'alice' })]);
    const { item, effects } = step(acked, alarmEvent('A1', 'cleared', at(60), { actor: 'alice' }));
    expect(effects).toEqual(['resolved']);
    expect(item).toMatchObject({ status: 'cleared', open: false, resolvedAt: T0 + 60 * MINUTE, closedAt: T0 + 60 * MINUTE, resolvedBy: 'alice' });
    expect(item.sla.resolution).toMatchObject({ stoppedAt: T0 + 60 * MINUTE, outcome: 'met' });
    expect(item.sla.response.stoppedAt).toBe(T0 + 10 * MINUTE);
  });

  it('an automatic clear (no actor) has no resolvedBy', () => {
    const { item } = step(step(undefined, raise).item, alarmEvent('A1', 'cleared', at(5)));
    expect(item.resolvedBy).toBeUndefined();
    expect(item.open).toBe(false);
  });

  it('a clear after the resolution target is a breached resolution', () => {
    const { item } = step(step(undefined, raise).item, alarmEvent('A1', 'cleared', at(481), { actor: 'alice' }));
    expect(item.sla.resolution.outcome).toBe('breached');
    expect(item.sla.resolution.breachFlagged).toBe(true);
    expect(item.sla.response.outcome).toBe('breached');
  });

  it('rejects transitions on a cleared alarm and clears older than the raise', () => {
    const cleared = chain([raise, alarmEvent('A1', 'cleared', at(5))]);
    expect(rejectReason(cleared, alarmEvent('A1', 'cleared', at(6)))).toBe('alarm is already cleared');
    expect(rejectReason(cleared, alarmEvent('A1', 'updated', at(6)))).toBe('alarm is cleared');
    expect(rejectReason(cleared, alarmEvent('A1', 'acknowledged', at(6), { actor: 'alice' }))).toBe('alarm is cleared');
    const open = step(undefined, raise).item;
    expect(rejectReason(open, alarmEvent('A1', 'cleared', at(-1)))).toBe('clear is older than the raise');
  });

  it('rejects order and truck-roll transitions', () => {
    const open = step(undefined, raise).item;
    expect(rejectReason(open, alarmEvent('A1', 'inProgress', at(1)))).toBe('transition inProgress does not apply to alarms');
    expect(rejectReason(open, alarmEvent('A1', 'onSite', at(1)))).toBe('transition onSite does not apply to alarms');
  });

  it('a raise after a clear reopens the alarm with count + 1 and fresh clocks', () => {
    const cleared = chain([
      raise,
      alarmEvent('A1', 'acknowledged', at(5), { actor: 'alice' }),
      alarmEvent('A1', 'cleared', at(30), { actor: 'alice' }),
    ]);
    const { item, effects } = step(cleared, alarmEvent('A1', 'raised', at(100)));
    expect(effects).toEqual(['reopened']);
    expect(item).toMatchObject({ status: 'raised', ackState: 'unacknowledged', open: true, openedAt: T0 + 100 * MINUTE, count: 2, reraiseCount: 1 });
    expect(item.respondedAt).toBeUndefined();
    expect(item.respondedBy).toBeUndefined();
    expect(item.resolvedAt).toBeUndefined();
    expect(item.resolvedBy).toBeUndefined();
    expect(item.closedAt).toBeUndefined();
    expect(item.assignee).toBeUndefined();
    expect(item.sla.response).toEqual({ startedAt: T0 + 100 * MINUTE, dueAt: T0 + 130 * MINUTE, pausedMs: 0, atRiskFlagged: false, breachFlagged: false });
    expect(item.sla.resolution.dueAt).toBe(T0 + 580 * MINUTE);
  });

  it('a raise older than the clear it arrives after counts as a repeat of that life: the clear holds', () => {
    const cleared = chain([raise, alarmEvent('A1', 'cleared', at(30))]);
    const late = step(cleared, alarmEvent('A1', 'raised', at(29)));
    expect(late.effects).toEqual(['updated']);
    expect(late.item).toMatchObject({ open: false, status: 'cleared', count: cleared.count + 1, resolvedAt: cleared.resolvedAt });
  });

  it('events for an unknown alarm create it', () => {
    const updated = step(undefined, alarmEvent('U1', 'updated', at(0), { attributes: { perceivedSeverity: 'minor' } }));
    expect(updated.effects).toEqual(['created']);
    expect(updated.item).toMatchObject({ status: 'raised', severity: 'minor', open: true });

    const acked = step(undefined, alarmEvent('U2', 'acknowledged', at(0), { actor: 'bob' }));
    expect(acked.effects).toEqual(['created', 'responded']);
    expect(acked.item).toMatchObject({ ackState: 'acknowledged', assignee: 'bob', respondedAt: T0 });

    const cleared = step(undefined, alarmEvent('U3', 'cleared', at(0)));
    expect(cleared.effects).toEqual(['created', 'resolved']);
    expect(cleared.item).toMatchObject({ status: 'cleared', open: false, openedAt: T0, resolvedAt: T0 });
  });

  it('does not mutate the item it is given', () => {
    const first = step(undefined, raise).item;
    const copy = structuredClone(first);
    step(first, alarmEvent('A1', 'acknowledged', at(3), { actor: 'alice' }));
    step(first, alarmEvent('A1', 'cleared', at(4), { actor: 'alice' }));
    expect(first).toEqual(copy);
  });
});

describe('a clear that arrives before its raise', () => {
  it('opens the alarm at alarmRaisedTime so time to resolve is true', () => {
    const at = Date.parse('2026-11-20T08:41:47.000Z');
    const result = alarmLifecycle(
      undefined,
      { source: 'am', stream: 'alarm', externalKey: 'fp', transition: 'cleared', occurredAt: '2026-11-20T08:41:47.000Z', attributes: { alarmRaisedTime: '2026-11-20T08:15:02.118Z' } },
      { at, slaTable: DEFAULT_SLA_TABLE },
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.item.openedAt).toBe(Date.parse('2026-11-20T08:15:02.118Z'));
    expect(result.item.resolvedAt).toBe(at);
    const later = alarmLifecycle(
      undefined,
      { source: 'am', stream: 'alarm', externalKey: 'fp', transition: 'cleared', occurredAt: '2026-11-20T08:41:47.000Z', attributes: { alarmRaisedTime: '2026-11-21T00:00:00.000Z' } },
      { at, slaTable: DEFAULT_SLA_TABLE },
    );
    if (!later.ok) throw new Error(later.reason);
    expect(later.item.openedAt).toBe(at);
  });
});
