import { describe, expect, it } from 'vitest';
import { makeConfig, type EngineConfig } from './config';
import type { OpsEvent, Transition } from './event';
import type { LedgerEntry, PersonRef } from './ledger';
import { replay } from './replay';
import { PEOPLE, alarmEvent, iso, orderEvent, T0, MINUTE, truckEvent } from '../test-support/test-fixtures';
import { addToWhatIfSums, compareWhatIf, emptyWhatIfSums, whatIf, whatIfSums, type WhatIfResult, type WhatIfTotal } from './what-if';

/** The what-if as it was first written (both ledgers kept, ranks by findIndex): the reference the sums must match exactly. */
function referenceWhatIf(events: readonly OpsEvent[], people: readonly PersonRef[], current: EngineConfig, draft: EngineConfig): WhatIfResult {
  const sumBy = (ledger: readonly LedgerEntry[], keyOf: (e: LedgerEntry) => string | null): Map<string, number> => {
    const sums = new Map<string, number>();
    for (const e of ledger) {
      const key = keyOf(e);
      if (key !== null) sums.set(key, (sums.get(key) ?? 0) + e.points);
    }
    return sums;
  };
  const ranks = (points: ReadonlyMap<string, number>): Map<string, number> => {
    const values = [...points.values()].sort((a, b) => b - a);
    return new Map([...points].map(([id, p]) => [id, values.findIndex((v) => v === p) + 1]));
  };
  const compare = (c: ReadonlyMap<string, number>, d: ReadonlyMap<string, number>, ids: Iterable<string>): WhatIfTotal[] =>
    [...new Set([...ids, ...c.keys(), ...d.keys()])].map((id) => ({ id, current: c.get(id) ?? 0, draft: d.get(id) ?? 0, difference: (d.get(id) ?? 0) - (c.get(id) ?? 0) }));
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  const before = replay(events, people, current).ledger;
  const after = replay(events, people, draft).ledger;
  const perPerson = compare(sumBy(before, (e) => e.personId), sumBy(after, (e) => e.personId), people.map((p) => p.id));
  const rankBefore = ranks(new Map(perPerson.map((p) => [p.id, p.current])));
  const rankAfter = ranks(new Map(perPerson.map((p) => [p.id, p.draft])));
  const teamOf = new Map<string, string | null>(people.map((p) => [p.id, p.teamId]));
  for (const e of [...before, ...after]) if (!teamOf.has(e.personId)) teamOf.set(e.personId, e.teamId);
  const teamIds = [...new Set(people.map((p) => p.teamId).filter((t): t is string => t !== null))];
  const totalCurrent = before.reduce((s, e) => s + e.points, 0);
  const totalDraft = after.reduce((s, e) => s + e.points, 0);
  return {
    events: events.length,
    people: perPerson
      .map((p) => ({ personId: p.id, teamId: teamOf.get(p.id) ?? null, current: p.current, draft: p.draft, difference: p.difference, rankBefore: rankBefore.get(p.id) ?? 0, rankAfter: rankAfter.get(p.id) ?? 0 }))
      .sort((a, b) => a.rankAfter - b.rankAfter || a.rankBefore - b.rankBefore || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0)),
    teams: compare(sumBy(before, (e) => e.teamId), sumBy(after, (e) => e.teamId), teamIds).sort((a, b) => b.draft - a.draft || byId(a, b)),
    rules: compare(sumBy(before, (e) => e.ruleId), sumBy(after, (e) => e.ruleId), []).sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || byId(a, b)),
    total: { current: totalCurrent, draft: totalDraft, difference: totalDraft - totalCurrent },
  };
}

