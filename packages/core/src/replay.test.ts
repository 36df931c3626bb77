import { describe, expect, it } from 'vitest';
import { makeConfig } from './config';
import type { OpsEvent } from './event';
import { dedupKeyOf, itemKeyOf } from './event';
import { MemoryStore, replay, totalsFromLedger } from './replay';
import { PEOPLE, alarmEvent, at, ingestOne, newStore, orderEvent, snapshot, truckEvent } from '../test-support/test-fixtures';

/** A working week of mixed work for three people (times in minutes after Monday 10:00 UTC). */
const LOG: OpsEvent[] = [
  alarmEvent('A1', 'raised', at(0), { attributes: { perceivedSeverity: 'critical', customersAffected: 300, serviceAffecting: true } }),
  alarmEvent('A1', 'acknowledged', at(4), { actor: 'alice' }),
  alarmEvent('A1', 'cleared', at(50), { actor: 'alice' }),
  alarmEvent('A1', 'raised', at(60)), // flap: reverses alice's clear
  alarmEvent('A1', 'acknowledged', at(62), { actor: 'bob' }),
  alarmEvent('A1', 'cleared', at(120), { actor: 'bob' }),
  alarmEvent('A2', 'raised', at(30), { attributes: { perceivedSeverity: 'minor' } }),
  alarmEvent('A2', 'cleared', at(90)), // automatic
  orderEvent('O1', 'acknowledged', at(10), { attributes: { priority: 1, vip: true } }),
  orderEvent('O1', 'inProgress', at(40), { actor: 'bob' }),
  orderEvent('O1', 'pending', at(100), { actor: 'bob' }),
  orderEvent('O1', 'inProgress', at(600), { actor: 'bob' }),
  orderEvent('O1', 'completed', at(1500)),
  truckEvent('T1', 'open', at(20), { attributes: { priority: 0, technician: 'carol', appointmentStart: at(60), appointmentEnd: at(180) } }),
  truckEvent('T1', 'dispatched', at(30)),
  truckEvent('T1', 'onSite', at(150)),
  truckEvent('T1', 'completed', at(300), { attributes: { firstTimeFix: true } }),
  alarmEvent('A3', 'raised', at(1440), { attributes: { perceivedSeverity: 'major' } }),
  alarmEvent('A3', 'acknowledged', at(1450), { actor: 'alice' }),
  alarmEvent('A3', 'slaAtRisk', at(1800), { attributes: { slaTarget: 'resolution' } }),
  alarmEvent('A3', 'cleared', at(1850), { actor: 'alice' }),
  alarmEvent('A3', 'cleared', at(1851), { actor: 'alice' }), // rejected: already cleared
  orderEvent('O2', 'inProgress', at(2880), { actor: 'dave' }),
  orderEvent('O2', 'completed', at(2900), { actor: 'dave' }),
];

