import { describe, expect, it } from 'vitest';
import type { EngineOutput } from './engine';
import type { EventAttributes, OpsEvent } from './event';
import { incidentIdOf, incidentPlaceOf, INCIDENT_CHILD_REASON, INCIDENT_REGROUP_REASON, joinsIncident, planIncidentRuns, type PlaceRaise } from './incidents';
import { missionContribution } from './missions';
import { outcomeStats } from './outcome-stats';
import { alarmEvent, at, ingestAll, ingestOne, newStore, noBadges, snapshot, T0 } from '../test-support/test-fixtures';

const config = noBadges();
const sum = (o: EngineOutput): number => o.ledger.reduce((s, e) => s + e.points, 0);
const INC = 'inc:alarm:test:R@1';

function raise(key: string, minutes: number, stamp: Pick<EventAttributes, 'incidentId' | 'incidentRole'> = {}, customers = 10): OpsEvent {
  return alarmEvent(key, 'raised', at(minutes), { attributes: { perceivedSeverity: 'major', site: 'SITE-1', customersAffected: customers, serviceAffecting: true, ...stamp } });
}
const child = { incidentId: INC, incidentRole: 'child' } as const;
const root = { incidentId: INC, incidentRole: 'root' } as const;

describe('where an alarm belongs, and which raises are one run', () => {
  it('its site, else the network element of its alarmed object, else nowhere', () => {
    expect(incidentPlaceOf({ site: ' OSL-7 ' })).toBe('site:osl-7');
    expect(incidentPlaceOf({ alarmedObject: 'OLT-3/pon-1/ont-12' })).toBe('element:olt-3');
    expect(incidentPlaceOf({ alarmedObject: 'OLT-3' })).toBeUndefined();
    expect(incidentPlaceOf({ site: '  ' })).toBeUndefined();
  });

  it('groups raises per place in time order; the window slides with the storm; a gap longer than it starts a new run', () => {
    const r = (index: number, place: string, minutes: number): PlaceRaise => ({ index, itemKey: `k${index}`, place, at: T0 + minutes * 60_000 });
    const runs = planIncidentRuns([r(0, 'site:a', 4), r(1, 'site:a', 0), r(2, 'site:b', 1), r(3, 'site:a', 8.5), r(4, 'site:a', 20), r(5, 'site:a', 0)], 5 * 60_000);
    expect(runs.map((run) => [run.place, run.first.index, run.rest.map((x) => x.index)])).toEqual([
      ['site:a', 1, [5, 0, 3]],
      ['site:a', 4, []],
      ['site:b', 2, []],
    ]);
    expect(runs[0]?.lastAt).toBe(T0 + 8.5 * 60_000);
  });

  it('joins an incident within the window of its latest raise, never with a window of 0', () => {
    expect(joinsIncident(T0, T0, T0 + 5 * 60_000, 5 * 60_000)).toBe(true);
    expect(joinsIncident(T0, T0, T0 + 5 * 60_000 + 1, 5 * 60_000)).toBe(false);
    expect(joinsIncident(T0, T0, T0 - 60_000, 5 * 60_000)).toBe(true);
    expect(joinsIncident(T0, T0, T0, 0)).toBe(false);
    expect(incidentIdOf('alarm:nms:X', T0)).toBe(`inc:alarm:nms:X@${T0}`);
  });
});

