import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './config';
import { MemoryStore } from './replay';
import { outcomeStats, outcomeStatsByStream } from './outcome-stats';
import type { OpsEvent } from './event';

const t0 = Date.parse('2026-11-20T08:00:00.000Z');
const at = (minutes: number): string => new Date(t0 + minutes * 60_000).toISOString();
const alarm = (key: string, transition: OpsEvent['transition'], minutes: number, actor?: string): OpsEvent => ({
  source: 'nms',
  stream: 'alarm',
  externalKey: key,
  transition,
  occurredAt: at(minutes),
  ...(actor ? { actor } : {}),
  attributes: { perceivedSeverity: 'critical' },
});

describe('outcome stats', () => {
  it('computes MTTA and MTTR from source timestamps and leaves never-acknowledged alarms out of MTTA', () => {
    const store = new MemoryStore([{ id: 'p1', username: 'sam', teamId: 't1' }]);
    const events = [
      alarm('A', 'raised', 0),
      alarm('A', 'acknowledged', 10, 'sam'),
      alarm('A', 'cleared', 60, 'sam'),
      alarm('B', 'raised', 0),
      alarm('B', 'cleared', 300),
    ];
    for (const e of events) store.ingest(e, DEFAULT_CONFIG);
    const items = [...store.items.values()];
    const stats = outcomeStats(items);
    expect(stats.closed).toBe(2);
    expect(stats.mttaMinutes).toBe(10);
    expect(stats.mttrMinutes).toBe(180);
    // critical resolution target is 240 min: A met (60), B breached (300)
    expect(stats.slaMet).toBe(1);
    expect(stats.slaBreached).toBe(1);
    expect(stats.slaAttainmentPct).toBe(50);
    expect(outcomeStatsByStream(items).order.closed).toBe(0);
  });

  it('gives nulls, not zeros, when there is nothing to measure', () => {
    expect(outcomeStats([])).toEqual({ closed: 0, mttaMinutes: null, mttrMinutes: null, slaMet: 0, slaBreached: 0, slaAttainmentPct: null });
  });
});
