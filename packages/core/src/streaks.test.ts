import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromNumber, dayNumber } from './time-windows';
import { EMPTY_STREAK, MAX_FREEZES, missedWorkingDay, recordActivity, streakView, type StreakState } from './streaks';

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
    expect(streakView(streak, '2024-01-10', WEEKDAYS)).toEqual({ current: 3, best: 3, lastActiveDay: '2024-01-10', atRisk: false, freezes: 0, freezeCoversToday: false });
  });

  it('is at risk on the next working day until an action', () => {
    expect(streakView(streak, '2024-01-11', WEEKDAYS)).toEqual({ current: 3, best: 3, lastActiveDay: '2024-01-10', atRisk: true, freezes: 0, freezeCoversToday: false });
  });

  it('is broken (0) once a working day passed without an action, naming that day', () => {
    expect(streakView(streak, '2024-01-12', WEEKDAYS)).toEqual({
      current: 0,
      best: 3,
      lastActiveDay: '2024-01-10',
      atRisk: false,
      brokeOn: '2024-01-11',
      freezes: 0,
      freezeCoversToday: false,
    });
  });

  it('is neither at risk nor broken over a weekend', () => {
    const friday = activeOn(['2024-01-11', '2024-01-12']);
    expect(streakView(friday, '2024-01-13', WEEKDAYS)).toMatchObject({ current: 2, atRisk: false });
    expect(streakView(friday, '2024-01-14', WEEKDAYS)).toMatchObject({ current: 2, atRisk: false });
    expect(streakView(friday, '2024-01-15', WEEKDAYS)).toMatchObject({ current: 2, atRisk: true });
    expect(streakView(friday, '2024-01-16', WEEKDAYS)).toMatchObject({ current: 0, brokeOn: '2024-01-15' });
  });

  it('an empty streak is 0 and never at risk', () => {
    expect(streakView(EMPTY_STREAK, '2024-01-10', WEEKDAYS)).toEqual({ current: 0, best: 0, atRisk: false, freezes: 0, freezeCoversToday: false });
    expect(streakView({ current: 0, best: 7 }, '2024-01-10', WEEKDAYS)).toEqual({ current: 0, best: 7, atRisk: false, freezes: 0, freezeCoversToday: false });
  });
});

// 2024-01-08 .. 2024-01-12 and 2024-01-15 .. 2024-01-19 are two working weeks.
const WEEK_1 = ['2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12'];
const WEEK_2 = ['2024-01-15', '2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19'];

