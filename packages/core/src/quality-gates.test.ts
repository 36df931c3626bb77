import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BADGES } from './badges';
import { makeConfig } from './config';
import type { OpsEvent } from './event';
import { replay } from './replay';
import { DEFAULT_RULES } from './rules';
import { DAY, HOUR, MINUTE, T0, alarmEvent, at, ingestOne, iso, newStore, pointsByPerson, truckEvent } from '../test-support/test-fixtures';

const byRule = (ledger: { ruleId: string; points: number }[]) => ledger.map((e) => [e.ruleId, e.points]);

describe('flap window: a clear earns its points only if the alarm stays clear', () => {
  const badges = DEFAULT_BADGES.filter((b) => b.id === 'storm-chaser').map((b) => ({ ...b, threshold: 1 }));
  const cfg = makeConfig({ badges });

  it('a re-raise inside the window takes back the clear, its badge bonus, the badge and its counter, with a readable reason', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'major' } }), cfg);
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(20), { actor: 'alice' }), cfg);
    expect(byRule(clear.ledger)).toEqual([
      ['alarm.clear', expect.any(Number)],
      ['badge:storm-chaser', 50],
    ]);
    expect(store.progress.get('p-alice')?.badges['storm-chaser']).toBeDefined();
    const reraise = ingestOne(store, alarmEvent('A', 'raised', at(30)), cfg);
    expect(reraise.ledger.map((e) => e.points)).toEqual(clear.ledger.map((e) => -e.points));
    expect(reraise.ledger.every((e) => e.reason.startsWith('Reversed: ') && e.reason.includes('raised again 10 min after it was cleared'))).toBe(true);
    expect(reraise.revokedBadges).toEqual([{ personId: 'p-alice', badgeId: 'storm-chaser', at: T0 + 30 * MINUTE }]);
    const progress = store.progress.get('p-alice');
    expect(progress?.badges).toEqual({});
    expect(progress?.counters['storm-chaser']).toBe(0);
    expect(pointsByPerson(store)).toEqual({ 'p-alice': 0 });
    // earned again by a clear that holds
    const again = ingestOne(store, alarmEvent('A', 'cleared', at(40), { actor: 'alice' }), cfg);
    expect(again.badges.map((b) => b.badgeId)).toEqual(['storm-chaser']);
  });

  it('a clear that arrives after the re-raise it predates is refused and pays nothing (late delivery)', () => {
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0)), cfg);
    ingestOne(store, alarmEvent('A', 'raised', at(30)), cfg); // came back at 30 ...
    const late = store.ingest(alarmEvent('A', 'cleared', at(20), { actor: 'alice' }), cfg); // ... the clear of 20 arrives after it
    expect(late?.applied).toBe(false);
    expect(late?.reason).toMatch(/raised again after this clear/);
    expect(store.items.get('alarm:test:A')?.open).toBe(true);
    expect(store.ledger).toEqual([]);
  });
});

