import type { HeldDownstream } from './held-release';
import type { EngineConfig } from '../config';
import type { LedgerEntry } from '../ledger';
import type { PersonProgress } from '../progress';
import type { RuleCap } from '../rules';
import { dayNumber } from '../time-windows';

/** Why an award was not written to the ledger. Bursts wait for a lead; the others are final. */
export type WithheldWhy = 'burst' | 'cap';

/** An award kept out of the ledger, with a reason the person can read. */
export interface WithheldAward {
  entry: LedgerEntry;
  why: WithheldWhy;
  /** true when a lead can still release it (bursts) */
  reviewable: boolean;
  detail: string;
  /** on the first held award of an event: what its release moves besides points */
  downstream?: HeldDownstream;
}

function periodNumber(entry: LedgerEntry, per: RuleCap['per']): number {
  if (per === 'day') return dayNumber(entry.windows.day);
  if (per === 'week') return dayNumber(entry.windows.week);
  const [y, m] = entry.windows.month.split('-').map(Number);
  return (y ?? 0) * 12 + (m ?? 1);
}

const PER_WORD: Record<RuleCap['per'], string> = { day: 'a day', week: 'a week', month: 'a month' };

/**
 * Caps per rule and period: the points a rule may still pay this person in this period.
 * Returns the entry as it may be paid (possibly reduced, its reason saying so) or a withheld award.
 */
export function applyCap(entry: LedgerEntry, cap: RuleCap | undefined, progress: PersonProgress): LedgerEntry | WithheldAward {
  if (!cap || entry.points <= 0) return entry;
  const key = `cap:${entry.ruleId}:${cap.per}`;
  const period = periodNumber(entry, cap.per);
  const used = progress.counters[`${key}@`] === period ? (progress.counters[key] ?? 0) : 0;
  const left = Math.max(0, cap.points - used);
  if (left <= 0) {
    return { entry, why: 'cap', reviewable: false, detail: `Not scored: ${entry.reason} (the rule pays at most ${cap.points} points ${PER_WORD[cap.per]})` };
  }
  const points = Math.min(entry.points, left);
  progress.counters[key] = used + points;
  progress.counters[`${key}@`] = period;
  if (points === entry.points) return entry;
  return { ...entry, points, reason: `${entry.reason} (capped: at most ${cap.points} points ${PER_WORD[cap.per]})` };
}

const HOUR = 3_600_000;

/**
 * Counts one scored action in the person's hourly rate and says whether it is a burst: more
 * actions this hour than max(minPerHour, factor × the person's usual rate per active hour).
 */
export function recordActionAndCheckBurst(at: number, progress: PersonProgress, config: EngineConfig): { burst: boolean; count: number; usual: number } {
  const c = progress.counters;
  const hour = Math.floor(at / HOUR);
  const current = c['rate@hour'];
  if (current === undefined || hour > current) {
    if (current !== undefined && (c['rate:count'] ?? 0) > 0) {
      const hours = c['rate:hours'] ?? 0;
      c['rate:avg'] = ((c['rate:avg'] ?? 0) * hours + (c['rate:count'] ?? 0)) / (hours + 1);
      c['rate:hours'] = hours + 1;
    }
    c['rate@hour'] = hour;
    c['rate:count'] = 0;
  }
  // A late event from an earlier hour counts in the current one: the check stays deterministic.
  const count = (c['rate:count'] ?? 0) + 1;
  c['rate:count'] = count;
  const usual = Math.round((c['rate:avg'] ?? 0) * 10) / 10;
  const limit = Math.max(config.burst.minPerHour, config.burst.factor * usual);
  return { burst: count > limit, count, usual };
}
