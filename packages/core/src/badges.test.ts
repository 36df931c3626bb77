import { describe, expect, it } from 'vitest';
import { DEFAULT_BADGES, type BadgeDefinition } from './badges';
import { isNightHour } from './conditions';
import { makeConfig, type EngineConfig } from './config';
import type { EngineOutput } from './engine';
import type { EventAttributes } from './event';
import type { MemoryStore } from './replay';
import { DAY, HOUR, MINUTE, PAY_ON_ACK_RULES, T0, alarmEvent, at, ingestOne, iso, newStore, orderEvent, truckEvent } from '../test-support/test-fixtures';

function badge(id: string): BadgeDefinition {
  const found = DEFAULT_BADGES.find((b) => b.id === id);
  if (!found) throw new Error(`no badge ${id}`);
  return found;
}

/** A config with only the named default badges (acknowledgements paid at once: the follow-up gate has its own tests). */
function only(ids: string[], overrides: Partial<EngineConfig> = {}): EngineConfig {
  return makeConfig({ badges: ids.map(badge), rules: PAY_ON_ACK_RULES, ...overrides });
}

/** Raises an alarm 10 minutes before `clearAt` and has `actor` (null: automation) clear it; returns the clear's output. */
function clearAlarm(store: MemoryStore, key: string, clearAt: number, config: EngineConfig, actor: string | null = 'alice', attributes: EventAttributes = {}): EngineOutput {
  ingestOne(store, alarmEvent(key, 'raised', iso(clearAt - 10 * MINUTE), { attributes: { perceivedSeverity: 'major', ...attributes } }), config);
  return ingestOne(store, alarmEvent(key, 'cleared', iso(clearAt), actor === null ? {} : { actor }), config);
}

const badgeEntries = (out: EngineOutput) => out.ledger.filter((e) => e.ruleId.startsWith('badge:'));

describe('first-responder', () => {
  const config = only(['first-responder']);

  it('is earned by acknowledging a critical alarm within its response target, with a bonus entry', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } }), config);
    const out = ingestOne(store, alarmEvent('A', 'acknowledged', at(10), { actor: 'alice' }), config);
    expect(out.badges).toEqual([{ personId: 'p-alice', badgeId: 'first-responder', at: T0 + 10 * MINUTE }]);
    const eventKey = `alarm:test:A|acknowledged|${at(10)}`;
    expect(badgeEntries(out)).toEqual([
      {
        entryId: `${eventKey}#badge:first-responder#p-alice`,
        personId: 'p-alice',
        teamId: 'noc',
        points: 25,
        ruleId: 'badge:first-responder',
        ruleVersion: 1,
        eventKey,
        itemKey: 'alarm:test:A',
        reason: 'Badge earned: First Responder',
        at: T0 + 10 * MINUTE,
        windows: { day: '2024-01-08', week: '2024-01-08', month: '2024-01', all: 'all' },
      },
    ]);
    const progress = store.progress.get('p-alice');
    expect(progress?.badges).toEqual({ 'first-responder': T0 + 10 * MINUTE });
    expect(progress?.xp).toBe(18 + 25); // ack 5 * 3 * 1.17 = 17.55 -> 18, plus the bonus
  });

  it('is earned only once', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } }), config);
    ingestOne(store, alarmEvent('A', 'acknowledged', at(1), { actor: 'alice' }), config);
    ingestOne(store, alarmEvent('B', 'raised', at(2), { attributes: { perceivedSeverity: 'critical' } }), config);
    const second = ingestOne(store, alarmEvent('B', 'acknowledged', at(3), { actor: 'alice' }), config);
    expect(second.badges).toEqual([]);
    expect(badgeEntries(second)).toEqual([]);
    expect(store.ledger.filter((e) => e.ruleId === 'badge:first-responder')).toHaveLength(1);
    expect(store.progress.get('p-alice')?.badges).toEqual({ 'first-responder': T0 + MINUTE });
  });

  it('is not earned for a major alarm, a late acknowledgement or an unknown person', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('M', 'raised', at(0), { attributes: { perceivedSeverity: 'major' } }), config);
    expect(ingestOne(store, alarmEvent('M', 'acknowledged', at(1), { actor: 'alice' }), config).badges).toEqual([]);
    ingestOne(store, alarmEvent('C', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } }), config);
    expect(ingestOne(store, alarmEvent('C', 'acknowledged', at(16), { actor: 'alice' }), config).badges).toEqual([]);
    ingestOne(store, alarmEvent('D', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } }), config);
    expect(ingestOne(store, alarmEvent('D', 'acknowledged', at(1), { actor: 'mallory' }), config).badges).toEqual([]);
    expect(store.progress.get('p-alice')?.badges).toEqual({});
    expect(store.progress.get('p-alice')?.counters['first-responder']).toBeUndefined();
  });
});

