import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { levelForXp, levelInfo, levelTitle, xpForLevel } from './levels';

describe('levels', () => {
  it('xpForLevel follows 50·L·(L−1)', () => {
    expect([1, 2, 3, 4, 5, 10].map(xpForLevel)).toEqual([0, 100, 300, 600, 1000, 4500]);
  });

  it('levelForXp is the inverse at and around every threshold', () => {
    for (let level = 1; level <= 200; level += 1) {
      const xp = xpForLevel(level);
      expect(levelForXp(xp)).toBe(level);
      if (level > 1) expect(levelForXp(xp - 1)).toBe(level - 1);
      expect(levelForXp(xpForLevel(level + 1) - 1)).toBe(level);
    }
  });

  it('levelForXp brackets any xp (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (xp) => {
        const level = levelForXp(xp);
        return xpForLevel(level) <= xp && xp < xpForLevel(level + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('zero and negative xp are level 1', () => {
    expect(levelForXp(0)).toBe(1);
    expect(levelForXp(-1)).toBe(1);
    expect(levelForXp(-10_000)).toBe(1);
    expect(levelForXp(99)).toBe(1);
    expect(levelForXp(100)).toBe(2);
  });

  it('levelInfo reports the band and the progress through it', () => {
    expect(levelInfo(0)).toEqual({ level: 1, title: 'Rookie', xp: 0, levelStartXp: 0, nextLevelXp: 100, progressPct: 0 });
    expect(levelInfo(50)).toMatchObject({ level: 1, progressPct: 50 });
    expect(levelInfo(200)).toMatchObject({ level: 2, levelStartXp: 100, nextLevelXp: 300, progressPct: 50 });
    expect(levelInfo(300)).toMatchObject({ level: 3, progressPct: 0 });
    expect(levelInfo(399)).toMatchObject({ level: 3, progressPct: 33 });
    expect(levelInfo(-40)).toEqual({ level: 1, title: 'Rookie', xp: -40, levelStartXp: 0, nextLevelXp: 100, progressPct: 0 });
  });

  it('titles change every five levels and stop at Legend', () => {
    expect([1, 5, 6, 11, 16, 21, 26, 31, 99].map(levelTitle)).toEqual(['Rookie', 'Rookie', 'Operator', 'Specialist', 'Expert', 'Guardian', 'Master', 'Legend', 'Legend']);
  });
});
