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
