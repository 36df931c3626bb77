/**
 * Calendar arithmetic in the organisation's time zone, using only Intl (no I/O).
 * Leaderboard windows: day (YYYY-MM-DD), week (starts Monday, keyed by its Monday), month (YYYY-MM), all.
 */
export const WINDOWS = ['day', 'week', 'month', 'all'] as const;
export type Window = (typeof WINDOWS)[number];

export interface LocalParts {
  /** YYYY-MM-DD in the zone */
  day: string;
  year: number;
  month: number;
  dayOfMonth: number;
  hour: number;
  /** ISO weekday, Monday = 1 ... Sunday = 7 */
  weekday: number;
}

export type WindowKeys = Record<Window, string>;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Zone offsets change on a quarter hour of UTC (St John's and Lord Howe change at :30), so cache
 * the offset per (zone, UTC quarter hour).
 */
const offsetCache = new Map<string, number>();
const BUCKET_MS = 900_000;
const DAY_MS = 86_400_000;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset (ms) to add to UTC to get the wall-clock time in the zone at that instant. */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const bucket = Math.floor(epochMs / BUCKET_MS);
  const cacheKey = `${timeZone}|${bucket}`;
  const cached = offsetCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const probe = bucket * BUCKET_MS;
  const parts = formatterFor(timeZone).formatToParts(new Date(probe));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  const offset = asUtc - probe;
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(cacheKey, offset);
  return offset;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function localParts(epochMs: number, timeZone: string): LocalParts {
  const wall = new Date(epochMs + zoneOffsetMs(epochMs, timeZone));
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + 1;
  const dayOfMonth = wall.getUTCDate();
  const jsDay = wall.getUTCDay();
  return {
    day: `${pad(year, 4)}-${pad(month)}-${pad(dayOfMonth)}`,
    year,
    month,
    dayOfMonth,
    hour: wall.getUTCHours(),
    weekday: jsDay === 0 ? 7 : jsDay,
  };
}

/** Day number since 1970-01-01 of a YYYY-MM-DD string (calendar arithmetic, zone-free). */
export function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function dayFromNumber(n: number): string {
  const date = new Date(n * DAY_MS);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** ISO weekday (Monday 1 ... Sunday 7) of a YYYY-MM-DD string. */
export function weekdayOf(day: string): number {
  const js = new Date(dayNumber(day) * DAY_MS).getUTCDay();
  return js === 0 ? 7 : js;
}

/** Period keys per local day: every event of a day shares one frozen object (replay makes millions). */
const keysByDay = new Map<string, WindowKeys>();

export function windowKeysFromParts(parts: LocalParts): WindowKeys {
  const cached = keysByDay.get(parts.day);
  if (cached) return cached;
  const monday = dayFromNumber(dayNumber(parts.day) - (parts.weekday - 1));
  const keys: WindowKeys = Object.freeze({
    day: parts.day,
    week: monday,
    month: parts.day.slice(0, 7),
    all: 'all',
  });
  if (keysByDay.size > 10_000) keysByDay.clear();
  keysByDay.set(parts.day, keys);
  return keys;
}

/** The leaderboard period keys an instant falls in, in the zone. */
export function windowKeys(epochMs: number, timeZone: string): WindowKeys {
  return windowKeysFromParts(localParts(epochMs, timeZone));
}

/** UTC instant at which the given local day starts in the zone (first instant of that wall-clock date). */
export function startOfLocalDay(day: string, timeZone: string): number {
  const guess = dayNumber(day) * DAY_MS;
  // Wall clock = UTC + offset, so UTC = wall - offset; iterate once for DST edges.
  const first = guess - zoneOffsetMs(guess, timeZone);
  const second = guess - zoneOffsetMs(first, timeZone);
  // When the clocks change at midnight one of the two lands on the previous day: take the earliest on `day`.
  const onDay = [first, second].filter((utc) => localParts(utc, timeZone).day === day);
  return onDay.length > 0 ? Math.min(...onDay) : second;
}
