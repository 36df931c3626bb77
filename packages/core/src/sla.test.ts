import { describe, expect, it } from 'vitest';
import type { OpsEvent } from './event';
import { LIFECYCLES } from './lifecycles';
import {
  DEFAULT_SLA_TABLE,
  atRiskAt,
  clampPriority,
  clockView,
  elapsedFraction,
  newClock,
  pauseClock,
  resumeClock,
  stopClock,
  targetsFor,
  type SlaClockState,
} from './sla';
import { SEVERITIES } from './severity';
import { MINUTE, T0, alarmEvent, at, ingestOne, newStore, orderEvent, truckEvent } from '../test-support/test-fixtures';
import type { WorkItem } from './work-item';

function apply(events: OpsEvent[]): WorkItem {
  let item: WorkItem | undefined;
  for (const e of events) {
    const result = LIFECYCLES[e.stream](item, e, { at: Date.parse(e.occurredAt), slaTable: DEFAULT_SLA_TABLE });
    if (!result.ok) throw new Error(result.reason);
    item = result.item;
  }
  if (!item) throw new Error('no events');
  return item;
}

function rejection(item: WorkItem | undefined, e: OpsEvent): string | undefined {
  const result = LIFECYCLES[e.stream](item, e, { at: Date.parse(e.occurredAt), slaTable: DEFAULT_SLA_TABLE });
  return result.ok ? undefined : result.reason;
}

describe('SLA targets', () => {
  it('alarms by severity from the default table', () => {
    const expected = { critical: [15, 240], major: [30, 480], minor: [120, 1440], warning: [240, 2880], indeterminate: [480, 4320] } as const;
    for (const severity of SEVERITIES) {
      const t = targetsFor(DEFAULT_SLA_TABLE, 'alarm', severity, undefined);
      expect([t.responseMinutes, t.resolutionMinutes]).toEqual(expected[severity]);
    }
    expect(targetsFor(DEFAULT_SLA_TABLE, 'alarm', undefined, 0)).toEqual({ responseMinutes: 240, resolutionMinutes: 2880 });
  });

  it('orders and truck-rolls by priority, clamped and rounded, default 2', () => {
    expect(targetsFor(DEFAULT_SLA_TABLE, 'order', undefined, 0)).toEqual({ responseMinutes: 60, resolutionMinutes: 480 });
    expect(targetsFor(DEFAULT_SLA_TABLE, 'order', 'critical', 4)).toEqual({ responseMinutes: 1440, resolutionMinutes: 10080 });
    expect(targetsFor(DEFAULT_SLA_TABLE, 'order', undefined, undefined)).toEqual({ responseMinutes: 240, resolutionMinutes: 2880 });
    expect(targetsFor(DEFAULT_SLA_TABLE, 'truckroll', undefined, 1)).toEqual({ responseMinutes: 240, resolutionMinutes: 480 });
    expect(targetsFor(DEFAULT_SLA_TABLE, 'truckroll', undefined, 3)).toEqual({ responseMinutes: 1440, resolutionMinutes: 2880 });
    expect(clampPriority(-3)).toBe('0');
    expect(clampPriority(9)).toBe('4');
    expect(clampPriority(2.6)).toBe('3');
    expect(clampPriority(undefined)).toBe('2');
  });

  it('items get due times from the table at creation', () => {
    const critical = apply([alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } })]);
    expect(critical.sla.response).toEqual({ startedAt: T0, dueAt: T0 + 15 * MINUTE, pausedMs: 0, atRiskFlagged: false, breachFlagged: false });
    expect(critical.sla.resolution.dueAt).toBe(T0 + 240 * MINUTE);
    const order = apply([orderEvent('O', 'acknowledged', at(0), { attributes: { priority: 0 } })]);
    expect(order.sla.response.dueAt).toBe(T0 + 60 * MINUTE);
    expect(order.sla.resolution.dueAt).toBe(T0 + 480 * MINUTE);
  });

  it('truck-roll response is due at the end of the appointment window', () => {
    const item = apply([truckEvent('T', 'open', at(0), { attributes: { priority: 0, appointmentStart: at(600), appointmentEnd: at(720) } })]);
    expect(item.sla.response.dueAt).toBe(T0 + 720 * MINUTE);
    expect(item.sla.resolution.dueAt).toBe(T0 + (600 + 240) * MINUTE);
    // a window that already ended: due immediately, never before opening
    const late = apply([truckEvent('T2', 'open', at(0), { attributes: { appointmentEnd: at(-30) } })]);
    expect(late.sla.response.dueAt).toBe(T0);
  });
});

