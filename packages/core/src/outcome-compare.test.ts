import { describe, expect, it } from 'vitest';
import { durationText } from './duration-text';
import { compareOutcomes, meanDifference, MIN_COMPARE_SAMPLE, shareDifference } from './outcome-compare';
import { newClock } from './sla';
import type { WorkItem } from './work-item';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** A closed alarm: responded after `tta` minutes, resolved after `ttr`, its resolution SLA met or breached. */
function closed(n: number, tta: number, ttr: number, met: boolean): WorkItem {
  const opened = n * 1000;
  const resolution = { ...newClock(opened, 240), stoppedAt: opened + ttr * MIN, outcome: met ? ('met' as const) : ('breached' as const) };
  return {
    key: `alarm:nms:A${n}`,
    stream: 'alarm',
    source: 'nms',
    externalKey: `A${n}`,
    status: 'cleared',
    title: 'LinkDown',
    serviceAffecting: false,
    customersAffected: 0,
    vip: false,
    count: 1,
    reraiseCount: 0,
    open: false,
    openedAt: opened,
    respondedAt: opened + tta * MIN,
    resolvedAt: opened + ttr * MIN,
    closedAt: opened + ttr * MIN,
    sla: { response: newClock(opened, 15), resolution },
    lastEventAt: opened + ttr * MIN,
    eventCount: 3,
  };
}

/** `count` items whose times alternate around a centre (spread ± `spread` minutes). */
const batch = (count: number, tta: number, ttr: number, spread: number, metShare: number): WorkItem[] =>
  Array.from({ length: count }, (_, i) => closed(i, tta + (i % 2 === 0 ? spread : -spread) / 4, ttr + (i % 2 === 0 ? spread : -spread), i < count * metShare));

describe('meanDifference and shareDifference', () => {
  it('gives the Welch difference of means with a 95 % interval around it', () => {
    const d = meanDifference([10, 12, 14, 16], [20, 22, 24, 26]);
    expect(d?.value).toBe(10);
    // sd 2.58 on both sides, n = 4: se = sqrt(2 * 6.667 / 4) = 1.826; half-width 1.96 * se = 3.58
    expect(d?.low).toBeCloseTo(6.42, 2);
    expect(d?.high).toBeCloseTo(13.58, 2);
    expect(meanDifference([1], [1, 2])).toBeNull();
  });

  it('gives the difference of two shares in percentage points', () => {
    const d = shareDifference(50, 100, 70, 100);
    expect(d?.value).toBeCloseTo(20, 6);
    // se = sqrt(.25/100 + .21/100) = 0.0678: half-width 13.3 points
    expect(d?.low).toBeCloseTo(6.71, 1);
    expect(d?.high).toBeCloseTo(33.29, 1);
    expect(shareDifference(0, 0, 1, 2)).toBeNull();
  });
});

describe('compareOutcomes', () => {
  it('says "not enough data yet" with the sample size below the minimum, whatever the means say', () => {
    const result = compareOutcomes(batch(3, 30, 300, 0, 0.5), batch(3, 1, 2, 0, 1), 30 * DAY);
    expect(result.map((r) => r.verdict)).toEqual(['notEnoughData', 'notEnoughData', 'notEnoughData']);
    expect(result[1]).toMatchObject({ metric: 'mttr', nBefore: 3, nAfter: 3, before: 300, after: 2 });
    expect(result[1]?.text).toBe(`MTTR: Not enough data yet (n = 3, need ${MIN_COMPARE_SAMPLE})`);
  });

  it('waits a day after the change even with many items', () => {
    const result = compareOutcomes(batch(40, 30, 300, 10, 0.5), batch(40, 10, 100, 10, 0.9), 5 * MIN);
    expect(result.every((r) => r.verdict === 'notEnoughData')).toBe(true);
    expect(result[0]?.text).toBe(`MTTA: Not enough data yet (5 min since the change, need 24 h)`);
  });

  it('calls a large, steady change better or worse, with the interval and both sample sizes', () => {
    const result = compareOutcomes(batch(40, 30, 300, 20, 0.5), batch(30, 40, 120, 20, 0.9), 14 * DAY);
    const [mtta, mttr, sla] = result;
    expect(mttr).toMatchObject({ verdict: 'better', nBefore: 40, nAfter: 30, before: 300, after: 120 });
    expect(mttr?.difference?.value).toBeCloseTo(-180, 6);
    expect(mttr?.text).toMatch(/^MTTR 3 h faster \(95 % interval 2 h 50 min faster to 3 h 10 min faster; n = 40 before, 30 after\)$/);
    expect(mtta?.verdict).toBe('worse');
    expect(mtta?.text).toMatch(/^MTTA 10 min slower/);
    expect(sla?.verdict).toBe('better');
    expect(sla?.text).toMatch(/^SLA attainment 40 points up \(95 % interval/);
  });

  it('calls a change inside the noise unclear', () => {
    const before = batch(30, 30, 300, 200, 0.5);
    const after = batch(30, 30, 290, 200, 0.5);
    const mttr = compareOutcomes(before, after, 14 * DAY)[1];
    expect(mttr?.verdict).toBe('unclear');
    expect(mttr?.text).toMatch(/^MTTR: no clear change \(10 min faster, within the noise; 95 % interval 1 h 33 min slower to 1 h 53 min faster; n = 30 before, 30 after\)$/);
  });
});

describe('durationText', () => {
  it.each([
    [45_000, '45 s'],
    [12 * MIN, '12 min'],
    [349.6 * MIN, '5 h 50 min'],
    [3 * 60 * MIN, '3 h'],
    [2 * DAY + 3 * 60 * MIN, '2 d 3 h'],
    [-12 * MIN, '−12 min'],
  ])('%d ms reads %s', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });
});
