import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, RulesView, StatsView, WhatIfView, WorkActionResult, WorkItemView } from '@opsquest/contracts';
import { getJson, postJson, uniqueKey } from '../../test-support/http';
import { checkConsistency } from '../services/views/consistency.service';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

/**
 * Issue #19's storm: 500 alarms from one site in a minute are one incident, paid once on its root
 * cause's clear, and nobody's MTTA moves beyond the root cause's.
 */
describe('an alarm storm is one piece of work', () => {
  let t: TestServer;
  let eng = '';
  beforeAll(async () => {
    t = await startTestServer();
    eng = await login(t.url, 'eng');
  });
  afterAll(async () => {
    await t.close();
  });

  const openAlarms = async (): Promise<WorkItemView[]> => (await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm&limit=500', { cookie: eng })).body.items;
  const act = (id: number, action: string) => postJson<WorkActionResult & ApiError>(t.url, `/api/work-items/${id}/actions`, { action }, { cookie: eng });
  const paid = (r: WorkActionResult): number => r.awarded.reduce((s, e) => s + e.points, 0) + r.pending.reduce((s, e) => s + e.points, 0);

  it('500 alarms at one site in a minute: one incident, one payment on the root’s clear, children cleared with it, MTTA as the root’s', { timeout: 120_000 }, async () => {
    const site = uniqueKey('STORM');
    const start = Date.now() - 90_000;
    const events = Array.from({ length: 500 }, (_, i) => ({
      source: 'nms',
      stream: 'alarm',
      externalKey: `${site}-${i}`,
      transition: 'raised',
      occurredAt: new Date(start + i * 100).toISOString(),
      attributes: { perceivedSeverity: i === 0 ? 'critical' : 'major', title: `LOS ${i} at ${site}`, site, customersAffected: 20, serviceAffecting: true },
    }));
    expect((await postEvents(t.url, events)).status).toBe(201);
    const storm = (await openAlarms()).filter((a) => a.site === site);
    expect(storm).toHaveLength(500);
    expect(new Set(storm.map((a) => a.incidentId)).size).toBe(1);
    const root = storm.find((a) => a.incidentRoot === true);
    expect(root?.externalKey).toBe(`${site}-0`);
    expect(storm.filter((a) => a.incidentRoot === false)).toHaveLength(499);
    if (!root) throw new Error('no root');

    const statsBefore = (await getJson<StatsView>(t.url, '/api/stats?window=all', { cookie: eng })).body.overall;
    // a child acknowledged and cleared by hand pays nothing
    const child = storm.find((a) => a.externalKey === `${site}-7`);
    if (!child) throw new Error('no child');
    expect(paid((await act(child.id, 'acknowledge')).body)).toBe(0);
    expect(paid((await act(child.id, 'clear')).body)).toBe(0);

    await act(root.id, 'acknowledge');
    const clear = await act(root.id, 'clear');
    expect(clear.status).toBe(200);
    const rootPoints = paid(clear.body);
    expect(rootPoints).toBeGreaterThan(0);
    expect(clear.body.item.customersAffected).toBe(500 * 20);

    // the children are cleared with the root, by nobody, for nothing
    await expect.poll(async () => (await openAlarms()).filter((a) => a.site === site).length, { timeout: 30_000 }).toBe(0);
    const ledger = await t.server.repos.ledger.totalsByPerson();
    expect(ledger.get('p-eng')).toBeGreaterThanOrEqual(rootPoints);
    const stats = (await getJson<StatsView>(t.url, '/api/stats?window=all', { cookie: eng })).body.overall;
    // one closed alarm counts (the root): its MTTA is the only one added
    expect(stats.closed - (statsBefore.closed ?? 0)).toBe(1);
    // the what-if preview replays the storm as the engine decided it: doubling the clear's points
    // moves the engineer's total by one clear's worth at most, not by 500 clears'
    const lead = await login(t.url, 'lead');
    const c = (await getJson<RulesView>(t.url, '/api/rules', { cookie: lead })).body.current.config;
    const draft = { rules: c.rules.map((r) => ({ id: r.id, basePoints: r.id === 'alarm.clear' ? r.basePoints * 2 : r.basePoints, multipliers: r.multipliers, cap: r.cap })) };
    const preview = await postJson<WhatIfView>(t.url, '/api/rules/preview', { draft }, { cookie: lead });
    expect(preview.status).toBe(200);
    const engWhatIf = preview.body.people.find((p) => p.personId === 'p-eng');
    expect(engWhatIf?.difference ?? 0).toBeGreaterThan(0);
    expect(engWhatIf?.difference ?? Infinity).toBeLessThanOrEqual(rootPoints * 2);
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
