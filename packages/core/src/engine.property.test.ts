import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_BADGES } from './badges';
import { makeConfig, type EngineConfig } from './config';
import { processEvent } from './engine';
import { SLA_TRANSITIONS, TRANSITIONS_BY_STREAM, STREAMS, type EventAttributes, type OpsEvent, type Stream, type Transition } from './event';
import { levelForXp } from './levels';
import { replay, totalsFromLedger } from './replay';
import { SEVERITIES } from './severity';
import { MINUTE, PEOPLE, T0, iso, newStore, snapshot } from '../test-support/test-fixtures';
import { WINDOWS, windowKeys, type Window } from './time-windows';

const ALL_TRANSITIONS: Transition[] = [...new Set(STREAMS.flatMap((s) => TRANSITIONS_BY_STREAM[s]))];
const ACTORS = ['alice', 'bob', 'alice', 'bob', 'carol', 'dave', 'mallory'];

/** Badge thresholds lowered to 1..2 so that random sequences earn badges. */
const EASY_BADGES = DEFAULT_BADGES.map((b) => ({ ...b, threshold: Math.min(b.threshold, b.counting === 'sum' ? 500 : 2) }));

const configArb: fc.Arbitrary<EngineConfig> = fc
  .record({
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
    easy: fc.boolean(),
    flapWindowMinutes: fc.constantFrom(0, 15, 60),
  })
  .map(({ timeZone, easy, flapWindowMinutes }) => makeConfig({ timeZone, flapWindowMinutes, ...(easy ? { badges: EASY_BADGES } : {}) }));

const attributesArb: fc.Arbitrary<EventAttributes> = fc.record(
  {
    perceivedSeverity: fc.constantFrom(...SEVERITIES),
    priority: fc.integer({ min: 0, max: 4 }),
    customersAffected: fc.integer({ min: 0, max: 20_000 }),
    serviceAffecting: fc.boolean(),
    vip: fc.boolean(),
    firstTimeFix: fc.boolean(),
    technician: fc.constantFrom('carol', 'dave', 'mallory'),
    slaTarget: fc.constantFrom('response' as const, 'resolution' as const),
    appointmentEnd: fc.integer({ min: 0, max: 600 }).map((m) => iso(T0 + m * MINUTE)),
  },
  { requiredKeys: [] },
);

