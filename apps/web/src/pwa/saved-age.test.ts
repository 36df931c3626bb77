import { describe, expect, it } from 'vitest';
import { formatSavedAge, shownAsOf } from './saved-age';

const NOW = Date.parse('2026-03-03T14:30:00Z');
const MIN = 60_000;

describe('age of the offline copy', () => {
  it('says minutes, then hours and minutes, then the date', () => {
    expect(formatSavedAge(NOW - 20_000, NOW)).toBe('saved just now');
    expect(formatSavedAge(NOW - 12 * MIN, NOW)).toBe('saved 12 min ago');
    expect(formatSavedAge(NOW - 125 * MIN, NOW)).toBe('saved 2 h 5 min ago');
    expect(formatSavedAge(NOW - 180 * MIN, NOW)).toBe('saved 3 h ago');
    expect(formatSavedAge(NOW - 3 * 24 * 60 * MIN, NOW)).toMatch(/^saved \D+ ?\d/);
  });

  it('never says a copy is from the future (clock skew between phone and server)', () => {
    expect(formatSavedAge(NOW + 5 * MIN, NOW)).toBe('saved just now');
  });

  it('takes the later of the saved answer and the last live moment', () => {
    expect(shownAsOf(10, 20)).toBe(20);
    expect(shownAsOf(30, 20)).toBe(30);
    expect(shownAsOf(undefined, 20)).toBe(20);
    expect(shownAsOf(10, undefined)).toBe(10);
    expect(shownAsOf(undefined, undefined)).toBeUndefined();
  });
});
