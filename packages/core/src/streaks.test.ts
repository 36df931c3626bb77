import { describe, expect, it } from 'vitest';
import { EMPTY_STREAK, missedWorkingDay, recordActivity, streakView, type StreakState } from './streaks';

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

/** Records activity on each day in turn, from an empty streak. */
function activeOn(days: string[], workDays: readonly number[] = WEEKDAYS): StreakState {
  return days.reduce((state, day) => recordActivity(state, day, workDays), { ...EMPTY_STREAK });
}

// 2024-01-08 is a Monday; 2024-01-13/14 are a weekend.
describe('recordActivity', () => {
  it('starts at 1 and counts consecutive working days', () => {
    expect(activeOn(['2024-01-08'])).toEqual({ current: 1, best: 1, lastActiveDay: '2024-01-08' });
    expect(activeOn(['2024-01-08', '2024-01-09', '2024-01-10'])).toEqual({ current: 3, best: 3, lastActiveDay: '2024-01-10' });
  });

  it('several actions on the same day count once', () => {
    expect(activeOn(['2024-01-08', '2024-01-08', '2024-01-09', '2024-01-09'])).toEqual({ current: 2, best: 2, lastActiveDay: '2024-01-09' });
  });

  it('a weekend neither breaks nor extends the streak', () => {
    expect(activeOn(['2024-01-11', '2024-01-12', '2024-01-15'])).toEqual({ current: 3, best: 3, lastActiveDay: '2024-01-15' });
    // working on Saturday and Sunday does not add days either
    expect(activeOn(['2024-01-11', '2024-01-12', '2024-01-13', '2024-01-14'])).toEqual({ current: 2, best: 2, lastActiveDay: '2024-01-12' });
    expect(activeOn(['2024-01-11', '2024-01-12', '2024-01-13', '2024-01-14', '2024-01-15'])).toEqual({ current: 3, best: 3, lastActiveDay: '2024-01-15' });
    // an action on a day off alone does not start a streak
    expect(activeOn(['2024-01-13'])).toEqual(EMPTY_STREAK);
  });

  it('a missed working day breaks the streak and keeps the best', () => {
    const state = activeOn(['2024-01-08', '2024-01-09', '2024-01-10', '2024-01-12']);
    expect(state).toEqual({ current: 1, best: 3, lastActiveDay: '2024-01-12' });
    // a missed Monday across a weekend breaks it too
    expect(activeOn(['2024-01-11', '2024-01-12', '2024-01-16'])).toEqual({ current: 1, best: 2, lastActiveDay: '2024-01-16' });
  });

  it('ignores days older than (or equal to) the last active day', () => {
    const state = activeOn(['2024-01-08', '2024-01-09']);
    expect(recordActivity(state, '2024-01-05', WEEKDAYS)).toBe(state);
    expect(recordActivity(state, '2024-01-08', WEEKDAYS)).toBe(state);
    expect(recordActivity(state, '2024-01-09', WEEKDAYS)).toBe(state);
  });

  it('follows a personal schedule', () => {
    // works Saturday to Wednesday
    const schedule = [6, 7, 1, 2, 3];
    expect(activeOn(['2024-01-13', '2024-01-14', '2024-01-15'], schedule)).toEqual({ current: 3, best: 3, lastActiveDay: '2024-01-15' });
    // Wednesday then Saturday: Thursday and Friday are off
    expect(activeOn(['2024-01-10', '2024-01-13'], schedule)).toEqual({ current: 2, best: 2, lastActiveDay: '2024-01-13' });
    // Monday then Wednesday: Tuesday missed
    expect(activeOn(['2024-01-08', '2024-01-10'], schedule).current).toBe(1);
  });

  it('crosses month and year boundaries', () => {
    expect(activeOn(['2024-01-31', '2024-02-01', '2024-02-02', '2024-02-05']).current).toBe(4);
    expect(activeOn(['2024-12-30', '2024-12-31', '2025-01-01']).current).toBe(3);
    expect(activeOn(['2024-02-28', '2024-02-29', '2024-03-01']).current).toBe(3);
  });
});

describe('missedWorkingDay', () => {
  it('returns the first working day strictly between the two days', () => {
    expect(missedWorkingDay('2024-01-08', '2024-01-09', WEEKDAYS)).toBeUndefined();
    expect(missedWorkingDay('2024-01-08', '2024-01-11', WEEKDAYS)).toBe('2024-01-09');
    expect(missedWorkingDay('2024-01-12', '2024-01-15', WEEKDAYS)).toBeUndefined();
    expect(missedWorkingDay('2024-01-12', '2024-01-17', WEEKDAYS)).toBe('2024-01-15');
    expect(missedWorkingDay('2024-01-01', '2024-03-01', [])).toBeUndefined();
    expect(missedWorkingDay('2024-01-09', '2024-01-08', WEEKDAYS)).toBeUndefined();
  });
});

describe('streakView', () => {
  const streak = activeOn(['2024-01-08', '2024-01-09', '2024-01-10']); // Mon..Wed

  it('shows the streak on the day of the last action, not at risk', () => {
    expect(streakView(streak, '2024-01-10', WEEKDAYS)).toEqual({ current: 3, best: 3, lastActiveDay: '2024-01-10', atRisk: false });
  });

  it('is at risk on the next working day until an action', () => {
    expect(streakView(streak, '2024-01-11', WEEKDAYS)).toEqual({ current: 3, best: 3, lastActiveDay: '2024-01-10', atRisk: true });
  });

  it('is broken (0) once a working day passed without an action, naming that day', () => {
    expect(streakView(streak, '2024-01-12', WEEKDAYS)).toEqual({ current: 0, best: 3, lastActiveDay: '2024-01-10', atRisk: false, brokeOn: '2024-01-11' });
  });

  it('is neither at risk nor broken over a weekend', () => {
    const friday = activeOn(['2024-01-11', '2024-01-12']);
    expect(streakView(friday, '2024-01-13', WEEKDAYS)).toMatchObject({ current: 2, atRisk: false });
    expect(streakView(friday, '2024-01-14', WEEKDAYS)).toMatchObject({ current: 2, atRisk: false });
    expect(streakView(friday, '2024-01-15', WEEKDAYS)).toMatchObject({ current: 2, atRisk: true });
    expect(streakView(friday, '2024-01-16', WEEKDAYS)).toMatchObject({ current: 0, brokeOn: '2024-01-15' });
  });

  it('an empty streak is 0 and never at risk', () => {
    expect(streakView(EMPTY_STREAK, '2024-01-10', WEEKDAYS)).toEqual({ current: 0, best: 0, atRisk: false });
    expect(streakView({ current: 0, best: 7 }, '2024-01-10', WEEKDAYS)).toEqual({ current: 0, best: 7, atRisk: false });
  });
});
