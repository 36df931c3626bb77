import { dayFromNumber, dayNumber, weekdayOf } from './time-windows';

/**
 * Leagues: people compete with peers of the same role. Engineers with engineers, technicians with
 * technicians; leads and admins are not ranked in a league. Optionally, weekly cohorts: bronze,
 * silver and gold tiers within a league, with promotion and demotion from last week's standings.
 */
export const LEAGUES = ['engineer', 'technician'] as const;
export type League = (typeof LEAGUES)[number];

export const LEAGUE_TIERS = ['bronze', 'silver', 'gold'] as const;
export type LeagueTier = (typeof LEAGUE_TIERS)[number];

/** The share of a tier that moves up (and down) each week. */
export const TIER_MOVE_SHARE = 0.2;

/** A person's league: their role, when that role competes in one. */
export function leagueOf(role: string): League | null {
  return (LEAGUES as readonly string[]).includes(role) ? (role as League) : null;
}

function tierIndex(tier: LeagueTier): number {
  return LEAGUE_TIERS.indexOf(tier);
}

/** How many of a tier of `size` move: 20 %, and at least one when the tier has 3 or more members. */
export function tierMoves(size: number): number {
  if (size < 3) return 0;
  return Math.max(1, Math.floor(size * TIER_MOVE_SHARE));
}

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * Next week's tiers from last week's: within each tier, ordered by last week's points (ties by id,
 * so the result never depends on input order), the top 20 % with more than 0 points move up one
 * step and the bottom 20 % move down one step (at least one each way when the tier has 3 or more
 * members). Everyone in either input gets exactly one tier; newcomers (no previous tier) start in
 * bronze. Pure and deterministic.
 */
export function assignLeagueTiers(
  previousTiers: Readonly<Record<string, LeagueTier>>,
  lastWeekPoints: Readonly<Record<string, number>>,
): Record<string, LeagueTier> {
  const ids = [...new Set([...Object.keys(previousTiers), ...Object.keys(lastWeekPoints)])];
  const next = new Map<string, LeagueTier>();
  const byTier = new Map<LeagueTier, string[]>(LEAGUE_TIERS.map((t) => [t, []]));
  for (const id of ids) {
    const tier = own(previousTiers, id);
    if (tier === undefined || !LEAGUE_TIERS.includes(tier)) next.set(id, 'bronze');
    else byTier.get(tier)?.push(id);
  }
  const pointsOf = (id: string): number => {
    const p = own(lastWeekPoints, id);
    return typeof p === 'number' && Number.isFinite(p) ? p : 0;
  };
  for (const tier of LEAGUE_TIERS) {
    const members = (byTier.get(tier) ?? []).sort((a, b) => pointsOf(b) - pointsOf(a) || (a < b ? -1 : a > b ? 1 : 0));
    const moves = tierMoves(members.length);
    const index = tierIndex(tier);
    members.forEach((id, position) => {
      let target = index;
      if (position < moves && pointsOf(id) > 0 && index < LEAGUE_TIERS.length - 1) target = index + 1;
      else if (position >= members.length - moves && index > 0) target = index - 1;
      next.set(id, LEAGUE_TIERS[target] ?? tier);
    });
  }
  return Object.fromEntries([...next.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Scheduled working hours in the local days `fromDay`..`toDay` (both included): `hoursPerDay` for
 * each day whose ISO weekday is a work day. 0 when `toDay` is before `fromDay`.
 */
export function scheduledHours(fromDay: string, toDay: string, workDays: readonly number[], hoursPerDay: number): number {
  const from = dayNumber(fromDay);
  const to = dayNumber(toDay);
  if (to < from || hoursPerDay <= 0) return 0;
  const days = new Set(workDays);
  const total = to - from + 1;
  // Whole weeks at once, then the remaining days one by one.
  const weeks = Math.floor(total / 7);
  let count = weeks * [...days].filter((d) => d >= 1 && d <= 7).length;
  for (let n = from + weeks * 7; n <= to; n += 1) if (days.has(weekdayOf(dayFromNumber(n)))) count += 1;
  return count * hoursPerDay;
}

/** Points per scheduled hour, rounded to two decimals; with no scheduled hours yet, per one hour. */
export function pointsPerHour(points: number, hours: number): number {
  return Math.round((points / Math.max(1, hours)) * 100) / 100;
}
