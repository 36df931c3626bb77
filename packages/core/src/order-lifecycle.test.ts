import { describe, expect, it } from 'vitest';
import { MINUTE, T0, at, orderEvent } from '../test-support/test-fixtures';
import { chain, rejectReason, step } from '../test-support/lifecycle-test-helpers';

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