describe('an acknowledgement pays only when work follows', () => {
  const raise = alarmEvent('A', 'raised', at(0), { attributes: { perceivedSeverity: 'critical' } });
  const cfg = makeConfig({ badges: [] });

  it('pays when the same person clears within the follow-up time, at the clear, saying so', () => {
    const store = newStore();
    ingestOne(store, raise, cfg);
    const ack = ingestOne(store, alarmEvent('A', 'acknowledged', at(2), { actor: 'alice' }), cfg);
    expect(ack.ledger).toEqual([]);
    expect(ack.item?.pendingAwards).toHaveLength(1);
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(40), { actor: 'alice' }), cfg);
    expect(byRule(clear.ledger)[0]).toEqual(['alarm.acknowledge', 21]);
    expect(clear.ledger[0]?.reason).toMatch(/confirmed by your clear 38 min later/);
    expect(clear.ledger[0]?.entryId).toBe(ack.item?.pendingAwards?.[0]?.award.entryId);
    expect(clear.item?.pendingAwards).toBeUndefined();
  });

  it('a comment counts as follow-up; an update by the source does not', () => {
    const store = newStore();
    ingestOne(store, raise, cfg);
    ingestOne(store, alarmEvent('A', 'acknowledged', at(2), { actor: 'alice' }), cfg);
    expect(ingestOne(store, alarmEvent('A', 'updated', at(5), { attributes: { count: 3 } }), cfg).ledger).toEqual([]);
    const comment = ingestOne(store, alarmEvent('A', 'commented', at(10), { actor: 'alice', attributes: { notes: 'fibre cut, crew called' } }), cfg);
    expect(byRule(comment.ledger)).toEqual([['alarm.acknowledge', 21]]);
  });

  it('nothing without follow-up in time, from someone else, or after an unacknowledge', () => {
    const late = newStore();
    ingestOne(late, raise, cfg);
    ingestOne(late, alarmEvent('A', 'acknowledged', at(2), { actor: 'alice' }), cfg);
    expect(ingestOne(late, alarmEvent('A', 'cleared', at(63), { actor: 'alice' }), cfg).ledger.map((e) => e.ruleId)).toEqual(['alarm.clear']);

    const other = newStore();
    ingestOne(other, raise, cfg);
    ingestOne(other, alarmEvent('A', 'acknowledged', at(2), { actor: 'alice' }), cfg);
    ingestOne(other, alarmEvent('A', 'cleared', at(10), { actor: 'bob' }), cfg);
    expect(pointsByPerson(other)['p-alice']).toBeUndefined();

    const undone = newStore();
    ingestOne(undone, raise, cfg);
    ingestOne(undone, alarmEvent('A', 'acknowledged', at(2), { actor: 'alice' }), cfg);
    ingestOne(undone, alarmEvent('A', 'unacknowledged', at(3), { actor: 'alice' }), cfg);
    expect(ingestOne(undone, alarmEvent('A', 'commented', at(4), { actor: 'alice', attributes: { notes: 'x' } }), cfg).ledger).toEqual([]);
  });

  it('the First Responder badge waits for the follow-up too, and a flap of the confirming clear keeps it', () => {
    const withBadge = makeConfig({ badges: DEFAULT_BADGES.filter((b) => b.id === 'first-responder') });
    const store = newStore();
    ingestOne(store, raise, withBadge);
    expect(ingestOne(store, alarmEvent('A', 'acknowledged', at(2), { actor: 'alice' }), withBadge).badges).toEqual([]);
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(20), { actor: 'alice' }), withBadge);
    expect(clear.badges.map((b) => b.badgeId)).toEqual(['first-responder']);
    const reraise = ingestOne(store, alarmEvent('A', 'raised', at(25)), withBadge);
    expect(byRule(reraise.ledger)).toEqual([['alarm.clear', -(clear.ledger.find((e) => e.ruleId === 'alarm.clear')?.points ?? 0)]]);
    expect(reraise.revokedBadges).toEqual([]);
    expect(store.progress.get('p-alice')?.badges['first-responder']).toBe(T0 + 20 * MINUTE);
    // without a follow-up, no badge
    const idle = newStore();
    ingestOne(idle, raise, withBadge);
    ingestOne(idle, alarmEvent('A', 'acknowledged', at(2), { actor: 'alice' }), withBadge);
    ingestOne(idle, alarmEvent('A', 'cleared', at(90), { actor: 'alice' }), withBadge);
    expect(idle.progress.get('p-alice')?.badges).toEqual({});
  });

  it('a re-raise of the clear keeps the acknowledgement it confirmed', () => {
    const store = newStore();
    ingestOne(store, raise, cfg);
    ingestOne(store, alarmEvent('A', 'acknowledged', at(2), { actor: 'alice' }), cfg);
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(20), { actor: 'alice' }), cfg);
    const reraise = ingestOne(store, alarmEvent('A', 'raised', at(25)), cfg);
    expect(byRule(reraise.ledger)).toEqual([['alarm.clear', -(clear.ledger[1]?.points ?? 0)]]);
    expect(pointsByPerson(store)['p-alice']).toBe(21);
  });
});

