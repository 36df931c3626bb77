import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dedupKeyOf, itemKeyOf, type OpsEvent } from '@opsquest/core';
import type { WhatIfView } from '@opsquest/contracts';
import { startTestServer, type TestServer } from '../../../test-support/test-server';
import { PREVIEW_DAYS } from './rules.service';
import { whatIfThreads } from './what-if-threads';
import { allPages } from '../../../test-support/all-pages';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const FROM = NOW - PREVIEW_DAYS * DAY;
const iso = (ms: number): string => new Date(ms).toISOString();

/** Alarm work spread over the window (and some before it): raised, acknowledged and cleared by the test people. */
function alarmWork(count: number, start: number, spanMs: number): OpsEvent[] {
  const actors = ['eng', 'eng2', 'lead', 'tech'];
  const severities = ['critical', 'major', 'minor', 'warning'] as const;
  const out: OpsEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const t0 = start + Math.floor((i * spanMs) / count);
    const key = `WIN-${start}-${i}`;
    const actor = actors[i % actors.length]!;
    out.push(
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: iso(t0), attributes: { perceivedSeverity: severities[i % severities.length]!, site: `S${i % 7}` } },
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'acknowledged', occurredAt: iso(t0 + 2 * MINUTE), actor },
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: iso(t0 + (9 + (i % 30)) * MINUTE), actor },
    );
  }
  return out;
}

describe('the what-if window and its worker thread', () => {
  let t: TestServer;
  let insert: (event: OpsEvent, occurredAt: number, receivedAt: number) => void;
  const saved = { ...whatIfThreads, stats: { ...whatIfThreads.stats } };

  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW });
    const stmt = t.server.db.prepare(
      `INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'api', ?, NULL, 1, NULL)`,
    );
    insert = (e, occurredAt, receivedAt) => {
      stmt.run(dedupKeyOf(e), itemKeyOf(e), e.stream, e.source, e.externalKey, e.transition, occurredAt, receivedAt, e.actor ?? null, JSON.stringify(e));
    };
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    whatIfThreads.minEventsForWorker = saved.minEventsForWorker;
    whatIfThreads.workerWaitMs = saved.workerWaitMs;
    whatIfThreads.workerModule = saved.workerModule;
  });

  it('reads exactly the events whose own time is in the window, also those taken at an earlier receive time', async () => {
    const events = t.server.repos.events;
    const cases: { event: OpsEvent; occurredAt: number; receivedAt: number }[] = [];
    const add = (occurred: number, stored: number, received: number, transition: OpsEvent['transition'] = 'raised'): void => {
      const event: OpsEvent = { source: 'nms', stream: 'alarm', externalKey: `EDGE-${cases.length}`, transition, occurredAt: iso(occurred), attributes: { perceivedSeverity: 'minor' } };
      cases.push({ event, occurredAt: stored, receivedAt: received });
    };
    add(FROM + DAY, FROM + DAY, FROM + DAY + 30_000); // in the window
    add(FROM, FROM, FROM); // on its first instant
    add(FROM - 1, FROM - 1, FROM + 5 * MINUTE); // a millisecond before it
    add(FROM - 5 * DAY, FROM - 5 * DAY, FROM - 5 * DAY); // before it (received the same instant)
    add(FROM + 2 * DAY, FROM - 2 * DAY, FROM - 2 * DAY); // dated into the window but received before it: taken at its receive time, still in
    add(FROM - MINUTE, FROM - 2 * DAY, FROM - 2 * DAY); // dated after its receipt, but before the window: out
    for (const c of cases) insert(c.event, c.occurredAt, c.receivedAt);

    const asBefore: OpsEvent[] = [];
    for (const stored of await allPages(events.pages())) if (Date.parse(stored.event.occurredAt) >= FROM) asBefore.push(stored.event);
    const read = await allPages(events.pagesSince(FROM));
    expect(read).toEqual(asBefore);
    expect(read.map((e) => e.externalKey)).toEqual(['EDGE-0', 'EDGE-1', 'EDGE-4']);
    // bounded by sequence number: what a worker reading later still sees
    const last = await events.lastSeq();
    insert({ ...cases[0]!.event, externalKey: 'EDGE-late' }, FROM + DAY, FROM + DAY);
    expect((await allPages(events.pagesSince(FROM, last))).map((e) => e.externalKey)).toEqual(['EDGE-0', 'EDGE-1', 'EDGE-4']);
    expect((await allPages(events.pagesSince(FROM, last + 1, 2))).map((e) => e.externalKey)).toEqual(['EDGE-0', 'EDGE-1', 'EDGE-4', 'EDGE-late']);
  });

  it('the draft replayed in a worker thread gives exactly the in-thread preview', async () => {
    for (const e of alarmWork(150, FROM - 3 * DAY, 2 * DAY)) insert(e, Date.parse(e.occurredAt), Date.parse(e.occurredAt) + 1000);
    for (const e of alarmWork(600, FROM + DAY, 28 * DAY)) insert(e, Date.parse(e.occurredAt), Date.parse(e.occurredAt) + 1000);
    const rules = t.server.services.rules;
    const clear = t.server.services.rulebook.config.rules.find((r) => r.id === 'alarm.clear')!;
    const draft = { rules: [{ id: clear.id, basePoints: clear.basePoints + 7, multipliers: [...clear.multipliers] }] };

    whatIfThreads.minEventsForWorker = Number.POSITIVE_INFINITY;
    const inThread = await rules.preview(draft);
    expect(inThread.events).toBeGreaterThan(1800);
    expect(inThread.people.some((p) => p.difference !== 0)).toBe(true);

    whatIfThreads.minEventsForWorker = 0;
    const workers = whatIfThreads.stats.worker;
    const viaWorker = await rules.preview(draft);
    expect(whatIfThreads.stats.lastError).toBe('');
    expect(whatIfThreads.stats.worker).toBe(workers + 1);
    expect(JSON.stringify(viaWorker)).toBe(JSON.stringify(inThread));
  });

  it('when the worker fails, the request thread replays the draft itself: the same preview', async () => {
    whatIfThreads.minEventsForWorker = Number.POSITIVE_INFINITY;
    const expected: WhatIfView = await t.server.services.rules.preview({ flapWindowMinutes: 45 });
    whatIfThreads.minEventsForWorker = 0;
    whatIfThreads.workerModule = new URL('./no-such-what-if-worker.ts', import.meta.url).href;
    const fallbacks = whatIfThreads.stats.fallbacks;
    expect(JSON.stringify(await t.server.services.rules.preview({ flapWindowMinutes: 45 }))).toBe(JSON.stringify(expected));
    expect(whatIfThreads.stats.fallbacks).toBe(fallbacks + 1);
    expect(whatIfThreads.stats.lastError).toMatch(/no-such-what-if-worker/);
  });
});
