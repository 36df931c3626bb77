import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItemView } from '@opsquest/contracts';
import { getJson, isoFromNow, uniqueKey } from '../../test-support/http';
import { checkConsistency } from '../services/views/consistency.service';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

interface IngestBody {
  results: { applied: boolean; points: number; reason?: string }[];
}

const MINUTE = 60_000;

/**
 * Out of order is normal: an integration's events of one item reach OpsQuest in any order, and the
 * item's life, SLA and points are what they would have been in order. Through the real HTTP API on a
 * real SQLite file, each scenario sent once in time order and once out of order, on two items.
 */
describe('events of one item that arrive out of order', () => {
  let t: TestServer;
  let lead = '';
  beforeAll(async () => {
    t = await startTestServer();
    lead = await login(t.url, 'lead');
  });
  afterAll(async () => {
    await t.close();
  });

  const itemByKey = async (externalKey: string): Promise<WorkItemView | undefined> => {
    const items = (await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?state=all&limit=500', { cookie: lead })).body.items;
    return items.find((i) => i.externalKey === externalKey);
  };
  const points = async (personId: string): Promise<number> => (await t.server.repos.ledger.totalsByPerson()).get(personId) ?? 0;
  /** What the item's work paid the person, badges aside (a badge is earned once, by whichever item comes first). */
  const paidFor = async (personId: string, externalKey: string): Promise<number> =>
    (await t.server.repos.ledger
      .recentForPerson(personId, 1_000))
      .filter((e) => e.itemKey.endsWith(`:${externalKey}`) && !e.ruleId.startsWith('badge:'))
      .reduce((sum, e) => sum + e.points, 0);
  type Step = { stream: 'alarm' | 'truckroll'; transition: string; minutesAgo: number; actor?: string; attributes?: Record<string, unknown> };
  /** Sends the steps one request each, in the order given; returns what the item became and the points paid. */
  const play = async (prefix: string, steps: readonly Step[], personId: string): Promise<{ item: WorkItemView; gained: number; results: IngestBody['results'] }> => {
    const key = uniqueKey(prefix);
    const results: IngestBody['results'] = [];
    for (const s of steps) {
      const res = await postEvents(t.url, { source: 'nms', stream: s.stream, externalKey: key, transition: s.transition, occurredAt: isoFromNow(-s.minutesAgo * MINUTE), ...(s.actor ? { actor: s.actor } : {}), ...(s.attributes ? { attributes: s.attributes } : {}) });
      expect(res.status).toBe(201);
      results.push(...((await res.json()) as IngestBody).results);
    }
    const item = await itemByKey(key);
    if (!item) throw new Error(`${key} not listed`);
    return { item, gained: await paidFor(personId, key), results };
  };
  const minutesBetween = (from: string | undefined, to: string | undefined): number => Math.round((Date.parse(to ?? '') - Date.parse(from ?? '')) / MINUTE);

  it('an acknowledgement that arrives after the clear: MTTA, the response SLA and the points are as in order', async () => {
    const raise: Step = { stream: 'alarm', transition: 'raised', minutesAgo: 40, attributes: { perceivedSeverity: 'major', title: 'Fibre cut' } };
    const ack: Step = { stream: 'alarm', transition: 'acknowledged', minutesAgo: 25, actor: 'eng' };
    const clear: Step = { stream: 'alarm', transition: 'cleared', minutesAgo: 10, actor: 'eng' };
    const ordered = await play('OOO', [raise, ack, clear], 'p-eng');
    const late = await play('OOO', [raise, clear, ack], 'p-eng');
    expect(late.results.map((r) => r.reason ?? 'applied')).toEqual(late.results.map(() => 'applied'));
    for (const { item } of [ordered, late]) {
      expect(item).toMatchObject({ status: 'cleared', open: false });
      expect(minutesBetween(item.openedAt, item.respondedAt)).toBe(15);
      expect(minutesBetween(item.openedAt, item.resolvedAt)).toBe(30);
      expect(item.sla.response.outcome).toBe('met');
    }
    expect(ordered.gained).toBeGreaterThan(0);
    expect(late.gained).toBe(ordered.gained);
  });

  it('a technician\'s "on site" that arrives after "completed" sets the arrival time where it belongs', async () => {
    // two different sites: a second visit to the same site would be a repeat visit, which takes a first-time fix back
    const dispatch = (site: string): Step => ({ stream: 'truckroll', transition: 'dispatched', minutesAgo: 120, actor: 'tech', attributes: { site } });
    const onSite: Step = { stream: 'truckroll', transition: 'onSite', minutesAgo: 80, actor: 'tech' };
    const done: Step = { stream: 'truckroll', transition: 'completed', minutesAgo: 20, actor: 'tech', attributes: { firstTimeFix: true } };
    const ordered = await play('OOOT', [dispatch(uniqueKey('S')), onSite, done], 'p-tech');
    const late = await play('OOOT', [dispatch(uniqueKey('S')), done, onSite], 'p-tech');
    expect(late.results.map((r) => r.reason ?? 'applied')).toEqual(late.results.map(() => 'applied'));
    for (const { item } of [ordered, late]) {
      expect(item.status).toBe('completed');
      expect(minutesBetween(item.openedAt, item.respondedAt)).toBe(40);
    }
    expect(late.gained).toBe(ordered.gained);
  });

  it('a late event that in time order would undo a later one is stored, not applied, and says why; nothing moves', async () => {
    const raise: Step = { stream: 'alarm', transition: 'raised', minutesAgo: 30, attributes: { perceivedSeverity: 'minor' } };
    const ack: Step = { stream: 'alarm', transition: 'acknowledged', minutesAgo: 10, actor: 'eng' };
    const first = await play('OOOX', [raise, ack], 'p-eng');
    const before = await points('p-eng2');
    const res = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: first.item.externalKey, transition: 'acknowledged', occurredAt: isoFromNow(-20 * MINUTE), actor: 'eng2' });
    expect(res.status).toBe(201);
    const [result] = ((await res.json()) as IngestBody).results;
    expect(result).toMatchObject({ applied: false, points: 0 });
    expect(result?.reason).toMatch(/would undo the acknowledged event/);
    expect(await points('p-eng2')).toBe(before);
    expect((await itemByKey(first.item.externalKey))?.respondedAt).toBe(first.item.respondedAt);
  });

  it('the consistency checker replays all of it to the same ledger', async () => {
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
