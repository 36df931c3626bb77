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
 * the offset per zone and UTC quarter hour (number keys: no string is built per lookup).
 */
const offsetCache = new Map<string, Map<number, number>>();
const BUCKET_MS = 900_000;
const DAY_MS = 86_400_000;
/** A Date holds ±8.64e15 ms: this many days either side of 1970. */
const MAX_DAY_NUMBER = 100_000_000;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function bucketsOf<T>(caches: Map<string, Map<number, T>>, timeZone: string): Map<number, T> {
  let byBucket = caches.get(timeZone);
  if (!byBucket) {
    byBucket = new Map();
    caches.set(timeZone, byBucket);
  }
  return byBucket;
}

/** Offset (ms) to add to UTC to get the wall-clock time in the zone at that instant. */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const bucket = Math.floor(epochMs / BUCKET_MS);
  const byBucket = bucketsOf(offsetCache, timeZone);
  const cached = byBucket.get(bucket);
  if (cached !== undefined) return cached;
  const probe = bucket * BUCKET_MS;
  const parts = formatterFor(timeZone).formatToParts(new Date(probe));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  const offset = asUtc - probe;
  if (byBucket.size > 50_000) byBucket.clear();
  byBucket.set(bucket, offset);
  return offset;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** An instant's local parts with what the engine derives from them per event: the day number and the period keys. */
export interface ZonedParts extends Readonly<LocalParts> {
  /** dayNumber(day) */
  readonly dayNo: number;
  readonly windows: WindowKeys;
}

function computeParts(epochMs: number, timeZone: string): ZonedParts {
  const wall = new Date(epochMs + zoneOffsetMs(epochMs, timeZone));
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + 1;
  const dayOfMonth = wall.getUTCDate();
  const jsDay = wall.getUTCDay();
  const parts: LocalParts = {
    day: `${pad(year, 4)}-${pad(month)}-${pad(dayOfMonth)}`,
    year,
    month,
    dayOfMonth,
    hour: wall.getUTCHours(),
    weekday: jsDay === 0 ? 7 : jsDay,
  };
  return { ...parts, dayNo: dayNumber(parts.day), windows: windowKeysFromParts(parts) };
}

/**
 * Local parts per zone and UTC quarter hour. When the zone's offset is a whole number of quarter
 * hours (every zone since about 1900), all instants of one UTC quarter hour fall in the same local
 * hour, so they share one computed (frozen) object; other offsets (local mean time) are not cached.
 */
const partsCache = new Map<string, Map<number, ZonedParts>>();

/** localParts, shared and cached for the engine's hot path: the result is frozen. */
export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  const bucket = Math.floor(epochMs / BUCKET_MS);
  const byBucket = bucketsOf(partsCache, timeZone);
  const cached = byBucket.get(bucket);
  if (cached !== undefined) return cached;
  const parts = computeParts(epochMs, timeZone);
  if (zoneOffsetMs(epochMs, timeZone) % BUCKET_MS !== 0) return parts;
  if (byBucket.size > 50_000) byBucket.clear();
  byBucket.set(bucket, Object.freeze(parts));
  return parts;
}

export function localParts(epochMs: number, timeZone: string): LocalParts {
  const p = zonedParts(epochMs, timeZone);
  return { day: p.day, year: p.year, month: p.month, dayOfMonth: p.dayOfMonth, hour: p.hour, weekday: p.weekday };
}

/** Day numbers of the YYYY-MM-DD strings seen lately: the engine asks about the same few days over and over. */
const dayNumbers = new Map<string, number>();

/** Day number since 1970-01-01 of a YYYY-MM-DD string (calendar arithmetic, zone-free). */
export function dayNumber(day: string): number {
  const cached = dayNumbers.get(day);
  if (cached !== undefined) return cached;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const n = Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
  if (dayNumbers.size > 10_000) dayNumbers.clear();
  dayNumbers.set(day, n);
  return n;
}

export function dayFromNumber(n: number): string {
  const date = new Date(n * DAY_MS);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Days whose YYYY-MM-DD has a four-digit year: there dayNumber(dayFromNumber(n)) is n again. */
const FOUR_DIGIT_YEARS = { first: Date.UTC(1000, 0, 1) / DAY_MS, last: Date.UTC(9999, 11, 31) / DAY_MS };

/** ISO weekday of day n, counted from 1970-01-01 (day 0, a Thursday). */
function weekdayByArithmetic(n: number): number {
  const js = (((n + 4) % 7) + 7) % 7;
  return js === 0 ? 7 : js;
}

/** weekdayOf(dayFromNumber(n)), without building the string where the round trip is exact (four-digit years). */
export function weekdayOfNumber(n: number): number {
  if (n >= FOUR_DIGIT_YEARS.first && n <= FOUR_DIGIT_YEARS.last) return weekdayByArithmetic(n);
  return weekdayOf(dayFromNumber(n));
}

/** ISO weekday (Monday 1 ... Sunday 7) of a YYYY-MM-DD string. */
export function weekdayOf(day: string): number {
  const n = dayNumber(day);
  // Integer arithmetic gives Date's weekday for every day a Date can hold; beyond them (and NaN) it is NaN.
  return Math.abs(n) <= MAX_DAY_NUMBER ? weekdayByArithmetic(n) : NaN;
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