describe('streak freezes', () => {
  it('earns one freeze on the fifth day of a streak, and one more on the tenth', () => {
    expect(activeOn(WEEK_1.slice(0, 4)).freezes).toBeUndefined();
    expect(activeOn(WEEK_1)).toEqual({ current: 5, best: 5, lastActiveDay: '2024-01-12', freezes: 1 });
    expect(activeOn([...WEEK_1, ...WEEK_2])).toEqual({ current: 10, best: 10, lastActiveDay: '2024-01-19', freezes: 2 });
  });

  it('banks at most two freezes', () => {
    const days = [...WEEK_1, ...WEEK_2, '2024-01-22', '2024-01-23', '2024-01-24', '2024-01-25', '2024-01-26'];
    expect(activeOn(days)).toEqual({ current: 15, best: 15, lastActiveDay: '2024-01-26', freezes: MAX_FREEZES });
  });

  it('a missed working day uses a freeze instead of breaking the streak; the frozen day adds nothing', () => {
    // Monday is missed after a five-day week: the freeze covers it and Tuesday is day 6.
    expect(activeOn([...WEEK_1, '2024-01-16'])).toEqual({ current: 6, best: 6, lastActiveDay: '2024-01-16' });
    // Two freezes cover two missed days
    expect(activeOn([...WEEK_1, ...WEEK_2, '2024-01-24'])).toEqual({ current: 11, best: 11, lastActiveDay: '2024-01-24' });
  });

  it('breaks when more days were missed than freezes banked, and keeps the freezes', () => {
    expect(activeOn([...WEEK_1, '2024-01-17'])).toEqual({ current: 1, best: 5, lastActiveDay: '2024-01-17', freezes: 1 });
  });

  it('carries a freeze across a new streak and earns the next one on day 5 of that streak', () => {
    const state = activeOn([...WEEK_1, '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-22', '2024-01-23']);
    expect(state).toEqual({ current: 5, best: 5, lastActiveDay: '2024-01-23', freezes: 2 });
  });

  it('the view uses freezes for missed days, says when a freeze covers today, and names the day a streak broke', () => {
    const five = activeOn(WEEK_1); // one freeze banked, last active Friday
    // Monday: at risk, and the banked freeze would cover it
    expect(streakView(five, '2024-01-15', WEEKDAYS)).toEqual({
      current: 5,
      best: 5,
      lastActiveDay: '2024-01-12',
      atRisk: true,
      freezes: 1,
      freezeCoversToday: true,
    });
    // Tuesday: Monday was covered, no freeze is left for today
    expect(streakView(five, '2024-01-16', WEEKDAYS)).toEqual({
      current: 5,
      best: 5,
      lastActiveDay: '2024-01-12',
      atRisk: true,
      freezes: 0,
      frozenDays: ['2024-01-15'],
      freezeCoversToday: false,
    });
    // Wednesday: Tuesday was not covered, the streak broke on it; the freeze stays banked
    expect(streakView(five, '2024-01-17', WEEKDAYS)).toMatchObject({ current: 0, brokeOn: '2024-01-16', freezes: 1, freezeCoversToday: false });
  });

  it('the view agrees with what recording the next action does', () => {
    const five = activeOn(WEEK_1);
    for (const day of ['2024-01-15', '2024-01-16', '2024-01-17', '2024-01-18']) {
      const view = streakView(five, day, WEEKDAYS);
      const next = recordActivity(five, day, WEEKDAYS);
      // the streak the view still shows is the one the next action extends (or 0: it starts again at 1)
      expect(next.current).toBe(view.current + 1);
    }
  });
});

describe('streak properties', () => {
  /** Days as offsets from 2024-01-01, in any order, with repeats. */
  const days = fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 80 }).map((offsets) => offsets.map((o) => dayFromNumber(dayNumber('2024-01-01') + o)));
  const schedules = fc.constantFrom<readonly number[]>(WEEKDAYS, [1, 2, 3, 4, 5, 6, 7], [6, 7, 1, 2, 3], []);

  it('the same days give the same streak, also when replayed from a stored (JSON) copy halfway', () => {
    fc.assert(
      fc.property(days, schedules, fc.nat(), (list, schedule, cut) => {
        const sorted = [...list].sort();
        const once = activeOn(sorted, schedule);
        expect(activeOn(sorted, schedule)).toEqual(once);
        const at = sorted.length === 0 ? 0 : cut % (sorted.length + 1);
        const stored = JSON.parse(JSON.stringify(activeOn(sorted.slice(0, at), schedule))) as StreakState;
        const resumed = sorted.slice(at).reduce((state, day) => recordActivity(state, day, schedule), stored);
        expect(resumed).toEqual(once);
      }),
    );
  });

  it('freezes stay between 0 and the cap; the streak never exceeds the best', () => {
    fc.assert(
      fc.property(days, schedules, (list, schedule) => {
        let state: StreakState = { ...EMPTY_STREAK };
        for (const day of [...list].sort()) {
          state = recordActivity(state, day, schedule);
          const freezes = state.freezes ?? 0;
          expect(freezes).toBeGreaterThanOrEqual(0);
          expect(freezes).toBeLessThanOrEqual(MAX_FREEZES);
          expect(state.freezes).not.toBe(0);
          expect(state.current).toBeLessThanOrEqual(state.best);
        }
      }),
    );
  });

  it('days older than the last active one change nothing, in whatever order they arrive', () => {
    fc.assert(
      fc.property(days, schedules, (list, schedule) => {
        const sorted = [...list].sort();
        const state = activeOn(sorted, schedule);
        for (const day of list) expect(recordActivity(state, day, schedule)).toBe(state);
      }),
    );
  });
});
