/**
 * The soak's judgement, pure: from the server's samples (soak-sampler.ts) and the client's request
 * log, is memory flat, is the WAL bounded, is the event-loop delay low, and the per-minute table.
 *
 * Flat (heap floor and RSS): after the warm-up (the first 2 minutes, or the first fifth of a
 * shorter run), the least-squares slope of the samples is below 1 MB per minute (a slow leak of
 * 1 MB/min would be 1.4 GB a day), and the mean of the last minute is at most 10 % above the mean
 * of everything after the warm-up (a late step that the slope over the whole run dilutes).
 * Falling memory is not a leak: both tests are one-sided.
 * Bounded (the WAL file): its largest size stays under the `journal_size_limit` (64 MiB, set by
 * apps/server/src/db/checkpointer.ts), and after the warm-up it does not grow: slope below 1 MB per
 * minute. (Once checkpoints keep up, SQLite rewrites the WAL from its start, so the file is the
 * high-water mark of one checkpoint period's writes: flat, stepping up only when a period writes more.)
 * Event loop: the p99 of the event-loop delay over the whole soak phase is under 50 ms.
 */
import { percentile } from '../bench/bench-kit';
import type { SoakSample } from './soak-sampler';

export const SOAK_TARGETS = {
  warmUpMs: 120_000,
  maxSlopeMbPerMin: 1,
  lastWindowMs: 60_000,
  maxLastAbovePct: 10,
  walLimitMb: 64,
  maxWalSlopeMbPerMin: 1,
  loopP99Ms: 50,
} as const;

export type SoakTargets = { -readonly [K in keyof typeof SOAK_TARGETS]: number };

export interface Point {
  /** ms */
  at: number;
  value: number;
}

/** Least-squares slope of value over time, per minute (NaN with fewer than two distinct times). */
export function slopePerMinute(points: readonly Point[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.at, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.at - mx) * (p.value - my);
    sxx += (p.at - mx) ** 2;
  }
  return sxx === 0 ? Number.NaN : (sxy / sxx) * 60_000;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

function maxOf(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
}

/** The warm-up of a soak of this length: 2 minutes, or a fifth of a run shorter than 10 minutes. */
export function warmUpFor(durationMs: number, targets: SoakTargets = SOAK_TARGETS): number {
  return Math.min(targets.warmUpMs, durationMs / 5);
}

/** The "last minute" of a soak: a minute, or a quarter of the time after a short run's warm-up. */
export function lastWindowFor(durationMs: number, targets: SoakTargets = SOAK_TARGETS): number {
  return Math.min(targets.lastWindowMs, (durationMs - warmUpFor(durationMs, targets)) / 4);
}

/** Fewer samples than this after the warm-up cannot show a trend. */
export const MIN_SAMPLES = 6;

export interface FlatVerdict {
  samples: number;
  slopeMbPerMin: number;
  postWarmUpMeanMb: number;
  lastMeanMb: number;
  /** how far the last minute's mean is above the post-warm-up mean (negative: below) */
  lastAbovePct: number;
  met: boolean;
  why: string;
}

export function judgeFlat(points: readonly Point[], startMs: number, endMs: number, targets: SoakTargets = SOAK_TARGETS): FlatVerdict {
  const after = points.filter((p) => p.at >= startMs + warmUpFor(endMs - startMs, targets) && p.at <= endMs);
  const last = after.filter((p) => p.at > endMs - lastWindowFor(endMs - startMs, targets));
  const slope = slopePerMinute(after);
  const postMean = mean(after.map((p) => p.value));
  const lastMean = mean(last.map((p) => p.value));
  const lastAbovePct = ((lastMean - postMean) / postMean) * 100;
  const base = { samples: after.length, slopeMbPerMin: slope, postWarmUpMeanMb: postMean, lastMeanMb: lastMean, lastAbovePct };
  if (after.length < MIN_SAMPLES || last.length === 0) return { ...base, met: false, why: `too few samples after the warm-up (${after.length})` };
  const slopeOk = slope < targets.maxSlopeMbPerMin;
  const lastOk = lastAbovePct <= targets.maxLastAbovePct;
  const why = [slopeOk ? '' : `slope ${slope.toFixed(2)} MB/min ≥ ${targets.maxSlopeMbPerMin}`, lastOk ? '' : `last minute ${lastAbovePct.toFixed(1)} % above the mean (> ${targets.maxLastAbovePct} %)`].filter(Boolean).join('; ');
  return { ...base, met: slopeOk && lastOk, why: why || 'flat' };
}

export interface BoundedVerdict {
  samples: number;
  maxMb: number;
  limitMb: number;
  slopeMbPerMin: number;
  met: boolean;
  why: string;
}

