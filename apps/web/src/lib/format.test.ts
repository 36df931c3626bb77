import { describe, expect, it } from 'vitest';
import { formatDurationText, formatMinutesText, formatMinutesTick, formatRange } from './format';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

describe('formatDurationText', () => {
  it.each([
    [0, '0 s'],
    [45 * S, '45 s'],
    [59.4 * S, '59 s'],
    [59.6 * S, '1 min'],
    [12 * MIN, '12 min'],
    [59 * MIN + 40 * S, '1 h'],
    [3 * H, '3 h'],
    [349.6 * MIN, '5 h 50 min'],
    [5 * H + 49 * MIN, '5 h 49 min'],
    [2 * D + 3 * H, '2 d 3 h'],
    [2 * D + 10 * MIN, '2 d'],
    [-12 * MIN, '−12 min'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDurationText(ms)).toBe(text);
  });

  it('never shows a decimal', () => {
    for (let minutes = 0; minutes < 5000; minutes += 7.3) expect(formatDurationText(minutes * MIN)).not.toMatch(/\d[.,]\d/);
  });
});

describe('formatMinutesText and formatMinutesTick', () => {
  it('reads mean times given in minutes, and a dash for none', () => {
    expect(formatMinutesText(349.6)).toBe('5 h 50 min');
    expect(formatMinutesText(0.75)).toBe('45 s');
    expect(formatMinutesText(null)).toBe('—');
  });

  it('keeps chart ticks to one unit', () => {
    expect(formatMinutesTick(45)).toBe('45 min');
    expect(formatMinutesTick(300)).toBe('5 h');
    expect(formatMinutesTick(90)).toBe('1.5 h');
    expect(formatMinutesTick(2880)).toBe('2 d');
  });
});

describe('formatRange', () => {
  it('shows both dates when the ends are on different days', () => {
    const text = formatRange('2026-11-04T15:04:00', '2026-11-05T15:04:00');
    const [from, to] = text.split(' to ');
    expect(from).toMatch(/4/);
    expect(to).toMatch(/5/);
    expect(from).toMatch(/Nov/);
    expect(to).toMatch(/Nov/);
  });

  it('shows the date once for a same-day range', () => {
    const text = formatRange('2026-11-04T15:04:00', '2026-11-04T17:10:00');
    const [from, to] = text.split(' to ');
    expect(from).toMatch(/Nov/);
    expect(to).not.toMatch(/Nov/);
  });

  it('adds the years when they differ, and is empty for a bad date', () => {
    expect(formatRange('2025-12-31T23:00:00', '2026-01-01T01:00:00')).toMatch(/2025.* to .*2026/);
    expect(formatRange('nope', '2026-01-01T01:00:00')).toBe('');
  });
});