describe('night-owl', () => {
  // 21:30 UTC in January is 22:30 in Berlin: night shift there, evening in UTC.
  const evening = (i: number): number => Date.parse('2024-01-08T21:30:00Z') + i * MINUTE;

  it('is earned by the tenth clear on the night shift in the organisation zone', () => {
    const config = only(['night-owl'], { timeZone: 'Europe/Berlin' });
    const store = newStore();
    for (let i = 0; i < 9; i += 1) expect(clearAlarm(store, `N${i}`, evening(i), config).badges).toEqual([]);
    expect(store.progress.get('p-alice')?.counters['night-owl']).toBe(9);
    const tenth = clearAlarm(store, 'N9', evening(9), config);
    expect(tenth.badges).toEqual([{ personId: 'p-alice', badgeId: 'night-owl', at: evening(9) }]);
    expect(badgeEntries(tenth).map((e) => [e.ruleId, e.points])).toEqual([['badge:night-owl', 50]]);
    const eleventh = clearAlarm(store, 'N10', evening(10), config);
    expect(eleventh.badges).toEqual([]);
    expect(store.ledger.filter((e) => e.ruleId === 'badge:night-owl')).toHaveLength(1);
  });

  it('the same clears in UTC are not night work', () => {
    const config = only(['night-owl'], { timeZone: 'UTC' });
    const store = newStore();
    for (let i = 0; i < 12; i += 1) expect(clearAlarm(store, `N${i}`, evening(i), config).badges).toEqual([]);
    expect(store.progress.get('p-alice')?.counters['night-owl']).toBeUndefined();
  });

  it('in New York the night is 03:00-11:00 UTC in winter', () => {
    const config = only(['night-owl'], { timeZone: 'America/New_York' });
    const store = newStore();
    clearAlarm(store, 'X1', Date.parse('2024-01-09T02:59:00Z'), config); // 21:59 local: not night
    clearAlarm(store, 'X2', Date.parse('2024-01-09T03:00:00Z'), config); // 22:00 local
    clearAlarm(store, 'X3', Date.parse('2024-01-09T10:59:00Z'), config); // 05:59 local
    clearAlarm(store, 'X4', Date.parse('2024-01-09T11:00:00Z'), config); // 06:00 local: not night
    expect(store.progress.get('p-alice')?.counters['night-owl']).toBe(2);
  });

  it('isNightHour handles windows that wrap midnight and those that do not', () => {
    const night = { startHour: 22, endHour: 6 };
    expect([21, 22, 23, 0, 5, 6].map((h) => isNightHour(h, night))).toEqual([false, true, true, true, true, false]);
    const day = { startHour: 9, endHour: 17 };
    expect([8, 9, 16, 17].map((h) => isNightHour(h, day))).toEqual([false, true, true, false]);
  });
});

describe('sla-ten-in-a-row', () => {
  const config = only(['sla-ten-in-a-row']);

  it('counts consecutive resolutions within target and resets on a breach', () => {
    const store = newStore();
    for (let i = 0; i < 9; i += 1) clearAlarm(store, `A${i}`, T0 + i * HOUR, config);
    expect(store.progress.get('p-alice')?.counters['sla-ten-in-a-row']).toBe(9);
    // a clear after the 480-minute target of a major alarm
    ingestOne(store, alarmEvent('LATE', 'raised', at(0), { attributes: { perceivedSeverity: 'major' } }), config);
    const late = ingestOne(store, alarmEvent('LATE', 'cleared', at(600), { actor: 'alice' }), config);
    expect(late.ledger).toEqual([]);
    expect(store.progress.get('p-alice')?.counters['sla-ten-in-a-row']).toBe(0);
    for (let i = 0; i < 9; i += 1) expect(clearAlarm(store, `B${i}`, T0 + (11 + i) * HOUR, config).badges).toEqual([]);
    const tenth = clearAlarm(store, 'B9', T0 + 20 * HOUR, config);
    expect(tenth.badges.map((b) => b.badgeId)).toEqual(['sla-ten-in-a-row']);
    expect(badgeEntries(tenth).map((e) => e.points)).toEqual([75]);
  });

  it('counts across streams; a cancelled order neither extends nor breaks the run, a failed one breaks it', () => {
    const store = newStore();
    for (let i = 0; i < 5; i += 1) clearAlarm(store, `A${i}`, T0 + i * HOUR, config, 'bob');
    ingestOne(store, orderEvent('O1', 'inProgress', at(0), { actor: 'bob' }), config);
    ingestOne(store, orderEvent('O1', 'completed', at(60), { actor: 'bob' }), config);
    ingestOne(store, truckEvent('T1', 'onSite', at(0), { actor: 'bob' }), config);
    ingestOne(store, truckEvent('T1', 'completed', at(60), { actor: 'bob' }), config);
    expect(store.progress.get('p-bob')?.counters['sla-ten-in-a-row']).toBe(7);
    ingestOne(store, orderEvent('O2', 'inProgress', at(0), { actor: 'bob' }), config);
    ingestOne(store, orderEvent('O2', 'cancelled', at(30), { actor: 'bob' }), config);
    expect(store.progress.get('p-bob')?.counters['sla-ten-in-a-row']).toBe(7);
    ingestOne(store, orderEvent('O3', 'inProgress', at(0), { actor: 'bob' }), config);
    ingestOne(store, orderEvent('O3', 'failed', at(30), { actor: 'bob' }), config);
    expect(store.progress.get('p-bob')?.counters['sla-ten-in-a-row']).toBe(0);
  });
});

