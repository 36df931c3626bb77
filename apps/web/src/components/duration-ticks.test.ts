import { describe, expect, it } from 'vitest';
import { formatMinutesTick } from '../lib/format';
import { durationTicks } from './duration-ticks';

describe('durationTicks', () => {
  it('picks a round step that covers the data in six ticks at most', () => {
    expect(durationTicks(258)).toEqual([0, 60, 120, 180, 240, 300]);
    expect(durationTicks(12)).toEqual([0, 5, 10, 15]);
    expect(durationTicks(0)).toEqual([0, 1]);
    expect(durationTicks(700)).toEqual([0, 180, 360, 540, 720]);
    expect(durationTicks(3 * 1440)).toEqual([0, 1440, 2880, 4320]);
  });

  it('reads as whole units on the axis', () => {
    for (const max of [7, 45, 100, 258, 700, 2000, 9000]) {
      const ticks = durationTicks(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      for (const tick of ticks) expect(formatMinutesTick(tick)).toMatch(/^\d+ (min|h|d)$/);
    }
  });
});
