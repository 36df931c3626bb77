import { describe, expect, it } from 'vitest';
import { makeConfig } from './config';
import { processEvent } from './engine';
import type { EventAttributes } from './event';
import { DEFAULT_MULTIPLIERS } from './rules';
import { describeScore, multiplierFor, scoreTransition } from './scoring';
import type { Severity } from './severity';
import { DEFAULT_SLA_TABLE } from './sla';
import { createItem } from './lifecycles/item-factory';
import { MINUTE, T0, alarmEvent, at, ingestAll, ingestOne, newStore, noBadges, orderEvent, pointsByPerson, truckEvent } from '../test-support/test-fixtures';

const config = noBadges();

/** Points alice gets for acknowledging an alarm of this severity `minutes` after it was raised. */
function ackPoints(severity: Severity, minutes: number): number {
  const store = newStore();
  ingestOne(store, alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: severity } }), config);
  const out = ingestOne(store, alarmEvent('A', 'acknowledged', at(minutes), { actor: 'alice' }), config);
  return out.ledger.reduce((sum, e) => sum + e.points, 0);
}

/** Points alice gets for clearing an alarm half-way through its resolution target. */
function clearPoints(attributes: EventAttributes): number {
  const store = newStore();
  ingestOne(store, alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'warning', ...attributes } }), config);
  const out = ingestOne(store, alarmEvent('A', 'cleared', at(1440), { actor: 'alice' }), config);
  return out.ledger.reduce((sum, e) => sum + e.points, 0);
}