describe('storm-chaser (per day)', () => {
  const config = only(['storm-chaser']);

  it('is earned by the 15th clear within one day', () => {
    const store = newStore();
    for (let i = 0; i < 14; i += 1) expect(clearAlarm(store, `S${i}`, T0 + i * 10 * MINUTE, config).badges).toEqual([]);
    const fifteenth = clearAlarm(store, 'S14', T0 + 140 * MINUTE, config);
    expect(fifteenth.badges.map((b) => b.badgeId)).toEqual(['storm-chaser']);
    expect(badgeEntries(fifteenth).map((e) => e.points)).toEqual([50]);
  });

  it('starts counting again on a new day', () => {
    const store = newStore();
    for (let i = 0; i < 14; i += 1) clearAlarm(store, `S${i}`, T0 + i * 10 * MINUTE, config);
    const nextDay = clearAlarm(store, 'S14', T0 + DAY, config);
    expect(nextDay.badges).toEqual([]);
    const counters = store.progress.get('p-alice')?.counters;
    expect(counters?.['storm-chaser']).toBe(1);
    expect(counters?.['storm-chaser@day']).toBe(19731);
  });

  it('the day is the local day of the organisation zone', () => {
    // 14 clears on Monday evening UTC that are Tuesday in Berlin, then one Tuesday morning
    const berlin = only(['storm-chaser'], { timeZone: 'Europe/Berlin' });
    const store = newStore();
    const lateMonday = Date.parse('2024-01-08T23:05:00Z');
    for (let i = 0; i < 14; i += 1) clearAlarm(store, `S${i}`, lateMonday + i * 2 * MINUTE, berlin);
    expect(clearAlarm(store, 'S14', Date.parse('2024-01-09T08:00:00Z'), berlin).badges.map((b) => b.badgeId)).toEqual(['storm-chaser']);
  });

  it('automatic clears do not count', () => {
    const store = newStore();
    for (let i = 0; i < 20; i += 1) clearAlarm(store, `S${i}`, T0 + i * MINUTE, config, null);
    expect(store.progress.size).toBe(0);
  });
});

