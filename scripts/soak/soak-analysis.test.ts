import { describe, expect, it } from 'vitest';
import { judgeBounded, judgeFlat, judgeLoop, judgeSoak, lastWindowFor, perMinute, slopePerMinute, warmUpFor, type Point } from './soak-analysis';
import type { SoakSample } from './soak-sampler';

const MIN = 60_000;
const START = 1_700_000_000_000;
const END = START + 10 * MIN;

/** A sample every 5 s over the 10 minutes, value from f(minutes since start). */
function series(f: (minutes: number) => number): Point[] {
  const out: Point[] = [];
  for (let at = START + 5000; at <= END; at += 5000) out.push({ at, value: f((at - START) / MIN) });
  return out;
}

/** A deterministic saw-tooth of ±3 MB with a 40 s period: what garbage collection does to heapUsed. */
const sawTooth = (minutes: number): number => 3 * (((minutes * 60) % 40) / 20 - 1);

function sample(atMs: number, over: Partial<SoakSample> = {}): SoakSample {
  return {
    phase: 'soak',
    atMs,
    rssMb: 200,
    heapUsedMb: 80,
    heapFloorMb: 60,
    heapTotalMb: 100,
    externalMb: 5,
    loopP50Ms: 10,
    loopP99Ms: 20,
    loopMaxMs: 30,
    phaseLoopP99Ms: 20,
    phaseLoopMaxMs: 30,
    walBytes: 4 * 2 ** 20,
    dbBytes: 100 * 2 ** 20,
    cpuMs: 0,
    ...over,
  };
}

