import { formatWhen } from '../lib/format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How current the offline copy on screen is: the later of the service worker's saved answer and the
 * last moment live updates reached this page (they kept the screen current until then).
 */
export function shownAsOf(savedAt: number | undefined, lastLiveAt: number | undefined): number | undefined {
  if (savedAt === undefined) return lastLiveAt;
  if (lastLiveAt === undefined) return savedAt;
  return Math.max(savedAt, lastLiveAt);
}

/** "saved just now", "saved 12 min ago", "saved 2 h 5 min ago", "saved Mar 3, 14:02". */
export function formatSavedAge(asOf: number, now: number): string {
  const age = Math.max(0, now - asOf);
  if (age < MINUTE) return 'saved just now';
  if (age < HOUR) return `saved ${Math.floor(age / MINUTE)} min ago`;
  if (age < 24 * HOUR) {
    const minutes = Math.floor((age % HOUR) / MINUTE);
    return `saved ${Math.floor(age / HOUR)} h${minutes > 0 ? ` ${minutes} min` : ''} ago`;
  }
  return `saved ${formatWhen(new Date(asOf).toISOString())}`;
}
