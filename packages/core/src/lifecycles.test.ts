import { describe, expect, it } from 'vitest';
import type { OpsEvent } from './event';
import { alarmLifecycle } from './lifecycles/alarm.lifecycle';
import type { LifecycleEffect, LifecycleResult } from './lifecycles/lifecycle.types';
import { LIFECYCLES } from './lifecycles';
import { orderLifecycle } from './lifecycles/order.lifecycle';
import { truckrollLifecycle } from './lifecycles/truckroll.lifecycle';
import { DEFAULT_SLA_TABLE } from './sla';
import { MINUTE, T0, alarmEvent, at, orderEvent, truckEvent } from './test-fixtures';
import type { WorkItem } from './work-item';

const ctxFor = (e: OpsEvent) => ({ at: Date.parse(e.occurredAt), slaTable: DEFAULT_SLA_TABLE });

/** Runs a lifecycle step and fails the test when it is rejected. */
function step(current: WorkItem | undefined, e: OpsEvent): { item: WorkItem; effects: LifecycleEffect[] } {
  const result = LIFECYCLES[e.stream](current, e, ctxFor(e));
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return { item: result.item, effects: result.effects };
}

/** Runs all events in order and returns the final item. */
function chain(events: OpsEvent[]): WorkItem {
  let item: WorkItem | undefined;
  for (const e of events) item = step(item, e).item;
  if (!item) throw new Error('no events');
  return item;
}

