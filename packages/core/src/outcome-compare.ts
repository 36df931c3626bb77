import { durationText } from './duration-text';
import { timeToResolve, timeToRespond, type WorkItem } from './work-item';

/**
 * Before/after comparisons of MTTA, MTTR and SLA attainment around a change (a rule publication, a
 * mission start), with sample sizes and a 95 % interval on the difference, so that a lead does not
 * read noise as a trend. Below MIN_COMPARE_SAMPLE items on either side, or when the change is less
 * than MIN_COMPARE_SPAN_MS old, there is no verdict: "Not enough data yet".
 */
export const MIN_COMPARE_SAMPLE = 20;
export const MIN_COMPARE_SPAN_MS = 24 * 60 * 60 * 1000;
/** two-sided 95 % normal quantile */
const Z95 = 1.96;

export type OutcomeMetric = 'mtta' | 'mttr' | 'sla';
export type ComparisonVerdict = 'better' | 'worse' | 'unclear' | 'notEnoughData';

/** after − before, with its 95 % interval (same unit as the values). */
export interface Difference {
  value: number;
  low: number;
  high: number;
}

export interface MetricComparison {
  metric: OutcomeMetric;
  nBefore: number;
  nAfter: number;
  /** mean minutes (mtta, mttr) or attainment in % (sla); null without data */
  before: number | null;
  after: number | null;
  /** minutes (mtta, mttr) or percentage points (sla); null with fewer than two values on a side */
  difference: Difference | null;
  verdict: ComparisonVerdict;
  /** the verdict in words, with the sample sizes */
  text: string;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, variance };
}

/** Difference of means (after − before) with a Welch (unequal variances) 95 % normal interval; null below two values a side. */
export function meanDifference(before: readonly number[], after: readonly number[]): Difference | null {
  if (before.length < 2 || after.length < 2) return null;
  const b = meanAndVariance(before);
  const a = meanAndVariance(after);
  const value = a.mean - b.mean;
  const se = Math.sqrt(b.variance / before.length + a.variance / after.length);
  return { value, low: value - Z95 * se, high: value + Z95 * se };
}

/** Difference of two shares in percentage points (after − before) with a Wald 95 % interval; null when a side is empty. */
export function shareDifference(hitsBefore: number, nBefore: number, hitsAfter: number, nAfter: number): Difference | null {
  if (nBefore === 0 || nAfter === 0) return null;
  const pb = hitsBefore / nBefore;
  const pa = hitsAfter / nAfter;
  const se = Math.sqrt((pb * (1 - pb)) / nBefore + (pa * (1 - pa)) / nAfter);
  const value = (pa - pb) * 100;
  return { value, low: value - Z95 * se * 100, high: value + Z95 * se * 100 };
}

const minutesOf = (items: readonly WorkItem[], time: (item: WorkItem) => number | undefined): number[] =>
  items.flatMap((item) => {
    const ms = time(item);
    return ms === undefined ? [] : [ms / 60_000];
  });

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : round1(values.reduce((s, v) => s + v, 0) / values.length));

interface Side {
  n: number;
  value: number | null;
}

/** "Not enough data yet (n = 3, need 20)" and/or "(after 5 min, need 24 h)", or undefined when there is enough. */
function shortfall(nBefore: number, nAfter: number, afterSpanMs: number): string | undefined {
  const parts: string[] = [];
  const n = Math.min(nBefore, nAfter);
  if (n < MIN_COMPARE_SAMPLE) parts.push(`n = ${n}, need ${MIN_COMPARE_SAMPLE}`);
  if (afterSpanMs < MIN_COMPARE_SPAN_MS) parts.push(`${durationText(Math.max(0, afterSpanMs))} since the change, need ${MIN_COMPARE_SPAN_MS / 3_600_000} h`);
  return parts.length === 0 ? undefined : `Not enough data yet (${parts.join('; ')})`;
}

const LABELS: Record<OutcomeMetric, string> = { mtta: 'MTTA', mttr: 'MTTR', sla: 'SLA attainment' };

function verdictOf(metric: OutcomeMetric, d: Difference): ComparisonVerdict {
  // times: lower is better; attainment: higher is better
  const sign = metric === 'sla' ? 1 : -1;
  const low = Math.min(sign * d.low, sign * d.high);
  const high = Math.max(sign * d.low, sign * d.high);
  if (low > 0) return 'better';
  if (high < 0) return 'worse';
  return 'unclear';
}

/** "12 min faster", "3 min slower", "4.5 points up" */
function amountText(metric: OutcomeMetric, value: number): string {
  if (metric === 'sla') return `${round1(Math.abs(value))} points ${value >= 0 ? 'up' : 'down'}`;
  return `${durationText(Math.abs(value) * 60_000)} ${value <= 0 ? 'faster' : 'slower'}`;
}

function compareText(metric: OutcomeMetric, before: Side, after: Side, d: Difference, verdict: ComparisonVerdict): string {
  const label = LABELS[metric];
  const interval = `95 % interval ${amountText(metric, metric === 'sla' ? d.low : d.high)} to ${amountText(metric, metric === 'sla' ? d.high : d.low)}`;
  const sizes = `n = ${before.n} before, ${after.n} after`;
  const head = verdict === 'unclear' ? `${label}: no clear change (${amountText(metric, d.value)}, within the noise` : `${label} ${amountText(metric, d.value)} (`;
  return `${head}${verdict === 'unclear' ? '; ' : ''}${interval}; ${sizes})`;
}

function compare(metric: OutcomeMetric, before: Side, after: Side, difference: Difference | null, afterSpanMs: number): MetricComparison {
  const base = { metric, nBefore: before.n, nAfter: after.n, before: before.value, after: after.value, difference };
  const missing = shortfall(before.n, after.n, afterSpanMs);
  if (missing !== undefined || difference === null) {
    return { ...base, verdict: 'notEnoughData', text: `${LABELS[metric]}: ${missing ?? 'Not enough data yet'}` };
  }
  const verdict = verdictOf(metric, difference);
  return { ...base, verdict, text: compareText(metric, before, after, difference, verdict) };
}

/**
 * MTTA, MTTR and SLA attainment of the work closed before a change against the work closed after it;
 * `afterSpanMs`: how long the after window has run (a change made an hour ago has no verdict yet).
 */
export function compareOutcomes(before: readonly WorkItem[], after: readonly WorkItem[], afterSpanMs: number): MetricComparison[] {
  const out: MetricComparison[] = [];
  for (const [metric, time] of [
    ['mtta', timeToRespond],
    ['mttr', timeToResolve],
  ] as const) {
    const b = minutesOf(before, time);
    const a = minutesOf(after, time);
    out.push(compare(metric, { n: b.length, value: mean(b) }, { n: a.length, value: mean(a) }, meanDifference(b, a), afterSpanMs));
  }
  const verdicts = (items: readonly WorkItem[]): { met: number; n: number } => {
    let met = 0;
    let n = 0;
    for (const item of items) {
      const outcome = item.sla.resolution.outcome;
      if (outcome === 'met') met += 1;
      if (outcome === 'met' || outcome === 'breached') n += 1;
    }
    return { met, n };
  };
  const sb = verdicts(before);
  const sa = verdicts(after);
  const pct = (s: { met: number; n: number }): number | null => (s.n === 0 ? null : round1((s.met / s.n) * 100));
  out.push(compare('sla', { n: sb.n, value: pct(sb) }, { n: sa.n, value: pct(sa) }, shareDifference(sb.met, sb.n, sa.met, sa.n), afterSpanMs));
  return out;
}
