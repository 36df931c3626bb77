import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItemView } from '@opsquest/contracts';
import { getJson, uniqueKey } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';
import { STRANDED_AFTER_MS } from '../services/use-cases/incident-clears';

/**
 * The backstop of an incident's sweep: a child still open after its root cause was cleared (the node
 * that cleared the root stopped between its commit and the sweep) is cleared by the SLA timer's pass,
 * by nobody, paying nothing.
 */
describe('incident children left open after their root cause was cleared', () => {
  let t: TestServer;
  let clock = Date.now();
  let lead = '';
  beforeAll(async () => {
    t = await startTestServer({ now: () => clock });
    lead = await login(t.url, 'lead');
  });
  afterAll(async () => {
    await t.close();
  });

  const alarm = async (key: string): Promise<WorkItemView> => {
    const found = (await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm&limit=500', { cookie: lead })).body.items.find((a) => a.externalKey === key);
    if (!found) throw new Error(`no alarm ${key}`);
    return found;
  };

  it('are cleared by the next backstop pass, at the root’s clear time, by nobody and for no points; an open root’s children are left alone', async () => {
    const stranded = uniqueKey('STRANDED');
    const live = uniqueKey('LIVE');
    const raise = (site: string, i: number) => ({ source: 'nms', stream: 'alarm', externalKey: `${site}-${i}`, transition: 'raised', occurredAt: new Date(clock - (10 - i) * 60_000).toISOString(), attributes: { perceivedSeverity: 'major', site } });
    expect((await postEvents(t.url, [raise(stranded, 0), raise(stranded, 1), raise(live, 0), raise(live, 1)])).status).toBe(201);
    const [root, child, liveChild] = [await alarm(`${stranded}-0`), await alarm(`${stranded}-1`), await alarm(`${live}-1`)];
    expect([root.incidentRoot, child.incidentRoot, child.incidentId]).toEqual([true, false, root.incidentId]);

    // the root cleared, and the node that cleared it gone before its sweep: the child stays open
    const rootItem = await t.server.repos.workItems.get(root.key);
    if (!rootItem) throw new Error('root not stored');
    const clearedAt = clock - 2 * 60_000;
    await t.server.repos.workItems.save({ ...rootItem, open: false, status: 'cleared', closedAt: clearedAt }, clock);
    const total = async (): Promise<number> => [...(await t.server.repos.ledger.totalsByPerson()).values()].reduce((a, b) => a + b, 0);
    const pointsBefore = await total();

    clock += 31_000 + STRANDED_AFTER_MS;
    await expect.poll(async () => (await t.server.repos.workItems.get(child.key))?.status, { timeout: 10_000, interval: 100 }).toBe('cleared');
    const cleared = await t.server.repos.workItems.get(child.key);
    expect([cleared?.open, cleared?.closedAt, cleared?.resolvedBy]).toEqual([false, clearedAt, undefined]);
    expect((await alarm(`${live}-1`)).open).toBe(true);
    expect(await total()).toBe(pointsBefore);
    expect(liveChild.incidentRoot).toBe(false);
  });
});