/** One event about one of a few items; mostly transitions of its stream, sometimes any transition. */
const eventArb: fc.Arbitrary<OpsEvent> = fc
  .record({
    stream: fc.constantFrom<Stream>(...STREAMS),
    key: fc.constantFrom('1', '2'),
    ownTransition: fc.oneof({ arbitrary: fc.constant(true), weight: 6 }, { arbitrary: fc.constant(false), weight: 1 }),
    pick: fc.nat(),
    // spread over ~9 days so day, week and streak logic all move
    minute: fc.integer({ min: 0, max: 9 * 24 * 60 }),
    actor: fc.option(fc.constantFrom(...ACTORS), { nil: undefined, freq: 4 }),
    attributes: fc.option(attributesArb, { nil: undefined }),
    eventId: fc.option(fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8'), { nil: undefined, freq: 6 }),
  })
  .map(({ stream, key, ownTransition, pick, minute, actor, attributes, eventId }) => {
    const pool = ownTransition ? TRANSITIONS_BY_STREAM[stream] : ALL_TRANSITIONS;
    const transition = pool[pick % pool.length] ?? 'raised';
    // SLA events almost always name a clock
    const attrs = (SLA_TRANSITIONS as readonly string[]).includes(transition) && attributes?.slaTarget === undefined && pick % 5 !== 0 ? { ...attributes, slaTarget: 'response' as const } : attributes;
    return {
      source: 'prop',
      stream,
      externalKey: key,
      transition,
      occurredAt: iso(T0 + minute * MINUTE),
      ...(actor !== undefined ? { actor } : {}),
      ...(attrs !== undefined ? { attributes: attrs } : {}),
      ...(eventId !== undefined ? { eventId } : {}),
    };
  });

/** A scripted flap: raise, acknowledge, clear by a person, raise again soon after. */
const flapArb: fc.Arbitrary<OpsEvent[]> = fc
  .record({
    key: fc.constantFrom('1', '2'),
    actor: fc.constantFrom('alice', 'bob', 'dave'),
    severity: fc.constantFrom(...SEVERITIES),
    start: fc.integer({ min: 0, max: 8 * 24 * 60 }),
    ack: fc.integer({ min: 0, max: 20 }),
    clear: fc.integer({ min: 0, max: 120 }),
    reraise: fc.integer({ min: 0, max: 40 }),
  })
  .map(({ key, actor, severity, start, ack, clear, reraise }) => {
    const t = (m: number): string => iso(T0 + m * MINUTE);
    const make = (transition: Transition, minute: number, extra: Partial<OpsEvent> = {}): OpsEvent => ({ source: 'prop', stream: 'alarm', externalKey: key, transition, occurredAt: t(minute), ...extra });
    return [
      make('raised', start, { attributes: { perceivedSeverity: severity, customersAffected: 50 } }),
      make('acknowledged', start + ack, { actor }),
      make('cleared', start + ack + clear, { actor }),
      make('raised', start + ack + clear + reraise),
    ];
  });

/**
 * A log: random events with copies of earlier events sprinkled in. Times either walk forward in
 * small steps (with the odd step back), so that SLAs are met and clears flap, or are scattered
 * over nine days in log order or sorted.
 */
const logArb: fc.Arbitrary<OpsEvent[]> = fc
  .record({
    events: fc.array(eventArb, { minLength: 4, maxLength: 45, size: 'max' }),
    timing: fc.constantFrom('walk', 'walk', 'scattered', 'sorted'),
    start: fc.integer({ min: 0, max: 8 * 24 * 60 }),
    steps: fc.array(fc.integer({ min: -20, max: 150 }), { minLength: 1, maxLength: 45 }),
    flaps: fc.array(fc.record({ at: fc.nat(), events: flapArb }), { maxLength: 2 }),
    duplicates: fc.array(fc.record({ from: fc.nat(), to: fc.nat() }), { maxLength: 8 }),
  })
  .map(({ events, timing, start, steps, flaps, duplicates }) => {
    let log = [...events];
    if (timing === 'sorted') log.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    if (timing === 'walk') {
      let minute = start;
      log = log.map((e, i) => {
        minute += steps[i % steps.length] ?? 0;
        return { ...e, occurredAt: iso(T0 + minute * MINUTE) };
      });
    }
    for (const flap of flaps) log.splice(flap.at % (log.length + 1), 0, ...flap.events);
    for (const { from, to } of duplicates) {
      const source = log[from % log.length];
      if (source) log.splice(to % (log.length + 1), 0, structuredClone(source));
    }
    return log;
  });

const RUNS = { numRuns: Number(process.env.PROP_RUNS ?? 120) };

function key(window: Window, period: string, id: string): string {
  return `${window}|${period}|${id}`;
}

describe('engine properties', () => {
  it('(a) replaying the same log gives an identical ledger, progress and items', () => {
    fc.assert(
      fc.property(logArb, configArb, (log, config) => {
        const first = replay(log, PEOPLE, config);
        const second = replay(structuredClone(log), PEOPLE, config);
        expect(second.ledger).toEqual(first.ledger);
        expect(snapshot(second)).toEqual(snapshot(first));
      }),
      RUNS,
    );
  });

  it('(b) every person’s xp is the sum of their ledger points, and levels follow xp', () => {
    fc.assert(
      fc.property(logArb, configArb, (log, config) => {
        const store = replay(log, PEOPLE, config);
        const sums = new Map<string, number>();
        for (const e of store.ledger) sums.set(e.personId, (sums.get(e.personId) ?? 0) + e.points);
        for (const [personId, sum] of sums) expect(store.progress.get(personId)?.xp).toBe(sum);
        for (const [personId, progress] of store.progress) expect(progress.xp).toBe(sums.get(personId) ?? 0);
        // only known people ever get points
        const known = new Set(PEOPLE.map((p) => p.id));
        for (const e of store.ledger) expect(known.has(e.personId)).toBe(true);
      }),
      RUNS,
    );
  });

  it('(c) totalsFromLedger per window equals per-window sums accumulated from each output', () => {
    fc.assert(
      fc.property(logArb, configArb, (log, config) => {
        const store = newStore();
        const individual = new Map<string, number>();
        const team = new Map<string, number>();
        const periods = new Map<Window, Set<string>>(WINDOWS.map((w) => [w, new Set<string>()]));
        for (const event of log) {
          const first = store.ingest(event, config);
          if (!first) continue;
          // parked events applied when their item's start arrived come with the start's output
          for (const output of [first, ...(first.unparked ?? [])])
          for (const entry of output.ledger) {
            // an entry's windows are those of its event's instant in the configured zone
            expect(entry.windows).toEqual(windowKeys(entry.at, config.timeZone));
            expect(entry.windows).toEqual(output.windows);
            for (const window of WINDOWS) {
              const period = entry.windows[window];
              periods.get(window)?.add(period);
              const ik = key(window, period, entry.personId);
              individual.set(ik, (individual.get(ik) ?? 0) + entry.points);
              if (entry.teamId !== null) {
                const tk = key(window, period, entry.teamId);
                team.set(tk, (team.get(tk) ?? 0) + entry.points);
              }
            }
          }
        }
        for (const window of WINDOWS) {
          for (const period of periods.get(window) ?? []) {
            const expectedIndividual = new Map([...individual].filter(([k]) => k.startsWith(`${window}|${period}|`)).map(([k, v]) => [k.split('|')[2] ?? '', v]));
            const expectedTeam = new Map([...team].filter(([k]) => k.startsWith(`${window}|${period}|`)).map(([k, v]) => [k.split('|')[2] ?? '', v]));
            expect(totalsFromLedger(store.ledger, 'individual', window, period)).toEqual(expectedIndividual);
            expect(totalsFromLedger(store.ledger, 'team', window, period)).toEqual(expectedTeam);
          }
        }
      }),
      RUNS,
    );
  });

  it('(d) re-ingesting an already ingested event returns null and changes nothing', () => {
    fc.assert(
      fc.property(logArb, configArb, fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), (log, config, picks) => {
        const store = newStore();
        log.forEach((event, i) => {
          const before = snapshot(store);
          const output = store.ingest(event, config);
          if (output === null) {
            // a duplicate inside the log itself
            expect(snapshot(store)).toEqual(before);
          }
          // re-send something already seen, right away
          const earlier = log[(picks[i % picks.length] ?? 0) % (i + 1)];
          if (earlier) {
            const mid = snapshot(store);
            expect(store.ingest(structuredClone(earlier), config)).toBeNull();
            expect(snapshot(store)).toEqual(mid);
          }
        });
        const after = snapshot(store);
        for (const event of log) expect(store.ingest(event, config)).toBeNull();
        expect(snapshot(store)).toEqual(after);
      }),
      { numRuns: 60 },
    );
  });

  it('ledger invariants: unique ids, reversals point back with opposite points, a badge held once per person', () => {
    fc.assert(
      fc.property(logArb, configArb, (log, config) => {
        const store = replay(log, PEOPLE, config);
        const byId = new Map(store.ledger.map((e) => [e.entryId, e]));
        expect(byId.size).toBe(store.ledger.length);
        const reversed = new Set<string>();
        for (const e of store.ledger) {
          expect(Number.isInteger(e.points)).toBe(true);
          expect(e.points).not.toBe(0);
          if (e.reversalOf !== undefined) {
            const original = byId.get(e.reversalOf);
            expect(original).toBeDefined();
            expect(e.points).toBe(-(original?.points ?? 0));
            expect(e.personId).toBe(original?.personId);
            expect(e.at).toBeGreaterThanOrEqual(original?.at ?? Infinity);
            expect(reversed.has(e.reversalOf)).toBe(false);
            reversed.add(e.reversalOf);
          } else {
            expect(e.points).toBeGreaterThan(0);
          }
        }
        // A badge taken back with undone work can be earned again: net, each bonus is held at most once,
        // and exactly once for every badge the person holds.
        const net = new Map<string, number>();
        for (const e of store.ledger.filter((x) => x.ruleId.startsWith('badge:'))) {
          const key = `${e.personId}/${e.ruleId}`;
          net.set(key, (net.get(key) ?? 0) + (e.reversalOf === undefined ? 1 : -1));
        }
        for (const count of net.values()) expect([0, 1]).toContain(count);
        for (const [personId, progress] of store.progress) {
          for (const badgeId of Object.keys(progress.badges)) {
            const bonus = config.badges.find((b) => b.id === badgeId)?.bonusPoints ?? 0;
            if (bonus > 0) expect(net.get(`${personId}/badge:${badgeId}`)).toBe(1);
          }
        }
      }),
      RUNS,
    );
  });

  it('processEvent is pure: it never mutates the store it reads, and gives the same output twice', () => {
    fc.assert(
      fc.property(logArb, eventArb, configArb, (log, next, config) => {
        const store = replay(log, PEOPLE, config);
        const before = snapshot(store);
        const first = processEvent(next, store, config);
        const second = processEvent(next, store, config);
        expect(second).toEqual(first);
        expect(snapshot(store)).toEqual(before);
        // outputs are consistent with themselves
        if (first.applied) {
          expect(first.item?.key).toBe(first.itemKey);
          for (const up of first.levelUps) {
            const p = first.progress.find((x) => x.personId === up.personId);
            expect(levelForXp(p?.xp ?? 0)).toBe(up.to);
            expect(up.to).toBeGreaterThan(up.from);
          }
        } else {
          expect(first.reason).toBeTruthy();
          expect(first.ledger).toEqual([]);
          expect(first.progress).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('an item’s SLA clocks stay consistent whatever the order of events', () => {
    fc.assert(
      fc.property(logArb, configArb, (log, config) => {
        const store = replay(log, PEOPLE, config);
        for (const item of store.items.values()) {
          for (const clock of [item.sla.response, item.sla.resolution]) {
            expect(clock.dueAt).toBeGreaterThanOrEqual(clock.startedAt);
            expect(clock.pausedMs).toBeGreaterThanOrEqual(0);
            if (clock.stoppedAt !== undefined) {
              expect(clock.outcome).toBeDefined();
              expect(clock.pausedSince).toBeUndefined();
            } else {
              expect(clock.outcome).toBeUndefined();
            }
            if (clock.pausedSince !== undefined) expect(['held', 'pending']).toContain(item.status);
          }
          expect(item.open).toBe(item.closedAt === undefined);
        }
      }),
      RUNS,
    );
  });
});
