import { z } from 'zod';
import type { Stream } from '@opsquest/core';

/** GET /api/insights/engagement and /api/insights/outcomes: a lead's trends over the last N days. */
export const insightsQuerySchema = z
  .object({
    days: z.coerce.number().int().min(7).max(90).default(30),
    teamId: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type InsightsQuery = z.infer<typeof insightsQuerySchema>;

/**
 * The three shifts, the one set every chart, table and API uses (dashboard and insights alike), in the
 * organisation's time zone: day 06:00–14:00, evening 14:00–22:00, night 22:00–06:00. The night shift
 * is the scoring engine's (`nightShift` conditions, DEFAULT_CONFIG.night); the day splits in two around it.
 */
export const SHIFTS = ['day', 'evening', 'night'] as const;
export type Shift = (typeof SHIFTS)[number];
/** The local hour each shift starts at; it ends where the next one starts. */
export const SHIFT_START_HOURS: Record<Shift, number> = { day: 6, evening: 14, night: 22 };
/** Local hours of each shift. */
export const SHIFT_HOURS: Record<Shift, string> = { day: '06:00–14:00', evening: '14:00–22:00', night: '22:00–06:00' };
/** What people call each shift on screen. */
export const SHIFT_NAMES: Record<Shift, string> = { day: 'Day', evening: 'Evening', night: 'Night' };

/** The shift a local hour (0–23) falls in. */
export function shiftOfHour(hour: number): Shift {
  if (hour >= SHIFT_START_HOURS.night || hour < SHIFT_START_HOURS.day) return 'night';
  return hour < SHIFT_START_HOURS.evening ? 'day' : 'evening';
}

export const STREAK_BUCKETS = ['0', '1–2', '3–4', '5–9', '10+'] as const;
export type StreakBucket = (typeof STREAK_BUCKETS)[number];

/** GET /api/insights/engagement */
export interface EngagementView {
  teamId: string | null;
  /** people in scope (active accounts of the team, or everyone but admins) */
  people: number;
  /** distinct people active at least once in the period */
  activePeople: number;
  /** per local day, oldest first: people with an action or points, and actions (events with an actor) */
  byDay: { day: string; activePeople: number; actions: number }[];
  /** actions (events with an actor) by the shift they fall in, local time */
  actionsByShift: { shift: Shift; hours: string; actions: number }[];
  /** people in scope by current streak */
  streakDistribution: { bucket: StreakBucket; people: number }[];
  /** badges earned per week (keyed by the week's Monday), oldest first */
  badgesByWeek: { week: string; earned: number }[];
  /** each badge: how many of the period's active people hold it */
  badgeHolders: { badgeId: string; name: string; icon: string; tier?: 'bronze' | 'silver' | 'gold'; hidden: boolean; holders: number; sharePct: number | null }[];
}

/** Outcome figures over a window of days. */
export interface OutcomeWindow {
  from: string;
  to: string;
  closed: number;
  mttaMinutes: number | null;
  mttrMinutes: number | null;
  slaAttainmentPct: number | null;
  activePeople: number;
}

/** A rule or mission change and how the work went 14 days before and after it. */
export interface OutcomeChange {
  id: string;
  kind: 'rules' | 'mission';
  at: string;
  /** the organisation's local day of the change (where the chart marks it) */
  day: string;
  label: string;
  before: OutcomeWindow;
  after: OutcomeWindow;
  /** the change in words with sample sizes, e.g. "MTTR 12 min faster (95 % interval …; n = 40 before, 38 after)" or "MTTR: Not enough data yet (n = 3, need 20)" */
  verdicts: string[];
  /** MTTA, MTTR and SLA attainment before against after: sample sizes, a 95 % interval, a verdict */
  comparisons: OutcomeComparison[];
}

/**
 * One figure before and after a change. No verdict ("notEnoughData") below 20 items on a side or
 * while the change is less than a day old; "unclear" when the 95 % interval includes no change.
 */
export interface OutcomeComparison {
  metric: 'mtta' | 'mttr' | 'sla';
  nBefore: number;
  nAfter: number;
  /** mean minutes (mtta, mttr) or attainment in % (sla) */
  before: number | null;
  after: number | null;
  /** after − before with its 95 % interval: minutes (mtta, mttr) or percentage points (sla) */
  difference: { value: number; low: number; high: number } | null;
  verdict: 'better' | 'worse' | 'unclear' | 'notEnoughData';
  text: string;
}

/** GET /api/insights/outcomes */
export interface OutcomeTrendsView {
  teamId: string | null;
  days: { day: string; mttaMinutes: number | null; mttrMinutes: number | null; slaAttainmentPct: number | null; closed: number }[];
  /** newest first */
  changes: OutcomeChange[];
}

export interface SkillTrackView {
  id: Stream;
  name: string;
  description: string;
  xp: number;
  level: number;
  title: string;
  next?: { xp: number; unlocks: string };
  progressPct: number;
}

export interface PersonalBests {
  bestDay: { day: string; points: number } | null;
  bestWeek: { week: string; points: number } | null;
  longestStreak: number;
  mostResolvedInDay: { day: string; items: number } | null;
}

/** This week and today against my own averages. */
export interface CompeteView {
  week: { start: string; points: number; averagePoints: number; weeksCounted: number };
  today: { day: string; points: number; averagePoints: number; daysCounted: number; workingDay: boolean };
}

/** GET /api/insights/me, /api/insights/people/:id */
export interface MasteryView {
  personId: string;
  tracks: SkillTrackView[];
  bests: PersonalBests;
  compete: CompeteView;
}