describe('alarm scoring', () => {
  it('acknowledging weights by severity (5 base, 1.5x for an instant response)', () => {
    expect(ackPoints('critical', 0)).toBe(23); // 5 * 3 * 1.5 = 22.5
    expect(ackPoints('major', 0)).toBe(15); // 5 * 2 * 1.5
    expect(ackPoints('minor', 0)).toBe(11); // 5 * 1.5 * 1.5 = 11.25
    expect(ackPoints('warning', 0)).toBe(8); // 7.5
    expect(ackPoints('indeterminate', 0)).toBe(4); // 3.75
  });

  it('faster than the target earns more; at the target earns the base; a breach earns nothing', () => {
    expect(ackPoints('critical', 1)).toBe(22); // 15 * 1.47
    expect(ackPoints('critical', 5)).toBe(20); // 15 * 1.33
    expect(ackPoints('critical', 10)).toBe(18); // 15 * 1.17
    expect(ackPoints('critical', 15)).toBe(15); // 15 * 1
    expect(ackPoints('critical', 16)).toBe(0);
    expect(ackPoints('major', 15)).toBe(13); // 10 * 1.25 = 12.5
  });

  it('a breached acknowledgement writes no ledger entry and does not touch progress', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } }), config);
    const out = ingestOne(store, alarmEvent('A', 'acknowledged', at(16), { actor: 'alice' }), config);
    expect(out.applied).toBe(true);
    expect(out.effects).toEqual(['responded']);
    expect(out.ledger).toEqual([]);
    expect(out.progress).toEqual([{ personId: 'p-alice', xp: 0, streak: { current: 0, best: 0 }, counters: {}, badges: {} }]);
  });

  it('clearing weights by customer impact (count by decade, service-affecting, VIP)', () => {
    expect(clearPoints({})).toBe(25); // 20 * 1 * 1.25 * 1
    expect(clearPoints({ customersAffected: 99 })).toBe(38); // impact 1.5 -> 37.5
    expect(clearPoints({ customersAffected: 99, serviceAffecting: true })).toBe(44); // 1.75 -> 43.75
    expect(clearPoints({ customersAffected: 999_999 })).toBe(50); // capped at +1 -> 2
    expect(clearPoints({ customersAffected: 999_999, serviceAffecting: true, vip: true })).toBe(69); // 2.75 -> 68.75
    expect(clearPoints({ customersAffected: -50 })).toBe(25); // negative counts as none
  });

  it('clearing after the resolution target earns nothing', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } }), config);
    const out = ingestOne(store, alarmEvent('A', 'cleared', at(241), { actor: 'alice' }), config);
    expect(out.ledger).toEqual([]);
    expect(out.item?.lastResolution).toBeUndefined();
  });

  it('automatic clears (no actor) earn nothing, even for the assignee', () => {
    const store = newStore();
    ingestAll(store, [
      alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } }),
      alarmEvent('A', 'acknowledged', at(2), { actor: 'alice' }),
    ], config);
    const out = ingestOne(store, alarmEvent('A', 'cleared', at(30)), config);
    expect(out.applied).toBe(true);
    expect(out.effects).toEqual(['resolved']);
    expect(out.ledger).toEqual([]);
    expect(out.progress).toEqual([]);
  });

  it('an unknown actor earns nothing and gets no progress', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } }), config);
    const ack = ingestOne(store, alarmEvent('A', 'acknowledged', at(1), { actor: 'mallory' }), config);
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(2), { actor: 'mallory' }), config);
    expect(ack.applied && clear.applied).toBe(true);
    expect(ack.ledger).toEqual([]);
    expect(clear.ledger).toEqual([]);
    expect(store.progress.size).toBe(0);
    // nobody we know: never the assignee or the resolver
    expect(store.items.get('alarm:test:A')?.resolvedBy).toBeUndefined();
    expect(store.items.get('alarm:test:A')?.assignee).toBeUndefined();
  });

  it('ledger entries name the person, team, rule and version, event and item, with a readable reason', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical', title: 'LOS on OLT-7' } }), config);
    const out = ingestOne(store, alarmEvent('A', 'acknowledged', at(5), { actor: 'alice' }), config);
    const eventKey = `alarm:test:A|acknowledged|${at(5)}`;
    expect(out.ledger).toEqual([
      {
        entryId: `${eventKey}#alarm.acknowledge#p-alice`,
        personId: 'p-alice',
        teamId: 'noc',
        points: 20,
        ruleId: 'alarm.acknowledge',
        ruleVersion: 1,
        eventKey,
        itemKey: 'alarm:test:A',
        reason: 'Acknowledge an alarm: LOS on OLT-7 (severity ×3, response SLA ×1.33)',
        at: T0 + 5 * MINUTE,
        windows: { day: '2024-01-08', week: '2024-01-08', month: '2024-01', all: 'all' },
      },
    ]);
    expect(store.progress.get('p-alice')?.xp).toBe(20);
  });

  it('ledger entry ids use the sender event id when there is one', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0)), config);
    const out = ingestOne(store, alarmEvent('A', 'acknowledged', at(1), { actor: 'dave', eventId: 'evt-42' }), config);
    expect(out.ledger.map((e) => [e.entryId, e.teamId])).toEqual([['test#evt-42#alarm.acknowledge#p-dave', null]]);
  });
});

