import { describe, expect, it } from 'vitest';
import type { OpsEvent } from './event';
import { effectiveEnd, PLANNED_REASON, scopeCovers, windowForEvent, type MaintenanceWindow } from './maintenance';
import { missionContribution } from './missions';
import { outcomeStats } from './outcome-stats';
import type { WorkItem } from './work-item';
import { alarmEvent, at, ingestOne, newStore, noBadges, truckEvent } from '../test-support/test-fixtures';

const config = noBadges();
const HOUR = 60 * 60_000;

function windowOf(over: Partial<MaintenanceWindow> = {}): MaintenanceWindow {
  return { id: 'mw-1', title: 'Fibre splice', scope: { regions: [], sites: ['SITE-7'], elements: [] }, startsAt: Date.parse(at(0)), endsAt: Date.parse(at(0)) + 2 * HOUR, declaredAt: Date.parse(at(0)) - HOUR, ...over };
}

function raise(minutes: number, attributes: OpsEvent['attributes'] = { site: 'SITE-7' }): OpsEvent {
  return alarmEvent('A', 'raised', at(minutes), { attributes: { perceivedSeverity: 'critical', ...attributes } });
}

const sum = (entries: readonly { points: number }[]): number => entries.reduce((s, e) => s + e.points, 0);

describe('which alarms a maintenance window marks', () => {
  const received = Date.parse(at(30));

  it('a raise inside its time and scope (site, region or element, any case)', () => {
    expect(windowForEvent(raise(10), [windowOf()], received)?.id).toBe('mw-1');
    expect(windowForEvent(raise(10, { site: 'site-7' }), [windowOf()], received)?.id).toBe('mw-1');
    expect(windowForEvent(raise(10, { region: 'North' }), [windowOf({ scope: { regions: ['north'], sites: [], elements: [] } })], received)?.id).toBe('mw-1');
    expect(windowForEvent(raise(10, { alarmedObject: 'OLT-3' }), [windowOf({ scope: { regions: [], sites: [], elements: ['OLT-3'] } })], received)?.id).toBe('mw-1');
  });

  it('not outside its scope, before its start, at or after its end, or after it was cancelled', () => {
    expect(windowForEvent(raise(10, { site: 'SITE-8' }), [windowOf()], received)).toBeUndefined();
    expect(windowForEvent(raise(10, {}), [windowOf()], received)).toBeUndefined();
    expect(windowForEvent(raise(-1), [windowOf()], received)).toBeUndefined();
    expect(windowForEvent(raise(120), [windowOf()], received)).toBeUndefined();
    const cancelled = windowOf({ cancelledAt: Date.parse(at(5)) });
    expect(effectiveEnd(cancelled)).toBe(Date.parse(at(5)));
    expect(windowForEvent(raise(10), [cancelled], received)).toBeUndefined();
    expect(windowForEvent(raise(4), [cancelled], received)?.id).toBe('mw-1');
  });

  it('not a window declared after the alarm was received (no hiding faults after the fact)', () => {
    expect(windowForEvent(raise(10), [windowOf({ declaredAt: received + 1 })], received)).toBeUndefined();
  });

  it('only raises start planned work; acknowledgements and clears are never stamped', () => {
    const ack = alarmEvent('A', 'acknowledged', at(10), { actor: 'alice', attributes: { site: 'SITE-7' } });
    expect(windowForEvent(ack, [windowOf()], received)).toBeUndefined();
  });

  it('of two windows, the earlier one (then the smaller id), whatever the order they come in', () => {
    const a = windowOf({ id: 'mw-b', startsAt: Date.parse(at(-30)) });
    const b = windowOf({ id: 'mw-a', startsAt: Date.parse(at(-30)) });
    const c = windowOf({ id: 'mw-0', startsAt: Date.parse(at(0)) });
    expect(windowForEvent(raise(10), [c, a, b], received)?.id).toBe('mw-a');
    expect(windowForEvent(raise(10), [b, c, a], received)?.id).toBe('mw-a');
  });

  it('an empty scope covers nothing', () => {
    expect(scopeCovers({ regions: [], sites: [], elements: [] }, { site: 'SITE-7', region: 'North' })).toBe(false);
  });
});