function rejectReason(current: WorkItem | undefined, e: OpsEvent): string {
  const result: LifecycleResult = LIFECYCLES[e.stream](current, e, ctxFor(e));
  if (result.ok) throw new Error(`expected ${e.transition} to be rejected`);
  return result.reason;
}

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

  it('a raise older than the clear it would reopen is rejected', () => {
    const cleared = chain([raise, alarmEvent('A1', 'cleared', at(30))]);
    expect(rejectReason(cleared, alarmEvent('A1', 'raised', at(29)))).toBe('raise is older than the clear it would reopen');
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

describe('order lifecycle (TMF622)', () => {
  const ack = orderEvent('O1', 'acknowledged', at(0), { attributes: { priority: 1, vip: true, customer: 'ACME' } });

  it('acknowledged creates the order with clocks from its priority', () => {
    const { item, effects } = step(undefined, ack);
    expect(effects).toEqual(['created']);
    expect(item).toMatchObject({ status: 'acknowledged', priority: 1, vip: true, customer: 'ACME', open: true, title: 'Order O1' });
    expect(item.sla.response.dueAt).toBe(T0 + 120 * MINUTE);
    expect(item.sla.resolution.dueAt).toBe(T0 + 1440 * MINUTE);
  });

  it('priority defaults to 2', () => {
    const { item } = step(undefined, orderEvent('O2', 'acknowledged', at(0)));
    expect(item.priority).toBe(2);
    expect(item.sla.response.dueAt).toBe(T0 + 240 * MINUTE);
  });

  it('a requested completion date later than the target extends the resolution due time', () => {
    const requested = T0 + 3 * 24 * 60 * MINUTE;
    const { item } = step(undefined, orderEvent('O3', 'acknowledged', at(0), { attributes: { priority: 1, requestedCompletionDate: new Date(requested).toISOString() } }));
    expect(item.sla.resolution.dueAt).toBe(requested);
    const early = step(undefined, orderEvent('O4', 'acknowledged', at(0), { attributes: { priority: 1, requestedCompletionDate: at(60) } })).item;
    expect(early.sla.resolution.dueAt).toBe(T0 + 1440 * MINUTE);
  });

  it('inProgress is the response; the handler becomes the assignee', () => {
    const { item, effects } = step(step(undefined, ack).item, orderEvent('O1', 'inProgress', at(30), { actor: 'bob' }));
    expect(effects).toEqual(['responded']);
    expect(item).toMatchObject({ status: 'inProgress', assignee: 'bob', respondedAt: T0 + 30 * MINUTE, respondedBy: 'bob' });
    expect(item.sla.response.outcome).toBe('met');
  });

  it('held and pending pause both clocks; resuming shifts the due times by the pause', () => {
    const started = chain([ack, orderEvent('O1', 'inProgress', at(30), { actor: 'bob' })]);
    const held = step(started, orderEvent('O1', 'held', at(60), { actor: 'bob' }));
    expect(held.effects).toEqual(['paused']);
    expect(held.item.status).toBe('held');
    expect(held.item.sla.resolution.pausedSince).toBe(T0 + 60 * MINUTE);
    expect(held.item.sla.response.pausedSince).toBeUndefined(); // already stopped

    const pending = step(held.item, orderEvent('O1', 'pending', at(90)));
    expect(pending.effects).toEqual(['updated']);
    expect(pending.item.sla.resolution.pausedSince).toBe(T0 + 60 * MINUTE);

    const resumed = step(pending.item, orderEvent('O1', 'inProgress', at(180), { actor: 'bob' }));
    expect(resumed.effects).toEqual(['resumed']);
    expect(resumed.item.sla.resolution.pausedSince).toBeUndefined();
    expect(resumed.item.sla.resolution.pausedMs).toBe(120 * MINUTE);
    expect(resumed.item.sla.resolution.dueAt).toBe(T0 + (1440 + 120) * MINUTE);
  });

  it('a pause before the response pauses the response clock too', () => {
    const held = step(step(undefined, ack).item, orderEvent('O1', 'pending', at(10)));
    expect(held.item.sla.response.pausedSince).toBe(T0 + 10 * MINUTE);
    const started = step(held.item, orderEvent('O1', 'inProgress', at(200), { actor: 'bob' }));
    expect(started.effects).toEqual(['resumed', 'responded']);
    // 200 min after acknowledgement but only 10 min of it counted: met, although the plain target is 120 min
    expect(started.item.sla.response.outcome).toBe('met');
    expect(started.item.sla.response.dueAt).toBe(T0 + (120 + 190) * MINUTE);
  });

  it('completing while held resumes and stops the clocks without counting the pause', () => {
    const item = chain([
      ack,
      orderEvent('O1', 'inProgress', at(30), { actor: 'bob' }),
      orderEvent('O1', 'held', at(60)),
    ]);
    const done = step(item, orderEvent('O1', 'completed', at(2000), { actor: 'bob' }));
    expect(done.effects).toEqual(['resumed', 'resolved']);
    expect(done.item.sla.resolution).toMatchObject({ stoppedAt: T0 + 2000 * MINUTE, pausedMs: 1940 * MINUTE, outcome: 'met' });
    expect(done.item).toMatchObject({ status: 'completed', open: false, resolvedBy: 'bob', closedAt: T0 + 2000 * MINUTE });
  });

  it('completed after the target is a breach', () => {
    const item = chain([ack, orderEvent('O1', 'inProgress', at(30), { actor: 'bob' }), orderEvent('O1', 'completed', at(1441), { actor: 'bob' })]);
    expect(item.sla.resolution.outcome).toBe('breached');
  });

  it('failed closes the order as a breached resolution', () => {
    const item = chain([ack, orderEvent('O1', 'inProgress', at(30), { actor: 'bob' })]);
    const { item: failed, effects } = step(item, orderEvent('O1', 'failed', at(40)));
    expect(effects).toEqual(['closedUnresolved']);
    expect(failed).toMatchObject({ status: 'failed', open: false, closedAt: T0 + 40 * MINUTE });
    expect(failed.resolvedAt).toBeUndefined();
    expect(failed.sla.resolution).toMatchObject({ outcome: 'breached', breachFlagged: true, stoppedAt: T0 + 40 * MINUTE });
  });

  it('cancelled and rejected stop the clocks without a verdict', () => {
    const cancelled = chain([ack, orderEvent('O1', 'inProgress', at(30), { actor: 'bob' }), orderEvent('O1', 'cancelled', at(40))]);
    expect(cancelled).toMatchObject({ status: 'cancelled', open: false });
    expect(cancelled.sla.resolution.outcome).toBe('cancelled');
    expect(cancelled.sla.response.outcome).toBe('met');

    const rejected = step(step(undefined, ack).item, orderEvent('O1', 'rejected', at(5)));
    expect(rejected.effects).toEqual(['closedUnresolved']);
    expect(rejected.item.sla.response.outcome).toBe('cancelled');
    expect(rejected.item.sla.resolution.outcome).toBe('cancelled');
  });

  it('rejected only applies to an order that is still acknowledged', () => {
    const started = chain([ack, orderEvent('O1', 'inProgress', at(30), { actor: 'bob' })]);
    expect(rejectReason(started, orderEvent('O1', 'rejected', at(40)))).toBe('cannot reject an order that is inProgress');
    const held = step(started, orderEvent('O1', 'held', at(35))).item;
    expect(rejectReason(held, orderEvent('O1', 'rejected', at(40)))).toBe('cannot reject an order that is held');
  });

  it('terminal orders reject every further transition', () => {
    const done = chain([ack, orderEvent('O1', 'completed', at(30), { actor: 'bob' })]);
    for (const t of ['acknowledged', 'inProgress', 'held', 'pending', 'completed', 'failed', 'cancelled', 'rejected'] as const) {
      expect(rejectReason(done, orderEvent('O1', t, at(31)))).toBe('order is already completed');
    }
  });

  it('rejects a repeat of the current state, events older than the order and foreign transitions', () => {
    const created = step(undefined, ack).item;
    expect(rejectReason(created, orderEvent('O1', 'acknowledged', at(1)))).toBe('order is already acknowledged');
    expect(rejectReason(created, orderEvent('O1', 'inProgress', at(-1)))).toBe('event is older than the order');
    expect(rejectReason(created, orderEvent('O1', 'cleared', at(1)))).toBe('transition cleared does not apply to orders');
    expect(rejectReason(created, orderEvent('O1', 'dispatched', at(1)))).toBe('transition dispatched does not apply to orders');
  });

  it('a priority change retargets the running clocks', () => {
    const created = step(undefined, ack).item;
    const { item } = step(created, orderEvent('O1', 'inProgress', at(10), { actor: 'bob', attributes: { priority: 0 } }));
    expect(item.priority).toBe(0);
    expect(item.sla.resolution.dueAt).toBe(T0 + 480 * MINUTE);
  });

  it('events for an unknown order create it', () => {
    const started = step(undefined, orderEvent('U1', 'inProgress', at(0), { actor: 'bob' }));
    expect(started.effects).toEqual(['created', 'responded']);
    expect(started.item).toMatchObject({ status: 'inProgress', assignee: 'bob' });

    const done = step(undefined, orderEvent('U2', 'completed', at(0), { actor: 'bob' }));
    expect(done.effects).toEqual(['created', 'resolved']);
    expect(done.item).toMatchObject({ status: 'completed', open: false, respondedAt: T0, resolvedAt: T0 });
  });

  it('completed without a prior inProgress counts as the response too', () => {
    const { item } = step(step(undefined, ack).item, orderEvent('O1', 'completed', at(50), { actor: 'carol' }));
    expect(item).toMatchObject({ respondedAt: T0 + 50 * MINUTE, respondedBy: 'carol', resolvedBy: 'carol' });
    expect(item.sla.response.outcome).toBe('met');
  });
});

describe('truck-roll lifecycle', () => {
  const apptStart = at(60);
  const apptEnd = at(180);
  const open = truckEvent('T1', 'open', at(0), { attributes: { priority: 1, site: 'Cabinet 12', technician: 'carol', appointmentStart: apptStart, appointmentEnd: apptEnd } });

  it('open creates the truck-roll assigned to the technician, due on site by the end of the appointment', () => {
    const { item, effects } = step(undefined, open);
    expect(effects).toEqual(['created']);
    expect(item).toMatchObject({ status: 'open', title: 'Truck-roll T1 to Cabinet 12', assignee: 'carol', appointmentStart: T0 + 60 * MINUTE, appointmentEnd: T0 + 180 * MINUTE });
    expect(item.sla.response.dueAt).toBe(T0 + 180 * MINUTE);
    // resolution: appointment start + 480 min (priority 1)
    expect(item.sla.resolution.dueAt).toBe(T0 + (60 + 480) * MINUTE);
  });

  it('without an appointment the table targets apply', () => {
    const { item } = step(undefined, truckEvent('T2', 'open', at(0), { attributes: { priority: 3 } }));
    expect(item.sla.response.dueAt).toBe(T0 + 1440 * MINUTE);
    expect(item.sla.resolution.dueAt).toBe(T0 + 2880 * MINUTE);
  });

  it('moves open -> dispatched -> onSite -> completed', () => {
    let item = step(undefined, open).item;
    const dispatched = step(item, truckEvent('T1', 'dispatched', at(30)));
    expect(dispatched.effects).toEqual(['updated']);
    item = dispatched.item;
    const onSite = step(item, truckEvent('T1', 'onSite', at(170), { actor: 'carol' }));
    expect(onSite.effects).toEqual(['responded']);
    expect(onSite.item.sla.response).toMatchObject({ stoppedAt: T0 + 170 * MINUTE, outcome: 'met' });
    const done = step(onSite.item, truckEvent('T1', 'completed', at(300), { actor: 'carol', attributes: { firstTimeFix: true } }));
    expect(done.effects).toEqual(['resolved']);
    expect(done.item).toMatchObject({ status: 'completed', open: false, firstTimeFix: true, resolvedBy: 'carol', respondedAt: T0 + 170 * MINUTE });
    expect(done.item.sla.resolution.outcome).toBe('met');
  });

  it('on site after the appointment window is a breached response', () => {
    const { item } = step(step(undefined, open).item, truckEvent('T1', 'onSite', at(181), { actor: 'carol' }));
    expect(item.sla.response.outcome).toBe('breached');
  });

  it('unableToComplete closes as a breached resolution and is never a first-time fix', () => {
    const item = chain([open, truckEvent('T1', 'onSite', at(100)), truckEvent('T1', 'unableToComplete', at(120), { attributes: { firstTimeFix: true } })]);
    expect(item).toMatchObject({ status: 'unableToComplete', open: false, firstTimeFix: false });
    expect(item.sla.resolution).toMatchObject({ outcome: 'breached', breachFlagged: true });
  });

  it('cancelled stops the clocks without a verdict', () => {
    const { item, effects } = step(step(undefined, open).item, truckEvent('T1', 'cancelled', at(10)));
    expect(effects).toEqual(['closedUnresolved']);
    expect(item.sla.response.outcome).toBe('cancelled');
    expect(item.sla.resolution.outcome).toBe('cancelled');
  });

  it('rejects going backwards, repeating a state, acting on a closed truck-roll and foreign transitions', () => {
    const onSite = chain([open, truckEvent('T1', 'dispatched', at(10)), truckEvent('T1', 'onSite', at(100))]);
    expect(rejectReason(onSite, truckEvent('T1', 'dispatched', at(110)))).toBe('cannot go from onSite to dispatched');
    expect(rejectReason(onSite, truckEvent('T1', 'onSite', at(110)))).toBe('cannot go from onSite to onSite');
    expect(rejectReason(onSite, truckEvent('T1', 'open', at(110)))).toBe('cannot go from onSite to open');
    expect(rejectReason(onSite, truckEvent('T1', 'acknowledged', at(110)))).toBe('transition acknowledged does not apply to truck-rolls');
    const done = step(onSite, truckEvent('T1', 'completed', at(200))).item;
    expect(rejectReason(done, truckEvent('T1', 'cancelled', at(210)))).toBe('truck-roll is already completed');
    const created = step(undefined, open).item;
    expect(rejectReason(created, truckEvent('T1', 'dispatched', at(-5)))).toBe('event is older than the truck-roll');
  });

  it('the first actor becomes the assignee when there is no technician', () => {
    const created = step(undefined, truckEvent('T3', 'open', at(0))).item;
    expect(created.assignee).toBeUndefined();
    const dispatched = step(created, truckEvent('T3', 'dispatched', at(5), { actor: 'dave' })).item;
    expect(dispatched.assignee).toBe('dave');
    const onSite = step(dispatched, truckEvent('T3', 'onSite', at(6), { actor: 'carol' })).item;
    expect(onSite.assignee).toBe('dave');
  });

  it('a new appointment window recomputes the response due time', () => {
    const created = step(undefined, open).item;
    const { item } = step(created, truckEvent('T1', 'dispatched', at(10), { attributes: { appointmentEnd: at(240) } }));
    expect(item.sla.response.dueAt).toBe(T0 + 240 * MINUTE);
  });

  it('events for an unknown truck-roll create it', () => {
    const onSite = step(undefined, truckEvent('U1', 'onSite', at(0), { actor: 'carol' }));
    expect(onSite.effects).toEqual(['created', 'responded']);
    expect(onSite.item).toMatchObject({ status: 'onSite', assignee: 'carol', respondedAt: T0 });
    const done = step(undefined, truckEvent('U2', 'completed', at(0), { actor: 'carol' }));
    expect(done.effects).toEqual(['created', 'resolved']);
    expect(done.item.open).toBe(false);
  });
});

describe('SLA timer events on every stream', () => {
  it('are rejected for unknown items and without a slaTarget', () => {
    expect(rejectReason(undefined, alarmEvent('X', 'slaBreached', at(0), { attributes: { slaTarget: 'response' } }))).toBe('unknown work item');
    expect(rejectReason(undefined, orderEvent('X', 'slaAtRisk', at(0), { attributes: { slaTarget: 'response' } }))).toBe('unknown work item');
    const item = step(undefined, truckEvent('T', 'open', at(0))).item;
    expect(rejectReason(item, truckEvent('T', 'slaAtRisk', at(1)))).toBe('slaTarget is required');
  });

  it('flag a clock without changing the lifecycle state', () => {
    const item = step(undefined, orderEvent('O', 'acknowledged', at(0), { attributes: { priority: 0 } })).item;
    const risk = step(item, orderEvent('O', 'slaAtRisk', at(45), { attributes: { slaTarget: 'response' } }));
    expect(risk.effects).toEqual(['slaAtRisk']);
    expect(risk.item.status).toBe('acknowledged');
    expect(risk.item.sla.response.atRiskFlagged).toBe(true);
    expect(risk.item.sla.resolution.atRiskFlagged).toBe(false);
    expect(rejectReason(risk.item, orderEvent('O', 'slaAtRisk', at(46), { attributes: { slaTarget: 'response' } }))).toBe('already at risk');
  });
});

describe('a clear that arrives before its raise', () => {
  it('opens the alarm at alarmRaisedTime so time to resolve is true', async () => {
    const { alarmLifecycle } = await import('./lifecycles/alarm.lifecycle');
    const { DEFAULT_SLA_TABLE } = await import('./sla');
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
