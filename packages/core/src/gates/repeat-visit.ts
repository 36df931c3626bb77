import type { WorkItem } from '../work-item';
import type { ReversibleAward } from './reversal';

const DAY = 86_400_000;
/** How much history a site keeps: enough to judge late-arriving events, bounded in size. */
const KEEP_ENTRIES = 50;

/** What OpsQuest remembers about a site or customer to judge first-time fixes. */
export interface SiteHistory {
  /** visits opened there */
  opens: { at: number; itemKey: string }[];
  /** first-time fixes there, with what they paid (taken back on a repeat visit) */
  fixes: { at: number; itemKey: string; award: ReversibleAward }[];
}

export const EMPTY_SITE_HISTORY: SiteHistory = { opens: [], fixes: [] };

/** The history keys of a truck-roll: its site and its customer, when known. */
export function siteKeysOf(item: WorkItem): string[] {
  const keys: string[] = [];
  if (item.site) keys.push(`site:${item.site}`);
  if (item.customer) keys.push(`customer:${item.customer}`);
  return keys;
}

export function describeSiteKey(key: string): string {
  return key.startsWith('site:') ? `site ${key.slice(5)}` : `customer ${key.slice(9)}`;
}

/** Fixes at this place that a visit opened at `at` proves were not lasting: within `days` before it. */
export function fixesUndoneBy(history: SiteHistory, at: number, itemKey: string, days: number): SiteHistory['fixes'] {
  return history.fixes.filter((f) => f.itemKey !== itemKey && f.at <= at && at - f.at <= days * DAY);
}

/** A visit already seen that makes a fix completed at `at` a repeat (it arrived before the fix did). */
export function laterVisitFor(history: SiteHistory, at: number, itemKey: string, days: number): { at: number; itemKey: string } | undefined {
  return history.opens.find((o) => o.itemKey !== itemKey && o.at > at && o.at - at <= days * DAY);
}

export function withOpen(history: SiteHistory, at: number, itemKey: string): SiteHistory {
  if (history.opens.some((o) => o.itemKey === itemKey)) return history;
  return { ...history, opens: [...history.opens, { at, itemKey }].sort((a, b) => a.at - b.at).slice(-KEEP_ENTRIES) };
}

export function withFix(history: SiteHistory, fix: SiteHistory['fixes'][number]): SiteHistory {
  return { ...history, fixes: [...history.fixes.filter((f) => f.itemKey !== fix.itemKey), fix].sort((a, b) => a.at - b.at).slice(-KEEP_ENTRIES) };
}

export function withoutFixes(history: SiteHistory, itemKeys: ReadonlySet<string>): SiteHistory {
  return { ...history, fixes: history.fixes.filter((f) => !itemKeys.has(f.itemKey)) };
}