describe('first-time fix: reversed by a repeat visit within 7 days', () => {
  const cfg = makeConfig({ badges: [] });
  const visit = (key: string, openAt: number, doneAt: number, site = 'S1'): OpsEvent[] => [
    truckEvent(key, 'open', iso(openAt), { attributes: { technician: 'carol', site, priority: 2, appointmentEnd: iso(openAt + 4 * HOUR) } }),
    truckEvent(key, 'completed', iso(doneAt), { actor: 'carol', attributes: { firstTimeFix: true } }),
  ];
  const ftf = (store: ReturnType<typeof newStore>) =>
    store.ledger.filter((e) => e.ruleId === 'truckroll.first-time-fix').reduce((sum, e) => sum + e.points, 0);

  it('a repeat visit to the same site 3 days later takes back the bonus, with the reason', () => {
    const store = newStore();
    for (const e of visit('T1', T0, T0 + HOUR)) ingestOne(store, e, cfg);
    expect(ftf(store)).toBe(23); // 15 × 1.5 for priority 2
    const repeat = ingestOne(store, visit('T2', T0 + 3 * DAY, T0 + 3 * DAY + HOUR)[0]!, cfg);
    expect(byRule(repeat.ledger)).toEqual([['truckroll.first-time-fix', -23]]);
    expect(repeat.ledger[0]?.personId).toBe('p-carol');
    // it names the visit whose fix did not hold, in the repeat visit's event
    expect(repeat.ledger[0]?.itemKey).toBe('truckroll:test:T1');
    expect(repeat.ledger[0]?.eventKey).toBe(repeat.eventKey);
    expect(repeat.ledger[0]?.reason).toMatch(/repeat visit to site S1 was opened 3 days after the fix/);
    expect(ftf(store)).toBe(0);
    // the completion points stay: the visit was done
    expect(store.ledger.some((e) => e.ruleId === 'truckroll.complete' && e.points > 0)).toBe(true);
  });

  it('a visit after 7 days, or to another site, leaves it', () => {
    const store = newStore();
    for (const e of visit('T1', T0, T0 + HOUR)) ingestOne(store, e, cfg);
    ingestOne(store, visit('T2', T0 + 8 * DAY, T0 + 8 * DAY)[0]!, cfg);
    ingestOne(store, visit('T3', T0 + 2 * DAY, T0 + 2 * DAY, 'S2')[0]!, cfg);
    expect(ftf(store)).toBe(23); // 15 × 1.5 for priority 2
  });

  it('the same customer at another site counts as a repeat', () => {
    const store = newStore();
    ingestOne(store, truckEvent('T1', 'open', at(0), { attributes: { technician: 'carol', site: 'S1', customer: 'C9' } }), cfg);
    ingestOne(store, truckEvent('T1', 'completed', at(60), { actor: 'carol', attributes: { firstTimeFix: true } }), cfg);
    ingestOne(store, truckEvent('T2', 'open', at(24 * 60), { attributes: { technician: 'dave', site: 'S7', customer: 'C9' } }), cfg);
    expect(ftf(store)).toBe(0);
  });

  it('whichever arrives first, the repeat visit or the fix, the bonus nets to zero (late events)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 * 24 }), fc.boolean(), (hoursLater, repeatFirst) => {
        const fix = visit('T1', T0, T0 + HOUR);
        const repeat = visit('T2', T0 + HOUR + hoursLater * HOUR, T0 + 2 * HOUR + hoursLater * HOUR)[0]!;
        const log = repeatFirst ? [fix[0]!, repeat, fix[1]!] : [...fix, repeat];
        const store = replay(log, [{ id: 'p-carol', username: 'carol', teamId: 'field' }], cfg);
        expect(ftf(store)).toBe(0);
      }),
      { numRuns: 50 },
    );
  });
});

describe('caps per rule and period', () => {
  const rules = DEFAULT_RULES.map((r) => (r.id === 'alarm.clear' ? { ...r, cap: { points: 100, per: 'day' as const } } : r));
  const cfg = makeConfig({ badges: [], rules });

  it('pays up to the cap, then withholds with a reason; a new day starts again', () => {
    const store = newStore();
    const clears = [0, 1, 2].map((i) => {
      ingestOne(store, alarmEvent(`A${i}`, 'raised', at(i * 30), { attributes: { perceivedSeverity: 'critical' } }), cfg);
      return ingestOne(store, alarmEvent(`A${i}`, 'cleared', at(i * 30 + 10), { actor: 'alice' }), cfg);
    });
    const paid = clears.map((c) => c.ledger.filter((e) => e.ruleId === 'alarm.clear').reduce((s, e) => s + e.points, 0));
    expect(paid[0]).toBeGreaterThan(50);
    expect(paid[0]! + paid[1]!).toBe(100);
    expect(clears[1]?.ledger[0]?.reason).toMatch(/capped: at most 100 points a day/);
    expect(paid[2]).toBe(0);
    expect(clears[2]?.withheld).toEqual([expect.objectContaining({ why: 'cap', reviewable: false, detail: expect.stringMatching(/at most 100 points a day/) })]);
    ingestOne(store, alarmEvent('N', 'raised', at(24 * 60), { attributes: { perceivedSeverity: 'critical' } }), cfg);
    const nextDay = ingestOne(store, alarmEvent('N', 'cleared', at(24 * 60 + 10), { actor: 'alice' }), cfg);
    expect(nextDay.ledger[0]?.points).toBeGreaterThan(50);
  });
});

