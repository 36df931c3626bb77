import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { emptyProgress } from '../progress';
import { trackCounterKey } from '../skill-tracks';
import { releaseHeldWork, type HeldDownstream } from './held-release';

const AT = Date.parse('2026-11-18T15:00:00Z');
const step = (badgeId: string, holds = true, customers = 0) => ({ badgeId, holds, customers, cancelled: false });

describe('releaseHeldWork: what held work earns besides its points, applied on release', () => {
  it('adds the points to the skill track of the stream, and nothing else without downstream', () => {
    const stored = emptyProgress('p1');
    const { progress, badges } = releaseHeldWork(stored, { points: 40, stream: 'alarm', downstream: undefined, workDays: undefined, at: AT }, DEFAULT_CONFIG);
    expect(progress.counters[trackCounterKey('alarm')]).toBe(40);
    expect(progress.streak).toEqual(stored.streak);
    expect(badges).toEqual([]);
    // the stored progress is not changed
    expect(stored.counters).toEqual({});
  });

  it('moves the badge counters as the work would have, and earns what crosses a threshold', () => {
    const stored = { ...emptyProgress('p1'), counters: { 'customer-shield': 9000 } };
    const downstream: HeldDownstream = { day: '2026-11-18', badgeSteps: [step('customer-shield', true, 2500), step('first-responder', false)] };
    const { progress, badges } = releaseHeldWork(stored, { points: 40, stream: 'alarm', downstream, workDays: undefined, at: AT }, DEFAULT_CONFIG);
    expect(progress.counters['customer-shield']).toBe(11_500);
    expect(progress.badges['customer-shield']).toBe(AT);
    expect(badges.map((b) => [b.badgeId, b.bonusPoints])).toEqual([['customer-shield', 100]]);
    expect(progress.badges['first-responder']).toBeUndefined();
  });

  it('counts the held day in the streak when it is the newest; an older day cannot rewrite a streak that moved on', () => {
    const stored = { ...emptyProgress('p1'), streak: { current: 3, best: 3, lastActiveDay: '2026-11-17' } };
    const next = releaseHeldWork(stored, { points: 10, stream: 'alarm', downstream: { day: '2026-11-18', badgeSteps: [] }, workDays: [], at: AT }, DEFAULT_CONFIG);
    expect(next.progress.streak).toEqual({ current: 4, best: 4, lastActiveDay: '2026-11-18' });
    const older = releaseHeldWork(stored, { points: 10, stream: 'alarm', downstream: { day: '2026-11-16', badgeSteps: [] }, workDays: [], at: AT }, DEFAULT_CONFIG);
    expect(older.progress.streak).toEqual(stored.streak);
  });

  it('a badge already earned is not earned twice, and a badge no longer defined is skipped', () => {
    const stored = { ...emptyProgress('p1'), badges: { 'customer-shield': AT - 1000 }, counters: { 'customer-shield': 10_000 } };
    const downstream: HeldDownstream = { day: '2026-11-18', badgeSteps: [step('customer-shield', true, 2500), step('retired-badge')] };
    const { badges } = releaseHeldWork(stored, { points: 10, stream: 'alarm', downstream, workDays: undefined, at: AT }, DEFAULT_CONFIG);
    expect(badges).toEqual([]);
  });
});
