import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import type { OpsEvent } from '../event';
import { alarmEvent, at, ingestAll, iso, ingestOne, MINUTE, newStore, orderEvent, pointsByPerson, T0, truckEvent } from '../../test-support/test-fixtures';
import type { MemoryStore } from '../replay';
import { IN_TIME_ORDER_MAX_EVENTS } from './in-time-order';
import { PARKED_TRANSITIONS } from './source-time';

/** The same events, once in time order and once in the order given: the two stores to compare. */
function bothWays(inOrder: readonly OpsEvent[], arrival: readonly OpsEvent[]): { ordered: MemoryStore; late: MemoryStore } {
  const ordered = newStore();
  ingestAll(ordered, inOrder);
  const late = newStore();
  ingestAll(late, arrival);
  return { ordered, late };
}

/** What an item's life is, without what only the arrival order can change (event count, latest event time) and the engine's award refs. */
function life(store: MemoryStore, key: string): unknown {
  const item = store.items.get(key);
  if (!item) return undefined;
  const { lastEventAt: _l, eventCount: _c, pendingAwards: _p, lastResolution: _r, ...rest } = item;
  return rest;
}

describe('events of one item that arrive out of order are applied in time order', () => {
  it('an acknowledgement that arrives after the clear: MTTA, the response SLA and the confirmed points are what they are in order', () => {
    const raise = alarmEvent('A1', 'raised', at(0), { attributes: { perceivedSeverity: 'critical', title: 'Site down' } });
    const ack = alarmEvent('A1', 'acknowledged', at(3), { actor: 'alice' });
    const clear = alarmEvent('A1', 'cleared', at(20), { actor: 'alice' });
    const { ordered, late } = bothWays([raise, ack, clear], [raise, clear, ack]);

    const item = late.items.get('alarm:test:A1');
    expect(item).toMatchObject({ status: 'cleared', open: false, respondedAt: T0 + 3 * MINUTE, respondedBy: 'alice', resolvedAt: T0 + 20 * MINUTE });
    expect(item?.sla.response.outcome).toBe('met');
    expect(life(late, 'alarm:test:A1')).toEqual(life(ordered, 'alarm:test:A1'));
    expect(pointsByPerson(late)).toEqual(pointsByPerson(ordered));
    expect(late.ledger.some((e) => e.reason.includes('confirmed by your clear 17 min later'))).toBe(true);
  });

  it('a late acknowledgement that nobody followed up pays nothing, as in order', () => {
    const raise = alarmEvent('A2', 'raised', at(0), { attributes: { perceivedSeverity: 'major' } });
    const ack = alarmEvent('A2', 'acknowledged', at(2), { actor: 'alice' });
    const clear = alarmEvent('A2', 'cleared', at(30), { actor: 'bob' });
    const { ordered, late } = bothWays([raise, ack, clear], [raise, clear, ack]);
    expect(pointsByPerson(late)).toEqual(pointsByPerson(ordered));
    expect(late.ledger.filter((e) => e.personId === 'p-alice')).toEqual([]);
    expect(late.items.get('alarm:test:A2')?.respondedBy).toBe('alice');
  });

  it('a late acknowledgement of an open alarm still waits for its follow-up, which then pays it', () => {
    const store = newStore();
    ingestAll(store, [alarmEvent('A3', 'raised', at(0), { attributes: { perceivedSeverity: 'major' } }), alarmEvent('A3', 'updated', at(10), { attributes: { customersAffected: 40 } })]);
    const ack = ingestOne(store, alarmEvent('A3', 'acknowledged', at(5), { actor: 'alice' }), DEFAULT_CONFIG);
    expect(ack.applied).toBe(true);
    expect(ack.ledger).toEqual([]);
    expect(store.items.get('alarm:test:A3')).toMatchObject({ respondedAt: T0 + 5 * MINUTE, customersAffected: 40, open: true });
    expect(store.items.get('alarm:test:A3')?.pendingAwards?.length).toBeGreaterThan(0);
    const clear = ingestOne(store, alarmEvent('A3', 'cleared', at(12), { actor: 'alice' }));
    expect(clear.ledger.some((e) => e.personId === 'p-alice' && e.reason.includes('confirmed by your clear 7 min later'))).toBe(true);
  });

  it("a technician's late \"on site\" after \"completed\" sets the arrival time where it belongs", () => {
    const open = truckEvent('T1', 'dispatched', at(0), { actor: 'carol', attributes: { site: 'S1' } });
    const onSite = truckEvent('T1', 'onSite', at(40), { actor: 'carol' });
    const done = truckEvent('T1', 'completed', at(90), { actor: 'carol', attributes: { firstTimeFix: true } });
    const { ordered, late } = bothWays([open, onSite, done], [open, done, onSite]);
    expect(late.items.get('truckroll:test:T1')).toMatchObject({ status: 'completed', respondedAt: T0 + 40 * MINUTE, resolvedAt: T0 + 90 * MINUTE });
    expect(life(late, 'truckroll:test:T1')).toEqual(life(ordered, 'truckroll:test:T1'));
    expect(pointsByPerson(late)).toEqual(pointsByPerson(ordered));
  });

  it('an order step that arrives after the completion keeps the times of the order as they happened', () => {
    const ack = orderEvent('O1', 'acknowledged', at(0), { attributes: { priority: 2 } });
    const work = orderEvent('O1', 'inProgress', at(15), { actor: 'bob' });
    const done = orderEvent('O1', 'completed', at(60), { actor: 'bob' });
    const { ordered, late } = bothWays([ack, work, done], [ack, done, work]);
    expect(late.items.get('order:test:O1')).toMatchObject({ respondedAt: T0 + 15 * MINUTE, respondedBy: 'bob' });
    expect(life(late, 'order:test:O1')).toEqual(life(ordered, 'order:test:O1'));
  });

  it("OpsQuest's own SLA flag raised before a late acknowledgement arrived does not block it: in time order the clock stopped first", () => {
    const store = newStore();
    ingestAll(store, [
      alarmEvent('A8', 'raised', at(0), { attributes: { perceivedSeverity: 'major' } }),
      // the SLA timer saw the response clock run out (the acknowledgement had not arrived yet)
      alarmEvent('A8', 'slaBreached', at(240), { attributes: { slaTarget: 'response' } }),
    ]);
    expect(store.items.get('alarm:test:A8')?.sla.response.breachFlagged).toBe(true);
    const late = ingestOne(store, alarmEvent('A8', 'acknowledged', at(4), { actor: 'alice' }));
    expect(late.reason).toBeUndefined();
    expect(late.applied).toBe(true);
    const item = store.items.get('alarm:test:A8');
    expect(item).toMatchObject({ respondedAt: T0 + 4 * MINUTE, ackState: 'acknowledged' });
    expect(item?.sla.response.breachFlagged).not.toBe(true);
    expect(item?.sla.response.outcome).toBe('met');
  });

  it('a late event that in time order would undo a later one is kept and not applied; nothing moves', () => {
    const store = newStore();
    ingestAll(store, [alarmEvent('A4', 'raised', at(0), { attributes: { perceivedSeverity: 'major' } }), alarmEvent('A4', 'acknowledged', at(10), { actor: 'alice' })]);
    const before = structuredClone(store.items.get('alarm:test:A4'));
    const late = ingestOne(store, alarmEvent('A4', 'acknowledged', at(4), { actor: 'bob' }));
    expect(late.applied).toBe(false);
    expect(late.reason).toMatch(/would undo the acknowledged event of .*already acknowledged/);
    expect(late.ledger).toEqual([]);
    expect(store.items.get('alarm:test:A4')).toEqual(before);
  });

  it('a late event impossible at its own time is refused with the reason of that time', () => {
    const store = newStore();
    ingestAll(store, [alarmEvent('A5', 'raised', at(0)), alarmEvent('A5', 'acknowledged', at(2), { actor: 'alice' }), alarmEvent('A5', 'commented', at(9), { actor: 'alice', attributes: { notes: 'Checked the power feed at the cabinet' } })]);
    const late = ingestOne(store, alarmEvent('A5', 'unacknowledged', at(1), { actor: 'alice' }));
    expect(late.applied).toBe(false);
    expect(late.reason).toMatch(/not acknowledged \(at the time it happened/);
  });

  /** Every order the three events can arrive in. */
  const permutations = <T>(xs: readonly T[]): T[][] => (xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));

  it.each([
    ['an alarm acknowledged and cleared by the same person', 'alarm:test:P1', [alarmEvent('P1', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } }), alarmEvent('P1', 'acknowledged', at(6), { actor: 'alice' }), alarmEvent('P1', 'cleared', at(45), { actor: 'alice' })]],
    ['a truck-roll', 'truckroll:test:P2', [truckEvent('P2', 'dispatched', at(0), { actor: 'carol', attributes: { site: 'S9' } }), truckEvent('P2', 'onSite', at(50), { actor: 'carol' }), truckEvent('P2', 'completed', at(110), { actor: 'carol', attributes: { firstTimeFix: true } })]],
    ['an order', 'order:test:P3', [orderEvent('P3', 'acknowledged', at(0), { attributes: { priority: 1 } }), orderEvent('P3', 'inProgress', at(20), { actor: 'bob' }), orderEvent('P3', 'completed', at(200), { actor: 'bob' })]],
  ] as const)('%s: in any of the six arrival orders, the same life as in order, and the same points unless a scored step came before the start', (_name, key, events) => {
    const ordered = newStore();
    ingestAll(ordered, events);
    for (const arrival of permutations(events)) {
      const store = newStore();
      ingestAll(store, arrival);
      const order = arrival.map((e) => e.transition).join(' → ');
      expect(life(store, key), order).toEqual(life(ordered, key));
      // A step that created the item before its start arrived was scored then (on the item as it was
      // known) and its points stand; a finish that arrived first was parked and scored in time order.
      const start = events[0];
      const scoredBeforeStart = arrival.slice(0, start ? arrival.indexOf(start) : 0).some((e) => !PARKED_TRANSITIONS[e.stream].has(e.transition));
      if (!scoredBeforeStart) expect(pointsByPerson(store), order).toEqual(pointsByPerson(ordered));
    }
  });

  it('an item with more events than the limit is not refolded: its late events are applied as they arrive', () => {
    const store = newStore();
    const updates = Array.from({ length: IN_TIME_ORDER_MAX_EVENTS }, (_, i) => alarmEvent('A7', 'updated', iso(T0 + MINUTE + i * 1_000), { attributes: { count: i + 2 } }));
    ingestAll(store, [alarmEvent('A7', 'raised', at(0)), ...updates, alarmEvent('A7', 'cleared', at(60), { actor: 'alice' })]);
    const late = ingestOne(store, alarmEvent('A7', 'acknowledged', at(30), { actor: 'alice' }));
    expect(late.applied).toBe(false);
    expect(late.reason).toBe('alarm is cleared');
  });

  it('replaying the log in arrival order gives the same ledger and items (deterministic)', () => {
    const events = [
      alarmEvent('A6', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } }),
      alarmEvent('A6', 'cleared', at(25), { actor: 'alice' }),
      alarmEvent('A6', 'acknowledged', at(4), { actor: 'alice' }),
      truckEvent('T6', 'dispatched', at(0), { actor: 'carol' }),
      truckEvent('T6', 'completed', at(80), { actor: 'carol' }),
      truckEvent('T6', 'onSite', at(30), { actor: 'carol' }),
    ];
    const a = newStore();
    ingestAll(a, events);
    const b = newStore();
    ingestAll(b, events);
    expect(b.ledger).toEqual(a.ledger);
    expect([...b.items.entries()]).toEqual([...a.items.entries()]);
  });
});
