import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignLeagueTiers, LEAGUE_TIERS, leagueOf, pointsPerHour, scheduledHours, tierMoves, type LeagueTier } from './leagues';

const idArb = fc.stringMatching(/^p-[a-z0-9]{1,6}$/);
const tierArb = fc.constantFrom<LeagueTier>(...LEAGUE_TIERS);
const pointsArb = fc.integer({ min: -50, max: 500 });
const previousArb = fc.dictionary(idArb, tierArb, { maxKeys: 40 });
const pointsDictArb = fc.dictionary(idArb, pointsArb, { maxKeys: 40 });
const step = (t: LeagueTier): number => LEAGUE_TIERS.indexOf(t);

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('leagues', () => {
  it('a league is the role, for engineers and technicians only', () => {
    expect(leagueOf('engineer')).toBe('engineer');
    expect(leagueOf('technician')).toBe('technician');
    expect(leagueOf('lead')).toBeNull();
    expect(leagueOf('admin')).toBeNull();
  });

  it('moves 20 % of a tier, at least one from 3 members on', () => {
    expect([0, 1, 2, 3, 4, 5, 9, 10, 14, 15].map(tierMoves)).toEqual([0, 0, 0, 1, 1, 1, 1, 2, 2, 3]);
  });

  it('everyone in either input gets exactly one tier', () => {
    fc.assert(
      fc.property(previousArb, pointsDictArb, (previous, points) => {
        const next = assignLeagueTiers(previous, points);
        const everyone = new Set([...Object.keys(previous), ...Object.keys(points)]);
        expect(new Set(Object.keys(next))).toEqual(everyone);
        for (const tier of Object.values(next)) expect(LEAGUE_TIERS).toContain(tier);
      }),
    );
  });

  it('nobody moves more than one step; newcomers start in bronze; promotion only with points > 0', () => {
    fc.assert(
      fc.property(previousArb, pointsDictArb, (previous, points) => {
        const next = assignLeagueTiers(previous, points);
        for (const [id, tier] of Object.entries(next)) {
          const before = Object.hasOwn(previous, id) ? previous[id] : undefined;
          if (before === undefined) {
            expect(tier).toBe('bronze');
            continue;
          }
          expect(Math.abs(step(tier) - step(before))).toBeLessThanOrEqual(1);
          if (step(tier) > step(before)) expect(points[id] ?? 0).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('is deterministic and ignores input order', () => {
    fc.assert(
      fc.property(previousArb, pointsDictArb, fc.integer({ min: 1, max: 1_000_000 }), (previous, points, seed) => {
        const once = assignLeagueTiers(previous, points);
        expect(assignLeagueTiers(previous, points)).toEqual(once);
        const reordered = assignLeagueTiers(
          Object.fromEntries(shuffled(Object.entries(previous), seed)),
          Object.fromEntries(shuffled(Object.entries(points), seed + 7)),
        );
        expect(reordered).toEqual(once);
      }),
    );
  });

  it('moves at least one up and one down in a tier of 3 or more (when someone scored)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(idArb, { minLength: 3, maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 30, maxLength: 30 }), (ids, pts) => {
        const previous = Object.fromEntries(ids.map((id) => [id, 'silver' as LeagueTier]));
        const points = Object.fromEntries(ids.map((id, i) => [id, pts[i] ?? 1]));
        const next = Object.values(assignLeagueTiers(previous, points));
        const moves = tierMoves(ids.length);
        expect(next.filter((t) => t === 'gold')).toHaveLength(moves);
        expect(next.filter((t) => t === 'bronze')).toHaveLength(moves);
      }),
    );
  });

  it('promotes the top scorer and demotes the bottom one in a concrete tier', () => {
    const next = assignLeagueTiers(
      { a: 'bronze', b: 'bronze', c: 'bronze', d: 'silver', e: 'silver', f: 'silver', g: 'gold' },
      { a: 30, b: 10, c: 0, d: 0, e: 0, f: 0, h: 99 },
    );
    // bronze: a promotes (top, > 0), c stays (bronze is the floor)
    // silver: nobody scored, so nobody promotes; the bottom one by id (f) demotes
    // gold: one member, nobody moves; h is new: bronze
    expect(next).toEqual({ a: 'silver', b: 'bronze', c: 'bronze', d: 'silver', e: 'silver', f: 'bronze', g: 'gold', h: 'bronze' });
  });

  it('counts scheduled hours on work days only', () => {
    // 2026-11-23 is a Monday
    expect(scheduledHours('2026-11-23', '2026-11-29', [1, 2, 3, 4, 5], 8)).toBe(40);
    expect(scheduledHours('2026-11-23', '2026-11-24', [1, 2, 3, 4, 5], 8)).toBe(16);
    expect(scheduledHours('2026-11-28', '2026-11-29', [1, 2, 3, 4, 5], 8)).toBe(0);
    expect(scheduledHours('2026-11-23', '2026-12-06', [6, 7], 12)).toBe(48);
    expect(scheduledHours('2026-11-24', '2026-11-23', [1], 8)).toBe(0);
    expect(pointsPerHour(100, 40)).toBe(2.5);
    expect(pointsPerHour(5, 0)).toBe(5);
  });

  it('scheduled hours agree with counting day by day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20000, max: 21000 }), fc.integer({ min: 0, max: 100 }), fc.uniqueArray(fc.integer({ min: 1, max: 7 })), (start, length, workDays) => {
        const from = new Date(start * 86_400_000).toISOString().slice(0, 10);
        const to = new Date((start + length) * 86_400_000).toISOString().slice(0, 10);
        let expected = 0;
        for (let n = start; n <= start + length; n += 1) {
          const js = new Date(n * 86_400_000).getUTCDay();
          if (workDays.includes(js === 0 ? 7 : js)) expected += 6;
        }
        expect(scheduledHours(from, to, workDays, 6)).toBe(expected);
      }),
    );
  });
});
