/**
 * Instants of events, read and spelled without repeating work: every event's occurredAt is parsed for
 * its dedup key and again for the time it counts at, and spelled back in the canonical ISO form.
 */

/** The last text parsed, and its instant (the same occurredAt is read twice in a row per event). */
let lastText: unknown;
let lastMs = Number.NaN;

/** Date.parse, remembering the last answer. */
export function instantOf(text: string): number {
  if (text === lastText) return lastMs;
  const ms = Date.parse(text);
  lastText = text;
  lastMs = ms;
  return ms;
}

const HOUR_MS = 3_600_000;
/** 'YYYY-MM-DDTHH:' of the UTC hours seen lately, by hour number. */
const hourPrefixes = new Map<number, string>();

function hourPrefix(hour: number): string {
  let prefix = hourPrefixes.get(hour);
  if (prefix === undefined) {
    const iso = new Date(hour * HOUR_MS).toISOString();
    prefix = iso.slice(0, iso.indexOf('T') + 4);
    if (hourPrefixes.size > 10_000) hourPrefixes.clear();
    hourPrefixes.set(hour, prefix);
  }
  return prefix;
}

/** Whether text[at..at+width) is `value` in decimal, zero-padded. */
function hasDigits(text: string, at: number, width: number, value: number): boolean {
  for (let i = at + width - 1; i >= at; i -= 1) {
    if (text.charCodeAt(i) !== 48 + (value % 10)) return false;
    value = Math.floor(value / 10);
  }
  return true;
}

/**
 * new Date(ms).toISOString(), without building a new string when `text` (the text ms was parsed from)
 * already is that spelling, as most senders write it: its hour is checked against a cached prefix and
 * its minutes, seconds and milliseconds digit by digit.
 */
export function isoOf(ms: number, text: string): string {
  const hour = Math.floor(ms / HOUR_MS);
  const prefix = hourPrefix(hour);
  const p = prefix.length;
  if (text.length === p + 10 && text.startsWith(prefix) && text.charCodeAt(p + 9) === 90 /* Z */) {
    const rest = ms - hour * HOUR_MS;
    const minutes = Math.floor(rest / 60_000);
    const seconds = Math.floor(rest / 1000) % 60;
    if (hasDigits(text, p, 2, minutes) && text[p + 2] === ':' && hasDigits(text, p + 3, 2, seconds) && text[p + 5] === '.' && hasDigits(text, p + 6, 3, rest % 1000)) return text;
  }
  return new Date(ms).toISOString();
}