describe('an incident is one piece of work', () => {
  it('a child starts no clock and pays nothing for anything; the root runs as every other alarm does', () => {
    const store = newStore();
    const r = ingestOne(store, raise('R', 0, root), config).item;
    const c = ingestOne(store, raise('C', 0.2, child), config).item;
    expect([r?.incidentId, r?.incidentRoot, r?.sla.response.outcome]).toEqual([INC, true, undefined]);
    expect([c?.incidentId, c?.incidentRoot, c?.sla.response.outcome, c?.sla.resolution.outcome]).toEqual([INC, false, 'cancelled', 'cancelled']);
    const ack = ingestOne(store, alarmEvent('C', 'acknowledged', at(1), { actor: 'alice' }), config);
    expect(sum(ack)).toBe(0);
    expect(ack.unpaid).toBe(INCIDENT_CHILD_REASON);
    const clear = ingestOne(store, alarmEvent('C', 'cleared', at(2), { actor: 'alice' }), config);
    expect(sum(clear)).toBe(0);
    expect(clear.incidentClosed).toBeUndefined();
  });

  it('the root’s clear pays for the incident, weighted by every customer it affected, and closes it', () => {
    const lone = newStore();
    ingestOne(lone, raise('R', 0, root), config);
    const alone = ingestOne(lone, alarmEvent('R', 'cleared', at(30), { actor: 'alice' }), config);

    const store = newStore();
    ingestOne(store, raise('R', 0, root), config);
    for (let i = 0; i < 50; i++) ingestOne(store, raise(`C${i}`, 0.01 * i, child), config);
    const clear = ingestOne(store, alarmEvent('R', 'cleared', at(30), { actor: 'alice', attributes: { incidentCustomers: 510 } }), config);
    expect(clear.item?.customersAffected).toBe(510);
    expect(sum(clear)).toBeGreaterThan(sum(alone));
    expect(clear.incidentClosed).toBe(INC);
    // never fewer customers than the root's own, and only a root's clear is weighted
    const few = newStore();
    ingestOne(few, raise('R', 0, root, 40), config);
    expect(ingestOne(few, alarmEvent('R', 'cleared', at(30), { attributes: { incidentCustomers: 3 } }), config).item?.customersAffected).toBe(40);
    const lonely = newStore();
    ingestOne(lonely, raise('L', 0, {}, 40), config);
    expect(ingestOne(lonely, alarmEvent('L', 'cleared', at(30), { attributes: { incidentCustomers: 999 } }), config).item?.customersAffected).toBe(40);
  });

  it('moves nobody’s MTTA, MTTR or SLA beyond the root’s, and no mission', () => {
    const store = newStore();
    const items = ingestAll(store, [
      raise('R', 0, root),
      raise('C1', 0.5, child),
      raise('C2', 0.7, child),
      alarmEvent('R', 'acknowledged', at(2), { actor: 'alice' }),
      alarmEvent('C1', 'acknowledged', at(90), { actor: 'alice' }),
      alarmEvent('R', 'cleared', at(10), { actor: 'alice' }),
      alarmEvent('C1', 'cleared', at(95)),
      alarmEvent('C2', 'cleared', at(95)),
    ], config).flatMap((o) => (o?.item && !o.item.open ? [o.item] : []));
    const stats = outcomeStats(items);
    expect(stats.closed).toBe(1);
    expect(stats.mttaMinutes).toBe(2);
    expect(stats.mttrMinutes).toBe(10);
    const c2 = items.find((i) => i.externalKey === 'C2');
    if (!c2) throw new Error('no C2');
    const mission = { criteria: { effect: 'resolved' as const, conditions: [], counting: 'count' as const }, startsAt: T0 - 1, endsAt: T0 + 86_400_000 };
    expect(missionContribution(mission, { event: { stream: 'alarm', occurredAt: at(95) }, effects: ['resolved'], item: c2 }, { timeZone: 'UTC', night: { startHour: 22, endHour: 6 } })).toEqual({ kind: 'none' });
  });

  it('a grouped event moves an open alarm: into an incident (clocks cancelled), made its root (fresh clocks), split out (fresh clocks); it pays nobody', () => {
    const store = newStore();
    ingestOne(store, raise('A', 0), config);
    const into = ingestOne(store, alarmEvent('A', 'grouped', at(1), { actor: 'lead', attributes: { incidentId: INC, incidentRole: 'child' } }), config);
    expect([into.item?.incidentRoot, into.item?.sla.response.outcome, into.unpaid]).toEqual([false, 'cancelled', INCIDENT_REGROUP_REASON]);
    expect(sum(into)).toBe(0);
    const rooted = ingestOne(store, alarmEvent('A', 'grouped', at(3), { actor: 'lead', attributes: { incidentId: INC, incidentRole: 'root' } }), config).item;
    expect([rooted?.incidentRoot, rooted?.sla.response.outcome, rooted?.sla.response.startedAt]).toEqual([true, undefined, T0 + 3 * 60_000]);
    const back = ingestOne(store, alarmEvent('A', 'grouped', at(4), { attributes: { incidentId: INC, incidentRole: 'child' } }), config).item;
    expect(back?.sla.response.outcome).toBe('cancelled');
    const split = ingestOne(store, alarmEvent('A', 'grouped', at(6), { actor: 'lead' }), config).item;
    expect([split?.incidentId, split?.incidentRoot, split?.sla.response.outcome, split?.sla.response.startedAt]).toEqual([undefined, undefined, undefined, T0 + 6 * 60_000]);
    // a split alarm's clear pays as every lone alarm's does
    expect(sum(ingestOne(store, alarmEvent('A', 'cleared', at(20), { actor: 'alice' }), config))).toBeGreaterThan(0);
    expect(ingestOne(store, alarmEvent('A', 'grouped', at(21), { attributes: { incidentId: INC, incidentRole: 'child' } }), config).applied).toBe(false);
  });

  it('a new life starts alone unless its raise is stamped; planned work is never in an incident', () => {
    const store = newStore();
    ingestOne(store, raise('A', 0, child), config);
    ingestOne(store, alarmEvent('A', 'cleared', at(1)), config);
    const again = ingestOne(store, raise('A', 2), config).item;
    expect([again?.incidentId, again?.sla.response.outcome]).toEqual([undefined, undefined]);
    const planned = ingestOne(store, alarmEvent('P', 'raised', at(1), { attributes: { site: 'SITE-1', maintenanceWindowId: 'mw-1', ...child } }), config).item;
    expect(planned?.incidentId).toBeUndefined();
  });

  it('a late event on a child keeps it a child with its clocks stopped, and a replay gives the same ledger', () => {
    const events = [raise('R', 0, root), raise('C', 1, child), alarmEvent('C', 'acknowledged', at(10), { actor: 'alice' }), alarmEvent('C', 'commented', at(5), { actor: 'alice', attributes: { notes: 'late note about the cut' } }), alarmEvent('R', 'cleared', at(12), { actor: 'bob', attributes: { incidentCustomers: 20 } })];
    const store = newStore();
    const outs = ingestAll(store, events, config);
    expect(outs[3]?.item?.incidentRoot).toBe(false);
    expect(outs[3]?.item?.sla.resolution.outcome).toBe('cancelled');
    const again = newStore();
    ingestAll(again, events, config);
    expect(snapshot(again)).toEqual(snapshot(store));
  });
});
