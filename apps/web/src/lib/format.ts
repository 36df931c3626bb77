import { durationText } from '@opsquest/contracts';
const numberFormat = new Intl.NumberFormat();
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const dayKeyFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** +12 / −3 (a real minus sign). */
export function formatSignedPoints(points: number): string {
  return `${points >= 0 ? '+' : '−'}${numberFormat.format(Math.abs(points))}`;
}

/** "14:05" today, "Mar 3, 14:05" otherwise. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = dayKeyFormat.format(new Date());
  return dayKeyFormat.format(date) === today ? timeFormat.format(date) : dateTimeFormat.format(date);
}

/** "1h 04m", "4m 09s", "12s", "2d 3h". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${two(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${two(seconds)}s`;
  return `${seconds}s`;
}

/**
 * A duration as people read it: "45 s", "12 min", "5 h 49 min", "2 d 3 h" (a real minus sign when negative).
 * Rounded to the unit shown; zero parts are left out ("3 h", "2 d"). The same text as the server's (core's durationText).
 */
export function formatDurationText(ms: number): string {
  return durationText(ms);
}

/** A mean time given in minutes (MTTA, MTTR), as formatDurationText; "—" when there is none. */
export function formatMinutesText(minutes: number | null): string {
  return minutes === null ? '—' : formatDurationText(minutes * 60_000);
}

/** A chart axis tick in minutes, one unit only: "45 min", "5 h", "2 d". */
export function formatMinutesTick(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 24 * 60) return `${Math.round((minutes / 60) * 10) / 10} h`;
  return `${Math.round((minutes / 1440) * 10) / 10} d`;
}

const yearFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/**
 * A period with both ends readable whatever today is: "Nov 4, 03:04 PM to Nov 5, 03:04 PM"; the
 * date once when both ends are on the same day ("Nov 4, 03:04 PM to 05:10 PM"); years when they differ.
 */
export function formatRange(fromIso: string, toIso: string): string {
  const from = new Date(fromIso);
  const to = new Date(toIso);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return '';
  if (dayKeyFormat.format(from) === dayKeyFormat.format(to)) return `${dateTimeFormat.format(from)} to ${timeFormat.format(to)}`;
  const full = from.getFullYear() === to.getFullYear() ? dateTimeFormat : yearFormat;
  return `${full.format(from)} to ${full.format(to)}`;
}

/** "acknowledged" -> "Acknowledged", "onSite" -> "On site", "unableToComplete" -> "Unable to complete". */
export function humanize(value: string): string {
  const spaced = value.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "Mar 3, 14:00 – 16:00" (or just the start). */
export function formatWindow(startIso: string | undefined, endIso: string | undefined): string | undefined {
  if (startIso === undefined) return undefined;
  const start = formatWhen(startIso);
  if (endIso === undefined) return start;
  return `${start} – ${timeFormat.format(new Date(endIso))}`;
}
