import { describe, expect, it } from 'vitest';
import { MINUTE, T0, alarmEvent, at, orderEvent, truckEvent } from '../test-support/test-fixtures';
import { chain, rejectReason, step } from '../test-support/lifecycle-test-helpers';

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