export function judgeBounded(points: readonly Point[], startMs: number, endMs: number, targets: SoakTargets = SOAK_TARGETS): BoundedVerdict {
  const during = points.filter((p) => p.at >= startMs && p.at <= endMs);
  const after = during.filter((p) => p.at >= startMs + warmUpFor(endMs - startMs, targets));
  const maxMb = maxOf(during.map((p) => p.value));
  const slope = slopePerMinute(after);
  const base = { samples: after.length, maxMb, limitMb: targets.walLimitMb, slopeMbPerMin: slope };
  if (after.length < MIN_SAMPLES) return { ...base, met: false, why: `too few samples after the warm-up (${after.length})` };
  const underLimit = maxMb < targets.walLimitMb;
  const notGrowing = slope < targets.maxWalSlopeMbPerMin;
  const why = [underLimit ? '' : `largest ${maxMb.toFixed(1)} MB ≥ ${targets.walLimitMb} MB`, notGrowing ? '' : `growing ${slope.toFixed(2)} MB/min`].filter(Boolean).join('; ');
  return { ...base, met: underLimit && notGrowing, why: why || 'bounded' };
}

export interface LoopVerdict {
  /** over the whole phase (the server's phase histogram, read at its last sample) */
  p99Ms: number;
  maxMs: number;
  /** the worst 5 s window's p99 */
  worstWindowP99Ms: number;
  limitMs: number;
  met: boolean;
}

export function judgeLoop(samples: readonly SoakSample[], targets: SoakTargets = SOAK_TARGETS): LoopVerdict {
  const last = samples[samples.length - 1];
  const p99Ms = last?.phaseLoopP99Ms ?? Number.NaN;
  return {
    p99Ms,
    maxMs: last?.phaseLoopMaxMs ?? Number.NaN,
    worstWindowP99Ms: maxOf(samples.map((s) => s.loopP99Ms)),
    limitMs: targets.loopP99Ms,
    met: p99Ms < targets.loopP99Ms,
  };
}

export interface SoakVerdict {
  warmUpMs: number;
  heap: FlatVerdict;
  rss: FlatVerdict;
  wal: BoundedVerdict;
  loop: LoopVerdict;
  met: boolean;
}

const MB = 2 ** 20;

/** The three targets, from the samples of the soak phase (startMs..endMs: when the load ran). */
export function judgeSoak(samples: readonly SoakSample[], startMs: number, endMs: number, targets: SoakTargets = SOAK_TARGETS): SoakVerdict {
  const series = (f: (s: SoakSample) => number): Point[] => samples.map((s) => ({ at: s.atMs, value: f(s) }));
  const heap = judgeFlat(series((s) => s.heapFloorMb), startMs, endMs, targets);
  const rss = judgeFlat(series((s) => s.rssMb), startMs, endMs, targets);
  const wal = judgeBounded(series((s) => s.walBytes / MB), startMs, endMs, targets);
  const loop = judgeLoop(samples, targets);
  return { warmUpMs: warmUpFor(endMs - startMs, targets), heap, rss, wal, loop, met: heap.met && rss.met && wal.met && loop.met };
}

/** One completed request, as the client saw it. */
export interface Completion {
  doneAt: number;
  latencyMs: number;
  ok: boolean;
  stored: number;
}

export interface MinuteRow {
  minute: number;
  requests: number;
  requestsPerSecond: number;
  /** events acknowledged as stored per second */
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
  heapFloorMb: number;
  rssMb: number;
  walMaxMb: number;
  dbMb: number;
  loopWorstWindowP99Ms: number;
}

/**
 * Minute by minute from startMs: client figures by when each answer came, server figures from the
 * samples taken in that minute (the memory columns are means, the WAL its largest, the database its
 * last).
 */
export function perMinute(samples: readonly SoakSample[], completions: readonly Completion[], startMs: number, endMs: number): MinuteRow[] {
  // A soak of N minutes ends a moment after its N-th minute (its last sample): a part-minute of
  // under 10 s joins the minute before rather than making a row of its own.
  const span = endMs - startMs;
  const whole = Math.floor(span / 60_000);
  const minutes = whole >= 1 && span - whole * 60_000 < 10_000 ? whole : Math.ceil(span / 60_000);
  const rows: MinuteRow[] = [];
  for (let m = 0; m < minutes; m += 1) {
    const from = startMs + m * 60_000;
    const to = m === minutes - 1 ? endMs : from + 60_000;
    const inMinute = (at: number): boolean => at > from && at <= to;
    // answers to the last requests may come after the end: they count in the last minute
    const lastMinute = m === minutes - 1;
    const done = completions.filter((c) => c.doneAt > from && (c.doneAt <= to || lastMinute));
    const s = samples.filter((x) => inMinute(x.atMs));
    if (done.length === 0 && s.length === 0) continue;
    const seconds = (to - from) / 1000;
    const latencies = done.map((c) => c.latencyMs).sort((a, b) => a - b);
    rows.push({
      minute: m + 1,
      requests: done.length,
      requestsPerSecond: done.length / seconds,
      eventsPerSecond: done.reduce((sum, c) => sum + c.stored, 0) / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      failed: done.filter((c) => !c.ok).length,
      heapFloorMb: mean(s.map((x) => x.heapFloorMb)),
      rssMb: mean(s.map((x) => x.rssMb)),
      walMaxMb: maxOf(s.map((x) => x.walBytes / MB)),
      dbMb: (s[s.length - 1]?.dbBytes ?? Number.NaN) / MB,
      loopWorstWindowP99Ms: maxOf(s.map((x) => x.loopP99Ms)),
    });
  }
  return rows;
}
