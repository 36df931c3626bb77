/** Steps a time axis may use, in minutes: each reads as a round duration ("15 min", "2 h", "1 d"). */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 10080] as const;

/**
 * Ticks for a time axis from 0 to at least `maxMinutes`, at a round step, `maxTicks` at most
 * (0 included): 0, 1 h, 2 h, 3 h, 4 h, 5 h instead of 0, 1.1 h, 2.2 h.
 */
export function durationTicks(maxMinutes: number, maxTicks = 6): number[] {
  const top = Math.max(1, maxMinutes);
  // Past an hour the ticks are whole hours, past a day whole days: never "1.5 h".
  const unit = top > 1440 ? 1440 : top > 60 ? 60 : 1;
  const fits = (s: number): boolean => s % unit === 0 && Math.ceil(top / s) + 1 <= maxTicks;
  const step = STEPS.find(fits) ?? Math.ceil(top / (maxTicks - 1) / 1440) * 1440;
  const count = Math.ceil(top / step);
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}
