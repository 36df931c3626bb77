import { dayFromNumber, dayNumber, weekdayOf, weekdayOfNumber } from './time-windows';

/**
 * Daily streaks: consecutive working days with at least one scored action. Days that are not
 * working days (by the person's schedule) neither extend nor break a streak; a working day
 * that passes with no scored action breaks it.
 */
export interface StreakState {
  current: number;
  best: number;
  /** local YYYY-MM-DD of the last day with a scored action */
  lastActiveDay?: string;
}

export const EMPTY_STREAK: StreakState = { current: 0, best: 0 };

/** ISO weekdays (Monday 1 ... Sunday 7) a person works. */
export type WorkDays = readonly number[];

/** The number of the first working day strictly between two days (as day numbers), if any. */
function firstMissedDay(from: string, to: string, workDays: WorkDays): number | undefined {
  if (workDays.length === 0) return undefined;
  // Any seven consecutive days hold every weekday, so this loop ends within a week.
  for (let n = dayNumber(from) + 1, end = dayNumber(to); n < end; n += 1) {
    if (workDays.includes(weekdayOfNumber(n))) return n;
  }
  return undefined;
}

/** The first working day strictly between `from` and `to`, if any. */
export function missedWorkingDay(from: string, to: string, workDays: WorkDays): string | undefined {
  const n = firstMissedDay(from, to, workDays);
  return n === undefined ? undefined : dayFromNumber(n);
}

/** Records a scored action on `day`. Actions older than the last active day do not move the streak. */
export function recordActivity(state: StreakState, day: string, workDays: WorkDays): StreakState {
  // A day off neither extends nor breaks the streak (with no schedule at all, every day counts).
  if (workDays.length > 0 && !workDays.includes(weekdayOf(day))) return state;
  if (state.lastActiveDay === undefined) return { current: 1, best: Math.max(1, state.best), lastActiveDay: day };
  if (day <= state.lastActiveDay) return state;
  const broken = firstMissedDay(state.lastActiveDay, day, workDays) !== undefined;
  const current = broken ? 1 : state.current + 1;
  return { current, best: Math.max(state.best, current), lastActiveDay: day };
}

export interface StreakView {
  current: number;
  best: number;
  lastActiveDay?: string;
  /** true when today is a working day without a scored action yet: act today to keep it */
  atRisk: boolean;
  /** the working day the streak broke on, when it is broken */
  brokeOn?: string;
}

/** The streak as seen on `today`: broken (0) when a working day passed with no scored action. */
export function streakView(state: StreakState, today: string, workDays: WorkDays): StreakView {
  if (state.lastActiveDay === undefined) return { current: 0, best: state.best, atRisk: false };
  const missed = missedWorkingDay(state.lastActiveDay, today, workDays);
  if (missed !== undefined) {
    return { current: 0, best: state.best, lastActiveDay: state.lastActiveDay, atRisk: false, brokeOn: missed };
  }
  const activeToday = state.lastActiveDay === today;
  return {
    current: state.current,
    best: state.best,
    lastActiveDay: state.lastActiveDay,
    atRisk: !activeToday && state.current > 0 && workDays.includes(weekdayOf(today)),
  };
}