describe('SLA clock arithmetic', () => {
  const clock = newClock(T0, 100); // 100-minute target

  it('elapsedFraction and the view report elapsed share, remaining time and due', () => {
    expect(elapsedFraction(clock, T0)).toBe(0);
    expect(elapsedFraction(clock, T0 + 50 * MINUTE)).toBe(0.5);
    const view = clockView('resolution', clock, T0 + 50 * MINUTE, 75);
    expect(view).toEqual({ target: 'resolution', dueAt: T0 + 100 * MINUTE, elapsedPct: 50, remainingMs: 50 * MINUTE, atRisk: false, breached: false, paused: false });
    expect(clockView('resolution', clock, T0 + 33.33 * MINUTE, 75).elapsedPct).toBe(33.3);
  });

  it('is at risk from 75 % of the target', () => {
    expect(clockView('response', clock, T0 + 74.9 * MINUTE, 75).atRisk).toBe(false);
    expect(clockView('response', clock, T0 + 75 * MINUTE, 75).atRisk).toBe(true);
    expect(clockView('response', clock, T0 + 90 * MINUTE, 75).atRisk).toBe(true);
    expect(atRiskAt(clock, 75)).toBe(T0 + 75 * MINUTE);
    expect(atRiskAt(newClock(T0, 15), 75)).toBe(T0 + 11.25 * MINUTE);
  });

  it('is breached after the due time, and then no longer "at risk"', () => {
    expect(clockView('response', clock, T0 + 100 * MINUTE, 75).breached).toBe(false);
    const view = clockView('response', clock, T0 + 130 * MINUTE, 75);
    expect(view).toMatchObject({ breached: true, atRisk: false, elapsedPct: 130, remainingMs: -30 * MINUTE });
  });

  it('the at-risk and breach flags raised by the timer show in the view', () => {
    expect(clockView('response', { ...clock, atRiskFlagged: true }, T0 + 10 * MINUTE, 75).atRisk).toBe(true);
    expect(clockView('response', { ...clock, breachFlagged: true }, T0 + 10 * MINUTE, 75).breached).toBe(true);
  });

  it('stopping records met at or before the due time and breached after it', () => {
    expect(stopClock(clock, T0 + 100 * MINUTE)).toMatchObject({ stoppedAt: T0 + 100 * MINUTE, outcome: 'met', breachFlagged: false });
    expect(stopClock(clock, T0 + 100 * MINUTE + 1)).toMatchObject({ outcome: 'breached', breachFlagged: true });
    expect(stopClock(clock, T0 + 1, true)).toMatchObject({ outcome: 'cancelled', breachFlagged: false });
  });

  it('stopping is idempotent and freezes the view', () => {
    const stopped = stopClock(clock, T0 + 40 * MINUTE);
    expect(stopClock(stopped, T0 + 500 * MINUTE)).toBe(stopped);
    const view = clockView('resolution', stopped, T0 + 500 * MINUTE, 75);
    expect(view).toEqual({ target: 'resolution', dueAt: T0 + 100 * MINUTE, elapsedPct: 40, remainingMs: 60 * MINUTE, atRisk: false, breached: false, paused: false, outcome: 'met' });
    const late = clockView('resolution', stopClock(clock, T0 + 120 * MINUTE), T0 + 500 * MINUTE, 75);
    expect(late).toMatchObject({ breached: true, atRisk: false, outcome: 'breached' });
    const cancelled = clockView('resolution', stopClock(clock, T0 + 120 * MINUTE, true), T0 + 500 * MINUTE, 75);
    expect(cancelled).toMatchObject({ breached: false, atRisk: false, outcome: 'cancelled' });
  });

  it('pause and resume shift the due time by the paused span', () => {
    const paused = pauseClock(clock, T0 + 20 * MINUTE);
    expect(paused.pausedSince).toBe(T0 + 20 * MINUTE);
    expect(pauseClock(paused, T0 + 30 * MINUTE)).toBe(paused); // already paused
    // while paused the view's due time moves with the clock, elapsed time stands still
    const during = clockView('resolution', paused, T0 + 80 * MINUTE, 75);
    expect(during).toMatchObject({ paused: true, dueAt: T0 + 160 * MINUTE, elapsedPct: 20, breached: false, atRisk: false });
    const resumed = resumeClock(paused, T0 + 80 * MINUTE);
    expect(resumed).toEqual({ startedAt: T0, dueAt: T0 + 160 * MINUTE, pausedMs: 60 * MINUTE, atRiskFlagged: false, breachFlagged: false });
    expect(resumeClock(resumed, T0 + 90 * MINUTE)).toBe(resumed); // not paused
    expect(elapsedFraction(resumed, T0 + 100 * MINUTE)).toBe(0.4);
    expect(atRiskAt(resumed, 75)).toBe(T0 + 135 * MINUTE);
    expect(stopClock(resumed, T0 + 160 * MINUTE).outcome).toBe('met');
    expect(stopClock(resumed, T0 + 161 * MINUTE).outcome).toBe('breached');
  });

  it('stopping a paused clock counts the pause', () => {
    const paused = pauseClock(clock, T0 + 90 * MINUTE);
    const stopped = stopClock(paused, T0 + 300 * MINUTE);
    expect(stopped).toMatchObject({ outcome: 'met', pausedMs: 210 * MINUTE, dueAt: T0 + 310 * MINUTE, stoppedAt: T0 + 300 * MINUTE });
    expect(stopped.pausedSince).toBeUndefined();
    expect(pauseClock(stopped, T0 + 301 * MINUTE)).toBe(stopped);
  });

  it('a zero-length target counts as fully elapsed', () => {
    const zero: SlaClockState = newClock(T0, 0);
    expect(elapsedFraction(zero, T0)).toBe(1);
  });
});