describe('planned work in the engine', () => {
  it('starts no SLA clock, pays nothing for acknowledging or clearing, and says why', () => {
    const store = newStore();
    const raised = ingestOne(store, raise(0, { site: 'SITE-7', maintenanceWindowId: 'mw-1' }), config);
    expect(raised.item?.maintenanceWindowId).toBe('mw-1');
    expect(raised.item?.sla.response.outcome).toBe('cancelled');
    expect(raised.item?.sla.resolution.outcome).toBe('cancelled');
    const ack = ingestOne(store, alarmEvent('A', 'acknowledged', at(1), { actor: 'alice' }), config);
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(30), { actor: 'alice' }), config);
    expect(ack.applied && clear.applied).toBe(true);
    expect(sum(ack.ledger) + sum(clear.ledger)).toBe(0);
    expect(clear.unpaid).toBe(PLANNED_REASON);
    expect(clear.item?.sla.resolution.outcome).toBe('cancelled');
    expect(clear.item?.resolvedBy).toBe('alice');
  });

  it('the same alarm raised again after the window is an ordinary fault: clocks run and its clear pays', () => {
    const store = newStore();
    ingestOne(store, raise(0, { site: 'SITE-7', maintenanceWindowId: 'mw-1' }), config);
    ingestOne(store, alarmEvent('A', 'cleared', at(30), { actor: 'alice' }), config);
    const again = ingestOne(store, raise(600), config);
    expect(again.item?.maintenanceWindowId).toBeUndefined();
    expect(again.item?.sla.resolution.stoppedAt).toBeUndefined();
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(630), { actor: 'alice' }), config);
    expect(sum(clear.ledger)).toBeGreaterThan(0);
    expect(clear.unpaid).toBeUndefined();
  });

  it('an alarm outside any window on the same site pays as before', () => {
    const store = newStore();
    ingestOne(store, raise(0), config);
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(30), { actor: 'alice' }), config);
    expect(sum(clear.ledger)).toBeGreaterThan(0);
  });

  it('moves no mission: clearing planned work counts towards nothing', () => {
    const store = newStore();
    ingestOne(store, raise(0, { site: 'SITE-7', maintenanceWindowId: 'mw-1' }), config);
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(30), { actor: 'alice' }), config);
    const mission = { criteria: { stream: 'alarm' as const, effect: 'resolved' as const, conditions: [], counting: 'count' as const }, startsAt: Date.parse(at(-60)), endsAt: Date.parse(at(600)) };
    if (!clear.item) throw new Error('item expected');
    const ctx = { timeZone: 'UTC', night: { startHour: 22, endHour: 6 } };
    expect(missionContribution(mission, { event: { stream: 'alarm', occurredAt: at(30) }, effects: clear.effects, item: clear.item }, ctx)).toEqual({ kind: 'none' });
    const { maintenanceWindowId: _w, ...fault } = clear.item;
    expect(missionContribution(mission, { event: { stream: 'alarm', occurredAt: at(30) }, effects: clear.effects, item: fault }, ctx)).toEqual({ kind: 'add', amount: 1 });
  });

  it('counts in no MTTA, MTTR or SLA attainment', () => {
    const store = newStore();
    ingestOne(store, raise(0, { site: 'SITE-7', maintenanceWindowId: 'mw-1' }), config);
    const planned = ingestOne(store, alarmEvent('A', 'cleared', at(300), { actor: 'alice' }), config).item;
    ingestOne(store, alarmEvent('B', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } }), config);
    ingestOne(store, alarmEvent('B', 'acknowledged', at(2), { actor: 'alice' }), config);
    const fault = ingestOne(store, alarmEvent('B', 'cleared', at(10), { actor: 'alice' }), config).item;
    if (!planned || !fault) throw new Error('items expected');
    const stats = outcomeStats([planned, fault]);
    expect(stats.closed).toBe(1);
    expect(stats.mttrMinutes).toBe(10);
    expect(stats.mttaMinutes).toBe(2);
    expect(stats.slaAttainmentPct).toBe(100);
  });
});

describe('the planned work as a mission (the inScope condition)', () => {
  const scope = { regions: ['North'], sites: ['SITE-7'], elements: ['OLT-3/pon-1'] };
  const visit = (place: Record<string, string>): WorkItem => {
    const item = ingestOne(newStore(), truckEvent('V', 'open', at(0), { attributes: { title: 'Card swap', ...place } }), config).item;
    if (!item) throw new Error('no truck-roll');
    return item;
  };
  const mission = { criteria: { stream: 'truckroll' as const, effect: 'resolved' as const, counting: 'count' as const, conditions: [{ kind: 'inScope' as const, scope }] }, startsAt: Date.parse(at(0)), endsAt: Date.parse(at(0)) + 2 * HOUR };
  const ctx = { timeZone: 'UTC', night: { startHour: 22, endHour: 6 } };
  const change = (place: Record<string, string>) => ({ event: { stream: 'truckroll' as const, occurredAt: at(30) }, effects: ['resolved' as const], item: visit(place) });

  it('counts work completed at a declared site, region or element (any case), and nothing elsewhere', () => {
    expect(missionContribution(mission, change({ site: 'site-7' }), ctx)).toEqual({ kind: 'add', amount: 1 });
    expect(missionContribution(mission, change({ region: 'north', site: 'ELSEWHERE' }), ctx)).toEqual({ kind: 'add', amount: 1 });
    expect(missionContribution(mission, change({ alarmedObject: 'OLT-3/pon-1' }), ctx)).toEqual({ kind: 'add', amount: 1 });
    expect(missionContribution(mission, change({ site: 'SITE-8', region: 'South' }), ctx)).toEqual({ kind: 'none' });
    expect(scopeCovers(scope, {})).toBe(false);
  });
});
