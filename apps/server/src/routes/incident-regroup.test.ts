import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, IncidentRegroupResult, WorkItemView } from '@opsquest/contracts';
import { fieldPaths, getJson, isoFromNow, postJson, uniqueKey } from '../../test-support/http';
import { login, postEvents, startTestServer, TEST_API_KEY, type TestServer } from '../../test-support/test-server';
import { TMF642_BASE_PATH, type TmfAlarm } from '../integrations/tmf642/tmf642.mapper';
import { checkConsistency } from '../services/views/consistency.service';

/** Leads fix what correlation got wrong: re-root, split, merge (POST /api/work-items/:id/incident). */
describe('regrouping incidents', () => {
  let t: TestServer;
  let lead = '';
  let eng = '';
  beforeAll(async () => {
    t = await startTestServer();
    [lead, eng] = await Promise.all([login(t.url, 'lead'), login(t.url, 'eng')]);
  });
  afterAll(async () => {
    await t.close();
  });

  const alarms = async (): Promise<WorkItemView[]> => (await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm&limit=500', { cookie: lead })).body.items;
  const find = async (key: string): Promise<WorkItemView> => {
    const found = (await alarms()).find((a) => a.externalKey === key);
    if (!found) throw new Error(`no alarm ${key}`);
    return found;
  };
  const regroup = (id: number, body: unknown, cookie = lead) => postJson<IncidentRegroupResult & ApiError>(t.url, `/api/work-items/${id}/incident`, body, { cookie });
  /** three alarms at one fresh site: the first is the root */
  const storm = async (): Promise<[WorkItemView, WorkItemView, WorkItemView]> => {
    const site = uniqueKey('SITE');
    const keys = [0, 1, 2].map((i) => `${site}-${i}`);
    const res = await postEvents(t.url, keys.map((externalKey, i) => ({ source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt: isoFromNow(-(10 - i) * 60_000), attributes: { perceivedSeverity: 'major', site, customersAffected: 4 } })));
    expect(res.status).toBe(201);
    const [r, a, b] = await Promise.all(keys.map(find));
    if (!r || !a || !b) throw new Error('storm not stored');
    expect([r.incidentRoot, a.incidentRoot, b.incidentRoot]).toEqual([true, false, false]);
    return [r, a, b];
  };

  it('shows the incident in the TMF642 view: isRootCause on the root, parentAlarm naming the root on the others, moved by a re-root', async () => {
    const [root, child, other] = await storm();
    const tmf = async (id: number): Promise<TmfAlarm> => {
      const res = await getJson<TmfAlarm>(t.url, `${TMF642_BASE_PATH}/alarm/${id}`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
      expect(res.status).toBe(200);
      return res.body;
    };
    const parentIds = (a: TmfAlarm): string[] | undefined => a.parentAlarm?.map((r) => r.id);
    expect([(await tmf(root.id)).isRootCause, parentIds(await tmf(root.id))]).toEqual([true, undefined]);
    expect([(await tmf(child.id)).isRootCause, parentIds(await tmf(child.id))]).toEqual([false, [String(root.id)]]);
    const list = await getJson<TmfAlarm[]>(t.url, `${TMF642_BASE_PATH}/alarm?limit=1000`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(parentIds(list.body.find((a) => a.id === String(other.id)) ?? ({} as TmfAlarm))).toEqual([String(root.id)]);
    expect((await regroup(child.id, { action: 'root' })).status).toBe(200);
    expect([(await tmf(child.id)).isRootCause, parentIds(await tmf(child.id))]).toEqual([true, undefined]);
    expect([(await tmf(root.id)).isRootCause, parentIds(await tmf(root.id))]).toEqual([false, [String(child.id)]]);
  });

  it('is for leads and admins only (403), and says plainly what cannot be done', async () => {
    const [root, child] = await storm();
    expect((await regroup(child.id, { action: 'root' }, eng)).status).toBe(403);
    expect((await regroup(999_999, { action: 'split' })).status).toBe(404);
    const bad = await regroup(child.id, { action: 'merge' });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body)).toContain('body.into');
    const missing = await regroup(child.id, { action: 'merge', into: 999_999 });
    expect([missing.status, fieldPaths(missing.body)]).toEqual([400, ['body.into']]);
    expect((await regroup(root.id, { action: 'root' })).status).toBe(409);
    const rootSplit = await regroup(root.id, { action: 'split' });
    expect(rootSplit.status).toBe(409);
    expect(rootSplit.body.message).toMatch(/root first/);
    expect((await regroup(child.id, { action: 'merge', into: root.id })).status).toBe(409);
  });

  it('re-roots: the new root’s clocks start now, the old root becomes one of its alarms; the storm’s next alarm joins as before', async () => {
    const [root, child] = await storm();
    const res = await regroup(child.id, { action: 'root' });
    expect(res.status).toBe(200);
    const [newRoot, oldRoot] = [await find(child.externalKey), await find(root.externalKey)];
    expect([newRoot.incidentRoot, newRoot.incidentId, newRoot.sla.response.outcome]).toEqual([true, root.incidentId, undefined]);
    expect([oldRoot.incidentRoot, oldRoot.sla.response.outcome]).toEqual([false, 'cancelled']);
    expect(res.body.items.map((i) => i.id).sort()).toEqual([root.id, child.id].sort());
    // clearing the new root pays and clears the rest with it
    const clear = await postJson<{ awarded: { points: number }[] }>(t.url, `/api/work-items/${child.id}/actions`, { action: 'clear' }, { cookie: eng });
    expect(clear.status).toBe(200);
    await expect.poll(async () => (await alarms()).filter((a) => a.incidentId === root.incidentId).length, { timeout: 10_000 }).toBe(0);
  });

  it('splits an alarm out (its own clocks from now) and merges incidents into one', async () => {
    const [root, child, other] = await storm();
    expect((await regroup(other.id, { action: 'split' })).status).toBe(200);
    const alone = await find(other.externalKey);
    expect([alone.incidentId, alone.incidentRoot, alone.sla.response.outcome]).toEqual([undefined, undefined, undefined]);
    expect(Date.parse(alone.sla.response.startedAt)).toBeGreaterThan(Date.parse(other.sla.response.startedAt));

    const [root2, child2] = await storm();
    const merged = await regroup(root2.id, { action: 'merge', into: root.id });
    expect(merged.status).toBe(200);
    const now = await Promise.all([root2, child2, child].map((a) => find(a.externalKey)));
    expect(now.map((a) => [a.incidentId, a.incidentRoot])).toEqual([
      [root.incidentId, false],
      [root.incidentId, false],
      [root.incidentId, false],
    ]);
    // a lone alarm merged into another lone alarm: the target becomes the root
    expect((await regroup(alone.id, { action: 'merge', into: root.id })).status).toBe(200);
    expect((await find(other.externalKey)).incidentId).toBe(root.incidentId);

    const audit = await t.server.repos.audit.recent(20);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['incident.root', 'incident.split', 'incident.merge']));
    const ledger = await t.server.repos.ledger.totalsByPerson();
    expect(ledger.get('p-lead') ?? 0).toBe(0);
  });

  it('keeps the ledger a replay of the log', async () => {
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
