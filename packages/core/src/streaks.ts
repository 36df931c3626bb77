import { dayFromNumber, dayNumber, weekdayOf, weekdayOfNumber } from './time-windows';

/**
 * Daily streaks: consecutive working days with at least one scored action. Days that are not
 * working days (by the person's schedule) neither extend nor break a streak; a working day
 * that passes with no scored action breaks it, unless a streak freeze covers it.
 *
 * Streak freezes are earned by work: every FREEZE_EVERY_DAYS-th day of a streak (5, 10, 15, ...)
 * banks one freeze, at most MAX_FREEZES at a time. A missed working day uses a banked freeze
 * instead of breaking the streak; a frozen day keeps the streak but does not add to it. When more
 * working days were missed than freezes are banked, the streak breaks and the freezes stay banked
 * (they are used only when they save the streak). Everything here is a pure function of the days
 * with scored work, so a replay of the same events gives the same streak and the same freezes.
 */
export interface StreakState {
  current: number;
  best: number;
  /** local YYYY-MM-DD of the last day with a scored action */
  lastActiveDay?: string;
  /** streak freezes banked (0 to MAX_FREEZES); absent means none */
  freezes?: number;
}

export const EMPTY_STREAK: StreakState = { current: 0, best: 0 };

/** A freeze is earned on every day of a streak whose length is a multiple of this. */
export const FREEZE_EVERY_DAYS = 5;
/** Freezes banked at most; one earned beyond this is not kept. */
export const MAX_FREEZES = 2;

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

/**
 * The working days strictly between two days, oldest first, at most `limit` of them (the caller
 * never needs more than one past its freezes, so a long absence costs at most a few weeks of looping).
 */
function missedDays(from: string, to: string, workDays: WorkDays, limit: number): number[] {
  const missed: number[] = [];
  if (workDays.length === 0) return missed;
  for (let n = dayNumber(from) + 1, end = dayNumber(to); n < end && missed.length < limit; n += 1) {
    if (workDays.includes(weekdayOfNumber(n))) missed.push(n);
  }
  return missed;
}

/** The first working day strictly between `from` and `to`, if any. */
export function missedWorkingDay(from: string, to: string, workDays: WorkDays): string | undefined {
  const n = firstMissedDay(from, to, workDays);
  return n === undefined ? undefined : dayFromNumber(n);
}

/** Freezes banked in a state (0 when absent). */
export function freezesOf(state: StreakState): number {
  return state.freezes ?? 0;
}

/** A state with `freezes` written only when there are some (the stored shape of a streak without freezes). */
function withFreezes(state: Omit<StreakState, 'freezes'>, freezes: number): StreakState {
  return freezes > 0 ? { ...state, freezes } : state;
}

/** Records a scored action on `day`. Actions older than the last active day do not move the streak. */
export function recordActivity(state: StreakState, day: string, workDays: WorkDays): StreakState {
  // A day off neither extends nor breaks the streak (with no schedule at all, every day counts).
  if (workDays.length > 0 && !workDays.includes(weekdayOf(day))) return state;
  const banked = freezesOf(state);
  if (state.lastActiveDay === undefined) return withFreezes({ current: 1, best: Math.max(1, state.best), lastActiveDay: day }, banked);
  if (day <= state.lastActiveDay) return state;
  const missed = missedDays(state.lastActiveDay, day, workDays, banked + 1).length;
  const saved = missed <= banked;
  const current = saved ? state.current + 1 : 1;
  const left = saved ? banked - missed : banked;
  const earned = current % FREEZE_EVERY_DAYS === 0 ? 1 : 0;
  return withFreezes({ current, best: Math.max(state.best, current), lastActiveDay: day }, Math.min(MAX_FREEZES, left + earned));
}

export interface StreakView {
  current: number;
  best: number;
  lastActiveDay?: string;
  /** true when today is a working day without a scored action yet: act today to keep it */
  atRisk: boolean;
  /** the working day the streak broke on, when it is broken */
  brokeOn?: string;
  /** freezes banked now, after covering the working days missed since the last active day */
  freezes: number;
  /** working days missed since the last active day that freezes covered (when any) */
  frozenDays?: string[];
  /** at risk, and a banked freeze would cover today if it passes without a scored action */
  freezeCoversToday: boolean;
}

/**
 * The streak as seen on `today`: missed working days since the last active day use banked freezes;
 * once more were missed than freezes banked, the streak is broken (0) on the first day not covered.
 */
export function streakView(state: StreakState, today: string, workDays: WorkDays): StreakView {
  const banked = freezesOf(state);
  if (state.lastActiveDay === undefined) return { current: 0, best: state.best, atRisk: false, freezes: banked, freezeCoversToday: false };
  const missed = missedDays(state.lastActiveDay, today, workDays, banked + 1);
  if (missed.length > banked) {
    return {
      current: 0,
      best: state.best,
      lastActiveDay: state.lastActiveDay,
      atRisk: false,
      brokeOn: dayFromNumber(missed[banked]!),
      freezes: banked,
      freezeCoversToday: false,
    };
  }
  const left = banked - missed.length;
  const atRisk = state.lastActiveDay !== today && state.current > 0 && workDays.includes(weekdayOf(today));
  return {
    current: state.current,
    best: state.best,
    lastActiveDay: state.lastActiveDay,
    atRisk,
    freezes: left,
    ...(missed.length > 0 ? { frozenDays: missed.map(dayFromNumber) } : {}),
    freezeCoversToday: atRisk && left > 0,
  };
}