describe('order scoring', () => {
  it('taking an order into progress and completing it score by priority, SLA and VIP', () => {
    const store = newStore();
    const outs = ingestAll(store, [
      orderEvent('O', 'acknowledged', at(0), { attributes: { priority: 1, vip: true } }),
      orderEvent('O', 'inProgress', at(0), { actor: 'bob' }),
      orderEvent('O', 'completed', at(720), { actor: 'bob' }),
    ], config);
    expect(outs[0]?.ledger).toEqual([]);
    expect(outs[1]?.ledger.map((e) => [e.ruleId, e.points])).toEqual([['order.start', 9]]); // 3 * 2 * 1.5
    expect(outs[2]?.ledger.map((e) => [e.ruleId, e.points])).toEqual([['order.complete', 56]]); // 15 * 2 * 1.25 * 1.5
    expect(store.progress.get('p-bob')?.xp).toBe(65);
  });

  it('an order completed by automation pays its handler (the assignee)', () => {
    const store = newStore();
    const outs = ingestAll(store, [
      orderEvent('O', 'acknowledged', at(0), { attributes: { priority: 3 } }),
      orderEvent('O', 'inProgress', at(240), { actor: 'bob' }), // half the 480-min target
      orderEvent('O', 'completed', at(2880)), // half the 5760-min target
    ], config);
    expect(outs[1]?.ledger.map((e) => [e.personId, e.points])).toEqual([['p-bob', 4]]); // 3 * 1 * 1.25 = 3.75
    expect(outs[2]?.ledger.map((e) => [e.personId, e.points])).toEqual([['p-bob', 19]]); // 15 * 1 * 1.25 = 18.75
  });

  it('failed, cancelled and breached completions earn nothing', () => {
    const store = newStore();
    const outs = ingestAll(store, [
      orderEvent('O1', 'inProgress', at(0), { actor: 'bob', attributes: { priority: 0 } }),
      orderEvent('O1', 'failed', at(10), { actor: 'bob' }),
      orderEvent('O2', 'inProgress', at(0), { actor: 'bob', attributes: { priority: 0 } }),
      orderEvent('O2', 'cancelled', at(10), { actor: 'bob' }),
      orderEvent('O3', 'inProgress', at(0), { actor: 'bob', attributes: { priority: 0 } }),
      orderEvent('O3', 'completed', at(481), { actor: 'bob' }),
    ], config);
    expect(outs.map((o) => o?.ledger.length)).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('a held period does not count against the speed bonus', () => {
    const run = (withHold: boolean): number => {
      const store = newStore();
      const events = [
        orderEvent('O', 'inProgress', at(0), { actor: 'bob', attributes: { priority: 0 } }),
        ...(withHold ? [orderEvent('O', 'held', at(100)), orderEvent('O', 'inProgress', at(300), { actor: 'bob' })] : []),
        orderEvent('O', 'completed', withHold ? at(440) : at(240), { actor: 'bob' }),
      ];
      ingestAll(store, events, config);
      return store.ledger.filter((e) => e.ruleId === 'order.complete').reduce((s, e) => s + e.points, 0);
    };
    expect(run(false)).toBe(47); // 15 * 2.5 * 1.25 = 46.875
    expect(run(true)).toBe(run(false));
  });
});

describe('truck-roll scoring', () => {
  const open = truckEvent('T', 'open', at(0), { attributes: { priority: 1, technician: 'carol' } });

  it('points go to the technician when the event has no actor, with a first-time-fix bonus', () => {
    const store = newStore();
    const outs = ingestAll(store, [
      open,
      truckEvent('T', 'dispatched', at(5), { actor: 'dave' }),
      truckEvent('T', 'onSite', at(60)),
      truckEvent('T', 'completed', at(240), { attributes: { firstTimeFix: true } }),
    ], config);
    expect(outs[1]?.ledger).toEqual([]);
    expect(outs[2]?.ledger.map((e) => [e.personId, e.ruleId, e.points])).toEqual([['p-carol', 'truckroll.onsite', 10]]);
    expect(outs[3]?.ledger.map((e) => [e.personId, e.ruleId, e.points])).toEqual([
      ['p-carol', 'truckroll.complete', 63], // 25 * 2 * 1.25 = 62.5
      ['p-carol', 'truckroll.first-time-fix', 30], // 15 * 2
    ]);
    expect(pointsByPerson(store)).toEqual({ 'p-carol': 103 });
  });

  it('no first-time-fix bonus without the flag, and nothing for unable to complete', () => {
    const store = newStore();
    const outs = ingestAll(store, [open, truckEvent('T', 'completed', at(240), { actor: 'carol' })], config);
    expect(outs[1]?.ledger.map((e) => e.ruleId)).toEqual(['truckroll.complete']);
    const other = newStore();
    const failed = ingestAll(other, [open, truckEvent('T', 'onSite', at(10), { actor: 'carol' }), truckEvent('T', 'unableToComplete', at(20), { actor: 'carol', attributes: { firstTimeFix: true } })], config);
    expect(failed[2]?.ledger).toEqual([]);
  });

  it('arriving after the appointment window earns no on-site points', () => {
    const store = newStore();
    const outs = ingestAll(store, [
      truckEvent('T', 'open', at(0), { attributes: { priority: 1, technician: 'carol', appointmentStart: at(60), appointmentEnd: at(120) } }),
      truckEvent('T', 'onSite', at(121), { actor: 'carol' }),
    ], config);
    expect(outs[1]?.applied).toBe(true);
    expect(outs[1]?.ledger).toEqual([]);
  });

  it('an actor who is not the technician is the one paid', () => {
    const store = newStore();
    const outs = ingestAll(store, [open, truckEvent('T', 'onSite', at(60), { actor: 'dave' })], config);
    expect(outs[1]?.ledger.map((e) => e.personId)).toEqual(['p-dave']);
  });
});

describe('clawback of flapping alarms', () => {
  function clearedByAlice(store = newStore()) {
    ingestAll(store, [
      alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'major' } }),
      alarmEvent('A', 'acknowledged', at(15), { actor: 'alice' }),
    ], config);
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(240), { actor: 'alice' }), config);
    return { store, clear };
  }

  it('a re-raise within 15 minutes of the clear reverses the clear points', () => {
    const { store, clear } = clearedByAlice();
    expect(clear.ledger.map((e) => [e.ruleId, e.points])).toEqual([['alarm.clear', 50]]); // 20 * 2 * 1.25
    expect(clear.item?.lastResolution).toEqual({
      at: T0 + 240 * MINUTE,
      awards: [{ entryId: clear.ledger[0]?.entryId, personId: 'p-alice', teamId: 'noc', points: 50, ruleId: 'alarm.clear', ruleVersion: 1 }],
      counterDeltas: {},
      badges: [],
    });
    expect(store.progress.get('p-alice')?.xp).toBe(13 + 50);

    const reraise = ingestOne(store, alarmEvent('A', 'raised', at(255)), config);
    expect(reraise.effects).toEqual(['reopened']);
    const eventKey = `alarm:test:A|raised|${at(255)}`;
    expect(reraise.ledger).toEqual([
      {
        entryId: `${eventKey}#reverse#${clear.ledger[0]?.entryId}`,
        personId: 'p-alice',
        teamId: 'noc',
        points: -50,
        ruleId: 'alarm.clear',
        ruleVersion: 1,
        eventKey,
        itemKey: 'alarm:test:A',
        reason: 'Reversed: Alarm was raised again 15 min after it was cleared (a clear counts once it holds for 15 min)',
        at: T0 + 255 * MINUTE,
        windows: { day: '2024-01-08', week: '2024-01-08', month: '2024-01', all: 'all' },
        reversalOf: clear.ledger[0]?.entryId,
      },
    ]);
    expect(reraise.item?.lastResolution).toBeUndefined();
    expect(reraise.progress.map((p) => [p.personId, p.xp])).toEqual([['p-alice', 13]]);
    // acknowledgement points are kept
    expect(pointsByPerson(store)).toEqual({ 'p-alice': 13 });
  });

  it('a re-raise after the flap window keeps the points', () => {
    const { store } = clearedByAlice();
    const reraise = ingestOne(store, alarmEvent('A', 'raised', at(256)), config);
    expect(reraise.effects).toEqual(['reopened']);
    expect(reraise.ledger).toEqual([]);
    expect(reraise.item?.lastResolution).toBeUndefined();
    expect(pointsByPerson(store)).toEqual({ 'p-alice': 63 });
  });

  it('the window follows the config', () => {
    const wide = noBadges({ flapWindowMinutes: 60 });
    const { store } = clearedByAlice();
    const reraise = ingestOne(store, alarmEvent('A', 'raised', at(290)), wide);
    expect(reraise.ledger.map((e) => e.points)).toEqual([-50]);
  });

  it('reverses once: a second flap reverses only the second clear', () => {
    const { store } = clearedByAlice();
    ingestOne(store, alarmEvent('A', 'raised', at(250)), config);
    ingestOne(store, alarmEvent('A', 'acknowledged', at(251), { actor: 'bob' }), config);
    const clear2 = ingestOne(store, alarmEvent('A', 'cleared', at(260), { actor: 'bob' }), config);
    expect(clear2.ledger.map((e) => e.personId)).toEqual(['p-bob']);
    const flap2 = ingestOne(store, alarmEvent('A', 'raised', at(265)), config);
    expect(flap2.ledger.map((e) => [e.personId, e.points, e.reversalOf])).toEqual([['p-bob', -clear2.ledger[0]!.points, clear2.ledger[0]!.entryId]]);
    const again = ingestOne(store, alarmEvent('A', 'cleared', at(266)), config);
    expect(again.ledger).toEqual([]);
    const flap3 = ingestOne(store, alarmEvent('A', 'raised', at(267)), config);
    expect(flap3.ledger).toEqual([]);
    expect(store.items.get('alarm:test:A')?.reraiseCount).toBe(3);
  });

  it('an automatic clear leaves nothing to reverse', () => {
    const store = newStore();
    ingestAll(store, [alarmEvent('A', 'raised', at(0)), alarmEvent('A', 'cleared', at(5))], config);
    const reraise = ingestOne(store, alarmEvent('A', 'raised', at(6)), config);
    expect(reraise.ledger).toEqual([]);
  });
});

