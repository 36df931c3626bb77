import { describe, expect, it } from 'vitest';
import { makeConfig, type EngineConfig } from './config';
import type { OpsEvent } from './event';
import { replay, totalsFromLedger } from './replay';
import { PEOPLE, alarmEvent, at, orderEvent, truckEvent } from '../test-support/test-fixtures';
import { whatIf } from './what-if';

const LOG: OpsEvent[] = [
  alarmEvent('W1', 'raised', at(0), { attributes: { perceivedSeverity: 'major' } }),
  alarmEvent('W1', 'acknowledged', at(3), { actor: 'alice' }),
  alarmEvent('W1', 'cleared', at(40), { actor: 'alice' }),
  alarmEvent('W2', 'raised', at(10), { attributes: { perceivedSeverity: 'minor' } }),
  alarmEvent('W2', 'acknowledged', at(12), { actor: 'bob' }),
  alarmEvent('W2', 'cleared', at(30), { actor: 'bob' }),
  alarmEvent('W3', 'raised', at(15), { attributes: { perceivedSeverity: 'critical' } }),
  alarmEvent('W3', 'cleared', at(25), { actor: 'bob' }),
  orderEvent('O1', 'acknowledged', at(5), { attributes: { priority: 2 } }),
  orderEvent('O1', 'inProgress', at(20), { actor: 'dave' }),
  orderEvent('O1', 'completed', at(200), { actor: 'dave' }),
  truckEvent('T1', 'open', at(20), { attributes: { priority: 1, technician: 'carol', appointmentStart: at(60), appointmentEnd: at(180) } }),
  truckEvent('T1', 'dispatched', at(30)),
  truckEvent('T1', 'onSite', at(90)),
  truckEvent('T1', 'completed', at(150)),
];

/** The defaults with "Clear an alarm" paying `basePoints` (and its version bumped). */
function withClearPoints(config: EngineConfig, basePoints: number): EngineConfig {
  return { ...config, rules: config.rules.map((r) => (r.id === 'alarm.clear' ? { ...r, basePoints, version: r.version + 1 } : r)) };
}

describe('what-if preview', () => {
  const current = makeConfig();
  const draft = withClearPoints(current, 40);

  it('draft totals equal a real re-score of the same events under the draft', () => {
    const result = whatIf(LOG, PEOPLE, current, draft);
    const rescored = totalsFromLedger(replay(LOG, PEOPLE, draft).ledger, 'individual', 'all', 'all');
    const before = totalsFromLedger(replay(LOG, PEOPLE, current).ledger, 'individual', 'all', 'all');
    for (const p of result.people) {
      expect(p.draft).toBe(rescored.get(p.personId) ?? 0);
      expect(p.current).toBe(before.get(p.personId) ?? 0);
      expect(p.difference).toBe(p.draft - p.current);
    }
    const teams = totalsFromLedger(replay(LOG, PEOPLE, draft).ledger, 'team', 'all', 'all');
    for (const t of result.teams) expect(t.draft).toBe(teams.get(t.id) ?? 0);
    expect(result.events).toBe(LOG.length);
  });

  it('shows who gains from a change and by which rule', () => {
    const result = whatIf(LOG, PEOPLE, current, draft);
    const alice = result.people.find((p) => p.personId === 'p-alice');
    const bob = result.people.find((p) => p.personId === 'p-bob');
    const carol = result.people.find((p) => p.personId === 'p-carol');
    expect(alice!.difference).toBeGreaterThan(0);
    expect(bob!.difference).toBeGreaterThan(0);
    expect(carol!.difference).toBe(0); // no alarm clears
    const clear = result.rules.find((r) => r.id === 'alarm.clear');
    expect(clear!.draft).toBe(clear!.current * 2);
    expect(result.rules[0]!.id).toBe('alarm.clear'); // the biggest change first
    expect(result.rules.filter((r) => r.id !== 'alarm.clear' && !r.id.startsWith('badge:')).every((r) => r.difference === 0)).toBe(true);
    expect(result.total.difference).toBe(clear!.difference + result.rules.filter((r) => r.id !== 'alarm.clear').reduce((s, r) => s + r.difference, 0));
  });

  it('ranks before and after, ties share a rank, and lists everyone (also people with no points)', () => {
    const result = whatIf(LOG, PEOPLE, current, draft);
    expect(result.people.map((p) => p.personId).sort()).toEqual(PEOPLE.map((p) => p.id).sort());
    const sortedAfter = [...result.people].sort((a, b) => b.draft - a.draft);
    expect(sortedAfter[0]!.rankAfter).toBe(1);
    for (const p of result.people) {
      expect(p.rankAfter).toBe(result.people.filter((q) => q.draft > p.draft).length + 1);
      expect(p.rankBefore).toBe(result.people.filter((q) => q.current > p.current).length + 1);
    }
    const nothing = whatIf([], PEOPLE, current, draft);
    expect(nothing.people.every((p) => p.rankBefore === 1 && p.rankAfter === 1 && p.draft === 0)).toBe(true);
    expect(nothing.total).toEqual({ current: 0, draft: 0, difference: 0 });
  });

  it('an unchanged draft shows no difference, and the result is deterministic', () => {
    const same = whatIf(LOG, PEOPLE, current, makeConfig());
    expect(same.people.every((p) => p.difference === 0)).toBe(true);
    expect(same.rules.every((r) => r.difference === 0)).toBe(true);
    expect(whatIf(LOG, PEOPLE, current, draft)).toEqual(whatIf(LOG, PEOPLE, current, draft));
  });

  it('a rank move: lowering the clear puts the order handler ahead', () => {
    const result = whatIf(LOG, PEOPLE, current, withClearPoints(current, 0));
    const dave = result.people.find((p) => p.personId === 'p-dave')!;
    const bob = result.people.find((p) => p.personId === 'p-bob')!;
    expect(bob.draft).toBeLessThan(bob.current);
    expect(dave.rankAfter).toBeLessThan(dave.rankBefore);
    expect(result.people[0]!.rankAfter).toBe(1);
  });
});