describe('SLA timer events', () => {
  const raise = alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } });

  it('slaAtRisk flags the named clock', () => {
    const item = apply([raise, alarmEvent('A', 'slaAtRisk', at(12), { attributes: { slaTarget: 'response' } })]);
    expect(item.sla.response.atRiskFlagged).toBe(true);
    expect(item.sla.response.breachFlagged).toBe(false);
    expect(item.sla.resolution.atRiskFlagged).toBe(false);
  });

  it('slaBreached flags breach (and risk) once due, and is rejected before due', () => {
    const item = apply([raise]);
    expect(rejection(item, alarmEvent('A', 'slaBreached', at(14), { attributes: { slaTarget: 'response' } }))).toBe('not yet due');
    const breached = apply([raise, alarmEvent('A', 'slaBreached', at(15), { attributes: { slaTarget: 'response' } })]);
    expect(breached.sla.response).toMatchObject({ atRiskFlagged: true, breachFlagged: true });
    expect(breached.sla.response.stoppedAt).toBeUndefined();
    expect(breached.status).toBe('raised');
    expect(rejection(breached, alarmEvent('A', 'slaBreached', at(16), { attributes: { slaTarget: 'response' } }))).toBe('already breached');
    expect(clockView('response', breached.sla.response, T0 + 15 * MINUTE, 75).breached).toBe(true);
    // a later acknowledgement still records the breach
    const acked = apply([raise, alarmEvent('A', 'slaBreached', at(15), { attributes: { slaTarget: 'response' } }), alarmEvent('A', 'acknowledged', at(20), { actor: 'alice' })]);
    expect(acked.sla.response.outcome).toBe('breached');
  });

  it('is rejected once the clock stopped', () => {
    const acked = apply([raise, alarmEvent('A', 'acknowledged', at(5), { actor: 'alice' })]);
    expect(rejection(acked, alarmEvent('A', 'slaBreached', at(20), { attributes: { slaTarget: 'response' } }))).toBe('response clock already stopped');
    expect(rejection(acked, alarmEvent('A', 'slaAtRisk', at(20), { attributes: { slaTarget: 'response' } }))).toBe('response clock already stopped');
    // the resolution clock still runs
    expect(rejection(acked, alarmEvent('A', 'slaAtRisk', at(20), { attributes: { slaTarget: 'resolution' } }))).toBeUndefined();
    const cleared = apply([raise, alarmEvent('A', 'cleared', at(5))]);
    expect(rejection(cleared, alarmEvent('A', 'slaBreached', at(300), { attributes: { slaTarget: 'resolution' } }))).toBe('resolution clock already stopped');
  });

  it('honours a pause: not due while the order is on hold', () => {
    // priority 0: resolution due after 480 min; held after 60 min
    const held = apply([
      orderEvent('O', 'acknowledged', at(0), { attributes: { priority: 0 } }),
      orderEvent('O', 'inProgress', at(10), { actor: 'bob' }),
      orderEvent('O', 'held', at(60)),
    ]);
    // 500 minutes later the clock has run only 60 of its 480 minutes
    expect(rejection(held, orderEvent('O', 'slaBreached', at(500), { attributes: { slaTarget: 'resolution' } }))).toBe('not yet due');
    // a clock that was already overdue when paused is breached
    const overdue = apply([
      orderEvent('O', 'acknowledged', at(0), { attributes: { priority: 0 } }),
      orderEvent('O', 'held', at(490)),
    ]);
    expect(rejection(overdue, orderEvent('O', 'slaBreached', at(700), { attributes: { slaTarget: 'resolution' } }))).toBeUndefined();
  });

  it('through the engine, SLA events are applied without points and with an slaTarget in the dedup key', () => {
    const store = newStore();
    ingestOne(store, raise);
    const out = ingestOne(store, alarmEvent('A', 'slaAtRisk', at(12), { attributes: { slaTarget: 'response' } }));
    expect(out.applied).toBe(true);
    expect(out.effects).toEqual(['slaAtRisk']);
    expect(out.ledger).toEqual([]);
    expect(out.eventKey).toBe(`alarm:test:A|slaAtRisk:response|${at(12)}`);
    const other = ingestOne(store, alarmEvent('A', 'slaAtRisk', at(12), { attributes: { slaTarget: 'resolution' } }));
    expect(other.applied).toBe(true);
    const rejected = ingestOne(store, alarmEvent('A', 'slaBreached', at(13), { attributes: { slaTarget: 'response' } }));
    expect(rejected).toMatchObject({ applied: false, reason: 'not yet due', ledger: [] });
    expect(store.items.get('alarm:test:A')?.sla.response.breachFlagged).toBe(false);
  });
});