describe('multipliers and rule scoring functions', () => {
  const item = createItem(alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'minor', customersAffected: 9, vip: true } }), T0, DEFAULT_SLA_TABLE, 'raised');

  it('multiplierFor reads the table', () => {
    expect(multiplierFor('severity', item, T0, config)).toBe(1.5);
    expect(multiplierFor('priority', { ...item, priority: 0 }, T0, config)).toBe(2.5);
    expect(multiplierFor('priority', { ...item, priority: 4 }, T0, config)).toBe(0.75);
    expect(multiplierFor('customerImpact', item, T0, config)).toBe(1.75); // 0.25 * log10(10) + 0.5 VIP
    expect(multiplierFor('slaResponse', item, T0 + 60 * MINUTE, config)).toBe(1.25); // half of 120 minutes
    expect(multiplierFor('slaResponse', item, T0 + 121 * MINUTE, config)).toBe(0);
    const cancelled = { ...item, sla: { ...item.sla, resolution: { ...item.sla.resolution, stoppedAt: T0, outcome: 'cancelled' as const } } };
    expect(multiplierFor('slaResolution', cancelled, T0, config)).toBe(1);
  });

  it('the fast bonus and severity weights are configurable', () => {
    const custom = makeConfig({ badges: [], multipliers: { ...DEFAULT_MULTIPLIERS, slaFastBonus: 1, severity: { ...DEFAULT_MULTIPLIERS.severity, minor: 4 } } });
    expect(multiplierFor('slaResponse', item, T0, custom)).toBe(2);
    expect(multiplierFor('severity', item, T0, custom)).toBe(4);
  });

  it('scoreTransition only fires rules for the stream, transition and effect', () => {
    const ctx = { item, localHour: 10, night: config.night, hasPerson: true };
    expect(scoreTransition('acknowledged', ['responded'], item, T0, ctx, config).map((s) => [s.rule.id, s.points])).toEqual([['alarm.acknowledge', 11]]);
    expect(scoreTransition('acknowledged', ['updated'], item, T0, ctx, config)).toEqual([]);
    expect(scoreTransition('acknowledged', ['responded'], item, T0, { ...ctx, hasPerson: false }, config)).toEqual([]);
    expect(scoreTransition('completed', ['resolved'], item, T0, ctx, config)).toEqual([]);
  });

  it('describeScore lists only multipliers that changed the points', () => {
    const ctx = { item, localHour: 10, night: config.night, hasPerson: true };
    const [score] = scoreTransition('acknowledged', ['responded'], item, T0 + 120 * MINUTE, ctx, config);
    expect(score).toBeDefined();
    expect(describeScore(score!, item)).toBe('Acknowledge an alarm: Alarm (severity ×1.5)');
  });

  it('processEvent does not mutate the store it reads', () => {
    const store = newStore();
    ingestAll(store, [alarmEvent('A', 'raised', at(0)), alarmEvent('A', 'acknowledged', at(1), { actor: 'alice' })], makeConfig());
    const before = structuredClone({ items: [...store.items], progress: [...store.progress], ledger: store.ledger });
    processEvent(alarmEvent('A', 'cleared', at(2), { actor: 'alice' }), store, makeConfig());
    expect({ items: [...store.items], progress: [...store.progress], ledger: store.ledger }).toEqual(before);
  });
});