/** A deterministic, varied log: alarms (some flapping, some cleared before they were raised), orders, truck rolls, duplicates, strangers. */
function generatedLog(seed: number, items: number): OpsEvent[] {
  let s = seed;
  const rnd = (): number => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const actors = ['alice', 'bob', 'carol', 'dave', 'stranger'];
  const log: OpsEvent[] = [];
  for (let i = 0; i < items; i += 1) {
    const t = T0 + i * 7 * MINUTE;
    const when = (m: number): string => iso(t + m * MINUTE);
    const actor = pick(actors);
    const kind = rnd();
    if (kind < 0.5) {
      const key = `A${i % Math.max(1, Math.floor(items / 3))}`; // keys come back: re-raises, flaps
      const raise = alarmEvent(key, 'raised', when(0), { attributes: { perceivedSeverity: pick(['critical', 'major', 'minor', 'warning']), site: `S${i % 5}` } });
      const ack = alarmEvent(key, 'acknowledged', when(1 + Math.floor(rnd() * 20)), { actor });
      const clearedAt = 25 + Math.floor(rnd() * 60);
      const clear = alarmEvent(key, 'cleared', when(clearedAt), { actor });
      if (rnd() < 0.1) log.push(clear, raise, ack);
      else log.push(raise, ack, clear);
      if (rnd() < 0.1) log.push(clear); // a duplicate
      if (rnd() < 0.2) log.push(alarmEvent(key, 'raised', when(clearedAt + 5), { attributes: { perceivedSeverity: 'major' } })); // a flap
    } else if (kind < 0.8) {
      const key = `O${i}`;
      log.push(
        orderEvent(key, 'acknowledged', when(0), { attributes: { priority: 1 + Math.floor(rnd() * 4) } }),
        orderEvent(key, 'inProgress', when(5), { actor }),
        orderEvent(key, pick<Transition>(['completed', 'completed', 'failed']), when(30 + Math.floor(rnd() * 300)), { actor }),
      );
    } else {
      const key = `T${i}`;
      log.push(
        truckEvent(key, 'open', when(0), { attributes: { priority: 1 + Math.floor(rnd() * 3), technician: pick(actors), appointmentStart: when(60), appointmentEnd: when(180), site: `S${i % 5}` } }),
        truckEvent(key, 'dispatched', when(20)),
        truckEvent(key, 'onSite', when(70 + Math.floor(rnd() * 90))),
        truckEvent(key, 'completed', when(200)),
      );
    }
  }
  return log;
}

function withRule(config: EngineConfig, ruleId: string, basePoints: number): EngineConfig {
  return { ...config, rules: config.rules.map((r) => (r.id === ruleId ? { ...r, basePoints, version: r.version + 1 } : r)) };
}

describe('what-if sums', () => {
  const current = makeConfig();
  const log = generatedLog(7, 150);

  it('whatIf is exactly the reference (same numbers, same order) for several drafts', () => {
    const drafts = [withRule(current, 'alarm.clear', 40), withRule(current, 'alarm.clear', 0), { ...current, flapWindowMinutes: 120 }, makeConfig()];
    for (const draft of drafts) {
      const result = whatIf(log, PEOPLE, current, draft);
      expect(JSON.stringify(result)).toBe(JSON.stringify(referenceWhatIf(log, PEOPLE, current, draft)));
    }
    // The log is varied enough to matter: badges, clawbacks and several rules, and the draft moves people.
    const ledger = replay(log, PEOPLE, current).ledger;
    expect(ledger.some((e) => e.ruleId.startsWith('badge:'))).toBe(true);
    expect(ledger.some((e) => e.points < 0)).toBe(true);
    expect(new Set(ledger.map((e) => e.ruleId)).size).toBeGreaterThan(4);
    expect(whatIf(log, PEOPLE, current, drafts[0]!).people.filter((p) => p.difference !== 0).length).toBeGreaterThan(1);
  });

  it('the sums of a replay equal the sums of its ledger, also when the events are a lazy iterable', () => {
    const fromLedger = emptyWhatIfSums();
    addToWhatIfSums(fromLedger, replay(log, PEOPLE, current).ledger);
    fromLedger.events = log.length;
    function* lazily(): Generator<OpsEvent> {
      yield* log;
    }
    expect(whatIfSums(lazily(), PEOPLE, current)).toEqual(fromLedger);
    expect(fromLedger.perRule.size).toBeGreaterThan(1);
  });

  it('sums survive a structured clone (a worker thread) and compare the same', () => {
    const draft = withRule(current, 'alarm.clear', 40);
    const before = whatIfSums(log, PEOPLE, current);
    const after = whatIfSums(log, PEOPLE, draft);
    expect(compareWhatIf(PEOPLE, structuredClone(before), structuredClone(after))).toEqual(whatIf(log, PEOPLE, current, draft));
  });

  it('ranks: equal points share a rank, the next one skips (1, 2, 2, 4), for a thousand people', () => {
    const people: PersonRef[] = Array.from({ length: 1000 }, (_, i) => ({ id: `p${String(i).padStart(4, '0')}`, username: `u${i}`, teamId: null }));
    const points = (i: number): number => (i * 7919) % 37; // many ties
    const side = (shift: number): ReturnType<typeof emptyWhatIfSums> => {
      const sums = emptyWhatIfSums();
      people.forEach((p, i) => sums.perPerson.set(p.id, points(i + shift)));
      return sums;
    };
    const result = compareWhatIf(people, side(0), side(3));
    for (const p of result.people) {
      expect(p.rankBefore).toBe(result.people.filter((q) => q.current > p.current).length + 1);
      expect(p.rankAfter).toBe(result.people.filter((q) => q.draft > p.draft).length + 1);
    }
  });
});