describe('bursts far above a person’s normal rate are held for the lead', () => {
  const cfg = makeConfig({ badges: [], burst: { minPerHour: 5, factor: 3 } });
  const clearAt = (store: ReturnType<typeof newStore>, key: string, minute: number) => {
    ingestOne(store, alarmEvent(key, 'raised', at(minute - 1)), cfg);
    return ingestOne(store, alarmEvent(key, 'cleared', at(minute), { actor: 'alice' }), cfg);
  };

  it('the sixth scored action in an hour is held, reviewable, not in the ledger', () => {
    const store = newStore();
    const outs = [1, 2, 3, 4, 5, 6].map((m) => clearAt(store, `B${m}`, m * 5));
    expect(outs.slice(0, 5).every((o) => o.ledger.length === 1 && o.withheld.length === 0)).toBe(true);
    expect(outs[5]?.ledger).toEqual([]);
    expect(outs[5]?.withheld).toEqual([expect.objectContaining({ why: 'burst', reviewable: true, detail: expect.stringMatching(/6 scored actions in one hour/) })]);
  });

  it('a person whose usual rate is high is judged against it', () => {
    const store = newStore();
    // four hours of 4 an hour: usual 4, limit max(5, 12) = 12
    for (let h = 0; h < 4; h += 1) for (let i = 0; i < 4; i += 1) clearAt(store, `U${h}-${i}`, h * 60 + 5 + i * 10);
    const busy = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => clearAt(store, `V${i}`, 4 * 60 + 3 + i * 5));
    expect(busy.every((o) => o.withheld.length === 0)).toBe(true);
  });
});

describe('customer satisfaction after a truck-roll', () => {
  const cfg = makeConfig();
  const done = (store: ReturnType<typeof newStore>) => {
    ingestOne(store, truckEvent('T', 'open', at(0), { attributes: { technician: 'carol' } }), cfg);
    ingestOne(store, truckEvent('T', 'completed', at(60), { actor: 'carol' }), cfg);
  };

  it('a 5 pays the technician 10, a 4 pays 5, a 3 nothing; once per visit', () => {
    for (const [csat, points] of [
      [5, 10],
      [4, 5],
      [3, 0],
    ] as const) {
      const store = newStore();
      done(store);
      const rated = ingestOne(store, truckEvent('T', 'rated', at(120), { attributes: { csat } }), cfg);
      expect(rated.applied).toBe(true);
      expect(rated.ledger.filter((e) => e.ruleId === 'truckroll.csat').map((e) => [e.personId, e.points])).toEqual(points ? [['p-carol', points]] : []);
      expect(store.ingest(truckEvent('T', 'rated', at(121), { attributes: { csat: 5 } }), cfg)?.reason).toMatch(/already rated/);
    }
  });

  it('only a completed visit can be rated, with a score from 1 to 5', () => {
    const store = newStore();
    ingestOne(store, truckEvent('T', 'open', at(0), { attributes: { technician: 'carol' } }), cfg);
    expect(store.ingest(truckEvent('T', 'rated', at(1), { attributes: { csat: 5 } }), cfg)?.reason).toMatch(/only a completed visit/);
    ingestOne(store, truckEvent('T', 'completed', at(60), { actor: 'carol' }), cfg);
    expect(store.ingest(truckEvent('T', 'rated', at(61), { attributes: { csat: 9 } }), cfg)?.reason).toMatch(/from 1 to 5/);
  });
});

describe('badge tiers and skill tracks', () => {
  it('tiers of a family share one counter: silver follows bronze on the same count', () => {
    const family = DEFAULT_BADGES.filter((b) => b.family === 'critical-crusher').map((b) => ({ ...b, threshold: b.tier === 'bronze' ? 2 : b.tier === 'silver' ? 3 : 5 }));
    const cfg = makeConfig({ badges: family });
    const store = newStore();
    const earned: string[][] = [];
    for (let i = 0; i < 5; i += 1) {
      ingestOne(store, alarmEvent(`C${i}`, 'raised', at(i * 60), { attributes: { perceivedSeverity: 'critical' } }), cfg);
      earned.push(ingestOne(store, alarmEvent(`C${i}`, 'cleared', at(i * 60 + 10), { actor: 'alice' }), cfg).badges.map((b) => b.badgeId));
    }
    expect(earned).toEqual([[], ['critical-crusher'], ['critical-crusher-silver'], [], ['critical-crusher-gold']]);
    expect(store.progress.get('p-alice')?.counters['critical-crusher']).toBe(5);
  });

  it('track XP follows the points per stream, reversals included', () => {
    const cfg = makeConfig({ badges: [] });
    const store = newStore();
    ingestOne(store, alarmEvent('A', 'raised', at(0)), cfg);
    const clear = ingestOne(store, alarmEvent('A', 'cleared', at(10), { actor: 'alice' }), cfg);
    ingestOne(store, truckEvent('T', 'open', at(0), { attributes: { technician: 'alice' } }), cfg);
    const visit = ingestOne(store, truckEvent('T', 'completed', at(30), { actor: 'alice' }), cfg);
    const counters = () => store.progress.get('p-alice')?.counters ?? {};
    expect(counters()['track:alarm']).toBe(clear.ledger[0]?.points);
    expect(counters()['track:truckroll']).toBe(visit.ledger.reduce((s, e) => s + e.points, 0));
    ingestOne(store, alarmEvent('A', 'raised', at(15)), cfg);
    expect(counters()['track:alarm']).toBe(0);
  });
});