describe('soak analysis', () => {
  it('computes the least-squares slope per minute', () => {
    expect(slopePerMinute(series((m) => 50 + 2 * m))).toBeCloseTo(2, 9);
    expect(slopePerMinute(series(() => 7))).toBe(0);
    expect(slopePerMinute([{ at: START, value: 1 }])).toBeNaN();
  });

  it('uses a 2-minute warm-up and a last minute for a 10-minute soak, and scales both down for shorter runs', () => {
    expect(warmUpFor(10 * MIN)).toBe(2 * MIN);
    expect(lastWindowFor(10 * MIN)).toBe(MIN);
    expect(warmUpFor(MIN)).toBe(12_000);
    expect(lastWindowFor(MIN)).toBe(12_000);
  });

  it('calls a noisy but level series flat', () => {
    const v = judgeFlat(series((m) => 120 + sawTooth(m)), START, END);
    expect(v.met).toBe(true);
    expect(Math.abs(v.slopeMbPerMin)).toBeLessThan(0.5);
    // 2:00 to 10:00 inclusive, every 5 s
    expect(v.samples).toBe(97);
  });

  it('calls a steady growth of 2 MB per minute a leak, saw-tooth or not', () => {
    const v = judgeFlat(series((m) => 100 + 2 * m + sawTooth(m)), START, END);
    expect(v.met).toBe(false);
    expect(v.slopeMbPerMin).toBeGreaterThan(1.5);
    expect(v.why).toMatch(/slope/);
  });

  it('ignores growth during the warm-up', () => {
    const v = judgeFlat(series((m) => (m < 2 ? 40 + 30 * m : 100)), START, END);
    expect(v.met).toBe(true);
  });

  it('catches a late step that the slope alone would let through', () => {
    const v = judgeFlat(series((m) => (m > 9 ? 130 : 100)), START, END);
    expect(v.slopeMbPerMin).toBeLessThan(3);
    expect(v.lastAbovePct).toBeGreaterThan(20);
    expect(v.met).toBe(false);
    expect(v.why).toMatch(/last minute/);
  });

  it('does not call falling memory a leak', () => {
    expect(judgeFlat(series((m) => 300 - 5 * m), START, END).met).toBe(true);
  });

  it('refuses to judge without enough samples after the warm-up', () => {
    const v = judgeFlat(series(() => 100).slice(0, 26), START, END);
    expect(v.met).toBe(false);
    expect(v.why).toMatch(/too few samples/);
  });

  it('calls a WAL that plateaus under the limit bounded, one that passes the limit or keeps growing not', () => {
    const plateau = judgeBounded(series((m) => Math.min(6, 2 + m)), START, END);
    expect(plateau.met).toBe(true);
    expect(plateau.maxMb).toBe(6);

    const over = judgeBounded(series((m) => (m > 5 && m < 5.2 ? 70 : 6)), START, END);
    expect(over.met).toBe(false);
    expect(over.why).toMatch(/largest 70\.0 MB/);

    const growing = judgeBounded(series((m) => 4 * m), START, END);
    expect(growing.maxMb).toBeLessThan(64);
    expect(growing.met).toBe(false);
    expect(growing.why).toMatch(/growing/);
  });

  it('judges the event loop on the phase p99 of the last sample', () => {
    const samples = [sample(START + 5000, { loopP99Ms: 80, phaseLoopP99Ms: 80 }), sample(START + 10_000, { loopP99Ms: 12, phaseLoopP99Ms: 49.9, phaseLoopMaxMs: 300 })];
    const ok = judgeLoop(samples);
    expect(ok).toMatchObject({ p99Ms: 49.9, maxMs: 300, worstWindowP99Ms: 80, met: true });
    expect(judgeLoop([sample(START + 5000, { phaseLoopP99Ms: 50 })]).met).toBe(false);
    expect(judgeLoop([]).met).toBe(false);
  });

  it('meets the soak only when all three targets are met', () => {
    const steady: SoakSample[] = series(sawTooth).map((p) => sample(p.at, { heapFloorMb: 60 + p.value, rssMb: 200 + p.value }));
    expect(judgeSoak(steady, START, END).met).toBe(true);
    const leaking = steady.map((s) => ({ ...s, rssMb: s.rssMb + (3 * (s.atMs - START)) / MIN }));
    const verdict = judgeSoak(leaking, START, END);
    expect(verdict.rss.met).toBe(false);
    expect(verdict.heap.met).toBe(true);
    expect(verdict.met).toBe(false);
    const slowLoop = steady.map((s) => ({ ...s, phaseLoopP99Ms: 75 }));
    expect(judgeSoak(slowLoop, START, END).met).toBe(false);
  });

  it('builds the per-minute table from answers and samples', () => {
    const samples = [sample(START + 30_000, { walBytes: 2 * 2 ** 20, loopP99Ms: 11 }), sample(START + 60_000, { walBytes: 3 * 2 ** 20, loopP99Ms: 15 }), sample(START + 90_000, { dbBytes: 200 * 2 ** 20 })];
    const completions = [
      { doneAt: START + 1000, latencyMs: 2, ok: true, stored: 1 },
      { doneAt: START + 2000, latencyMs: 4, ok: false, stored: 0 },
      { doneAt: START + 61_000, latencyMs: 8, ok: true, stored: 20 },
      // answered after the end: counted in the last minute
      { doneAt: START + 2 * MIN + 500, latencyMs: 30, ok: true, stored: 1 },
    ];
    const rows = perMinute(samples, completions, START, START + 2 * MIN);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ minute: 1, requests: 2, failed: 1, p50Ms: 2, p99Ms: 4, walMaxMb: 3, loopWorstWindowP99Ms: 15 });
    expect(rows[0]?.eventsPerSecond).toBeCloseTo(1 / 60, 9);
    expect(rows[1]).toMatchObject({ minute: 2, requests: 2, p99Ms: 30, dbMb: 200 });
  });

  it('folds the moment after the last whole minute into that minute, but keeps a real part-minute', () => {
    const samples = [sample(START + 60_000), sample(START + 120_000), sample(START + 120_300, { walBytes: 9 * 2 ** 20 })];
    const folded = perMinute(samples, [], START, START + 120_300);
    expect(folded.map((r) => r.minute)).toEqual([1, 2]);
    expect(folded[1]?.walMaxMb).toBe(9);
    const part = perMinute([...samples, sample(START + 150_000)], [], START, START + 150_000);
    expect(part.map((r) => r.minute)).toEqual([1, 2, 3]);
  });
});