describe('on-a-roll (streak)', () => {
  const config = only(['on-a-roll']);

  /** Alice acknowledges one alarm on each given day (10:00 UTC). */
  function ackOn(days: string[]): EngineOutput[] {
    const store = newStore();
    return days.map((day, i) => {
      ingestOne(store, alarmEvent(`K${i}`, 'raised', `${day}T10:00:00.000Z`), config);
      return ingestOne(store, alarmEvent(`K${i}`, 'acknowledged', `${day}T10:05:00.000Z`, { actor: 'alice' }), config);
    });
  }

  it('is earned on the fifth consecutive working day, once', () => {
    const outs = ackOn(['2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12', '2024-01-15']);
    expect(outs.map((o) => o.badges.map((b) => b.badgeId))).toEqual([[], [], [], [], ['on-a-roll'], []]);
    expect(badgeEntries(outs[4]!).map((e) => [e.entryId, e.points])).toEqual([[`alarm:test:K4|acknowledged|2024-01-12T10:05:00.000Z#badge:on-a-roll#p-alice`, 40]]);
    const last = outs[5]!.progress.find((p) => p.personId === 'p-alice');
    expect(last?.streak).toEqual({ current: 6, best: 6, lastActiveDay: '2024-01-15', freezes: 1 });
    expect(last?.badges['on-a-roll']).toBe(Date.parse('2024-01-12T10:05:00.000Z'));
  });

  it('a weekend in the middle does not break the run', () => {
    const outs = ackOn(['2024-01-10', '2024-01-11', '2024-01-12', '2024-01-13', '2024-01-15', '2024-01-16']);
    expect(outs.map((o) => o.badges.length)).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('a missed working day starts again', () => {
    const outs = ackOn(['2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-15', '2024-01-16']);
    expect(outs.every((o) => o.badges.length === 0)).toBe(true);
    expect(outs[5]!.progress[0]?.streak).toEqual({ current: 2, best: 4, lastActiveDay: '2024-01-16' });
  });

  it('actions that earn no points do not keep the streak', () => {
    const store = newStore();
    const days = ['2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12'];
    days.forEach((day, i) => {
      ingestOne(store, alarmEvent(`K${i}`, 'raised', `${day}T10:00:00.000Z`, { attributes: { perceivedSeverity: 'critical' } }), config);
      // the Wednesday acknowledgement is late (breached): no points
      const minute = day === '2024-01-10' ? '30' : '05';
      ingestOne(store, alarmEvent(`K${i}`, 'acknowledged', `${day}T10:${minute}:00.000Z`, { actor: 'alice' }), config);
    });
    expect(store.progress.get('p-alice')?.streak).toEqual({ current: 2, best: 2, lastActiveDay: '2024-01-12' });
    expect(store.progress.get('p-alice')?.badges).toEqual({});
  });
});

describe('other default badges', () => {
  it('customer-shield sums customers of service-affecting clears', () => {
    const config = only(['customer-shield']);
    const store = newStore();
    clearAlarm(store, 'A', T0, config, 'alice', { customersAffected: 50_000 }); // not service-affecting
    expect(clearAlarm(store, 'B', T0 + HOUR, config, 'alice', { customersAffected: 6000, serviceAffecting: true }).badges).toEqual([]);
    expect(store.progress.get('p-alice')?.counters['customer-shield']).toBe(6000);
    expect(clearAlarm(store, 'C', T0 + 2 * HOUR, config, 'alice', { customersAffected: 4000, serviceAffecting: true }).badges.map((b) => b.badgeId)).toEqual(['customer-shield']);
  });

  it('first-time-fixer counts first-time fixes by the technician', () => {
    const config = only(['first-time-fixer']);
    const store = newStore();
    const outs = [0, 1, 2, 3, 4].map((i) => {
      ingestOne(store, truckEvent(`T${i}`, 'open', at(i * 60), { attributes: { technician: 'carol' } }), config);
      return ingestOne(store, truckEvent(`T${i}`, 'completed', at(i * 60 + 30), { attributes: { firstTimeFix: true } }), config);
    });
    expect(outs.map((o) => o.badges.map((b) => b.personId))).toEqual([[], [], [], [], ['p-carol']]);
  });

  it('with all default badges, one clear can earn several at once', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical', serviceAffecting: true, customersAffected: 20_000 } }));
    const ack = ingestOne(store, alarmEvent('A', 'acknowledged', at(1), { actor: 'alice' }));
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(30), { actor: 'alice' }));
    // First Responder waits for the follow-up, like the acknowledgement's points: the clear confirms it.
    expect(ack.badges).toEqual([]);
    expect(clear.badges.map((b) => b.badgeId)).toEqual(['first-responder', 'customer-shield']);
    const progress = store.progress.get('p-alice');
    expect(Object.keys(progress?.badges ?? {}).sort()).toEqual(['customer-shield', 'first-responder']);
    expect(progress?.xp).toBe(store.ledger.reduce((s, e) => s + e.points, 0));
  });

  it('badge bonuses count towards levels', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical', serviceAffecting: true, customersAffected: 20_000 } }));
    ingestOne(store, alarmEvent('A', 'acknowledged', at(1), { actor: 'alice' })); // the 22 and the First Responder badge wait for a follow-up
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(30), { actor: 'alice' }));
    // clear: 20 * 3 * round2(1 + 0.5 * (1 - 30/240)) = 1.44 * impact min(1, 0.25 * log10(20001)) + 1 + 0.25 = 2.25 -> 194.4; bonus 100
    expect(clear.ledger.map((e) => [e.ruleId, e.points])).toEqual([
      ['alarm.acknowledge', 22],
      ['alarm.clear', 194],
      ['badge:first-responder', 25],
      ['badge:customer-shield', 100],
    ]);
    expect(clear.levelUps).toEqual([{ personId: 'p-alice', from: 1, to: 3 }]);
  });
});