describe('replay', () => {
  it('the same events give exactly the same ledger, progress and items', () => {
    const config = makeConfig();
    const first = replay(LOG, PEOPLE, config);
    const second = replay(LOG, PEOPLE, config);
    expect(first.ledger.length).toBe(15);
    expect(second.ledger).toEqual(first.ledger);
    expect(snapshot(second)).toEqual(snapshot(first));
  });

  it('produces the expected ledger for the log', () => {
    const store = replay(LOG, PEOPLE, makeConfig());
    // in log order; hand-computed: base * multipliers (each rounded to 2 decimals), rounded at the end
    expect(store.ledger.map((e) => [e.personId, e.ruleId, e.points, e.windows.day])).toEqual([
      ['p-alice', 'alarm.acknowledge', 21, '2024-01-08'], // 5 * 3 * 1.37 (4 of 15 min), paid when her clear follows 46 min later
      ['p-alice', 'alarm.clear', 157, '2024-01-08'], // 20 * 3 * 1.4 * 1.87 (300 customers, service-affecting)
      ['p-alice', 'badge:first-responder', 25, '2024-01-08'], // confirmed with the acknowledgement
      ['p-alice', 'alarm.clear', -157, '2024-01-08'], // re-raised 10 min after the clear; the confirmed acknowledge and its badge stay
      ['p-bob', 'alarm.acknowledge', 21, '2024-01-08'], // 5 * 3 * 1.43 (2 of 15 min after the re-raise), confirmed by his clear
      ['p-bob', 'alarm.clear', 155, '2024-01-08'], // 20 * 3 * 1.38 * 1.87
      ['p-bob', 'badge:first-responder', 25, '2024-01-08'],
      ['p-bob', 'order.start', 8, '2024-01-08'], // 3 * 2 * 1.38 (30 of 120 min)
      ['p-bob', 'order.complete', 52, '2024-01-09'], // 15 * 2 * 1.16 * 1.5: 990 of 1440 min, 500 min pending excluded
      ['p-carol', 'truckroll.onsite', 13, '2024-01-08'], // 5 * 2.5, technician paid without actor
      ['p-carol', 'truckroll.complete', 63, '2024-01-08'], // 25 * 2.5 * 1 (exactly at the due time)
      ['p-carol', 'truckroll.first-time-fix', 38, '2024-01-08'], // 15 * 2.5
      ['p-alice', 'alarm.clear', 43, '2024-01-09'], // her acknowledge 400 min earlier had no follow-up within 60 min: it pays nothing // 20 * 2 * 1.07 (410 of 480 min)
      ['p-dave', 'order.start', 7, '2024-01-10'], // 3 * 1.5 * 1.5
      ['p-dave', 'order.complete', 34, '2024-01-10'], // 15 * 1.5 * 1.5
    ]);
    const reversal = store.ledger[3];
    expect(reversal?.reversalOf).toBe(store.ledger[1]?.entryId);
    expect(store.items.get('alarm:test:A2')?.resolvedBy).toBeUndefined();
    // the second clear of A3 was rejected and changed nothing
    expect(store.items.get('alarm:test:A3')).toMatchObject({ resolvedBy: 'alice', resolvedAt: Date.parse(at(1850)), eventCount: 4 });
    expect(store.items.get('alarm:test:A1')).toMatchObject({ count: 2, reraiseCount: 1, resolvedBy: 'bob', open: false });
  });

  it('duplicates (same dedup key) change nothing', () => {
    const config = makeConfig();
    const clean = replay(LOG, PEOPLE, config);
    const withDuplicates: OpsEvent[] = [];
    for (const e of LOG) {
      withDuplicates.push(e);
      withDuplicates.push({ ...e }); // identical
    }
    // same natural key, different payload: still the same event
    withDuplicates.push({ ...LOG[2]!, actor: 'bob', attributes: { notes: 'resent' } });
    const dup = replay(withDuplicates, PEOPLE, config);
    expect(dup.ledger).toEqual(clean.ledger);
    expect(snapshot(dup)).toEqual(snapshot(clean));
  });

  it('ingest returns null for a duplicate and leaves the store as it was', () => {
    const config = makeConfig();
    const store = replay(LOG, PEOPLE, config);
    const before = snapshot(store);
    for (const e of LOG) expect(store.ingest(e, config)).toBeNull();
    expect(snapshot(store)).toEqual(before);
  });

  it('sender event ids are the dedup key when present', () => {
    const config = makeConfig();
    const store = newStore();
    const first = alarmEvent('A', 'raised', at(0), { eventId: 'e-1' });
    ingestOne(store, first, config);
    // a different event under the same sender id is a duplicate
    expect(store.ingest(alarmEvent('B', 'raised', at(5), { eventId: 'e-1' }), config)).toBeNull();
    expect(store.items.has('alarm:test:B')).toBe(false);
    // the same id from another source is not
    expect(store.ingest(alarmEvent('B', 'raised', at(5), { eventId: 'e-1', source: 'other' }), config)).not.toBeNull();
    expect(dedupKeyOf(first)).toBe('test#e-1');
    expect(dedupKeyOf({ ...first, eventId: '' })).toBe(`alarm:test:A|raised|${at(0)}`);
    expect(itemKeyOf(first)).toBe('alarm:test:A');
  });

  it('a rejected event is remembered too: re-sending it does nothing', () => {
    const config = makeConfig();
    const store = newStore();
    const early = alarmEvent('A', 'unacknowledged', at(0));
    const out = ingestOne(store, early, config);
    expect(out).toMatchObject({ applied: false, reason: 'unknown alarm', ledger: [], progress: [] });
    expect(store.seen.has(dedupKeyOf(early))).toBe(true);
    expect(store.items.size).toBe(0);
    expect(store.ingest(early, config)).toBeNull();
  });

  it('replay starts from an empty store', () => {
    const store = replay([], PEOPLE, makeConfig());
    expect(store).toBeInstanceOf(MemoryStore);
    expect(store.ledger).toEqual([]);
    expect(store.people.get('alice')?.id).toBe('p-alice');
  });
});

describe('totalsFromLedger', () => {
  const store = replay(LOG, PEOPLE, makeConfig());

  it('sums per person and per team for a period', () => {
    const all = totalsFromLedger(store.ledger, 'individual', 'all', 'all');
    expect(Object.fromEntries(all)).toEqual({ 'p-alice': 89, 'p-bob': 261, 'p-carol': 114, 'p-dave': 41 });
    for (const [personId, points] of all) expect(store.progress.get(personId)?.xp).toBe(points);
    // dave has no team: not in team totals
    expect(Object.fromEntries(totalsFromLedger(store.ledger, 'team', 'all', 'all'))).toEqual({ noc: 350, field: 114 });
  });

  it('filters by the day, week and month keys', () => {
    expect(Object.fromEntries(totalsFromLedger(store.ledger, 'individual', 'day', '2024-01-09'))).toEqual({ 'p-bob': 52, 'p-alice': 43 });
    expect(Object.fromEntries(totalsFromLedger(store.ledger, 'individual', 'day', '2024-01-10'))).toEqual({ 'p-dave': 41 });
    expect(totalsFromLedger(store.ledger, 'individual', 'day', '2024-01-11').size).toBe(0);
    expect(Object.fromEntries(totalsFromLedger(store.ledger, 'team', 'week', '2024-01-08'))).toEqual({ noc: 350, field: 114 });
    expect(totalsFromLedger(store.ledger, 'team', 'week', '2024-01-15').size).toBe(0);
    expect(totalsFromLedger(store.ledger, 'individual', 'month', '2024-01').get('p-carol')).toBe(114);
  });
});
