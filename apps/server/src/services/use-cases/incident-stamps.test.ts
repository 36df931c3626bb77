import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItemView } from '@opsquest/contracts';
import { fieldPaths, getJson, isoFromNow, postJson, uniqueKey } from '../../../test-support/http';
import { sampleAlarmCreate } from '../../../test-support/fixtures/tmf642.fixtures';
import { login, postEvents, startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import { checkConsistency } from '../views/consistency.service';

/** The door's incident stamps over real HTTP: by place and time, by the source's own correlation, and never from a sender. */
describe('incidents decided at the door', () => {
  let t: TestServer;
  let eng = '';
  beforeAll(async () => {
    t = await startTestServer();
    eng = await login(t.url, 'eng');
  });
  afterAll(async () => {
    await t.close();
  });

  const alarms = async (): Promise<WorkItemView[]> => (await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm&limit=500', { cookie: eng })).body.items;
  const byKey = async (key: string): Promise<WorkItemView | undefined> => (await alarms()).find((a) => a.externalKey === key);
  const raise = (externalKey: string, minutesAgo: number, attributes: Record<string, unknown> = {}) => ({
    source: 'nms',
    stream: 'alarm',
    externalKey,
    transition: 'raised',
    occurredAt: isoFromNow(-minutesAgo * 60_000),
    attributes: { perceivedSeverity: 'major', title: `Alarm ${externalKey}`, customersAffected: 5, ...attributes },
  });

  it('refuses incident stamps and `grouped` from a sender (400 naming the field), storing nothing', async () => {
    const key = uniqueKey('FORGED');
    const stamped = await postEvents(t.url, raise(key, 1, { incidentId: 'inc:mine', incidentRole: 'root' }));
    expect(stamped.status).toBe(400);
    expect(fieldPaths(await stamped.json())).toEqual(expect.arrayContaining([expect.stringMatching(/attributes/)]));
    const grouped = await postEvents(t.url, { ...raise(key, 1), transition: 'grouped' });
    expect(grouped.status).toBe(400);
    expect(fieldPaths(await grouped.json())).toEqual(expect.arrayContaining([expect.stringMatching(/transition/)]));
    expect(await byKey(key)).toBeUndefined();
  });

  it('alarms at one site within the window are one incident, in one batch or across batches; past the window or elsewhere they are not', async () => {
    const site = uniqueKey('SITE');
    const [a, b, c, d, e] = ['A', 'B', 'C', 'D', 'E'].map((x) => uniqueKey(x)) as [string, string, string, string, string];
    expect((await postEvents(t.url, [raise(b, 28, { site }), raise(a, 30, { site })])).status).toBe(201);
    expect((await postEvents(t.url, raise(c, 25, { site }))).status).toBe(201);
    expect((await postEvents(t.url, [raise(d, 10, { site }), raise(e, 29, { site: `${site}-other` })])).status).toBe(201);
    const [va, vb, vc, vd, ve] = await Promise.all([a, b, c, d, e].map(byKey));
    expect(va?.incidentRoot).toBe(true);
    expect([vb?.incidentId, vc?.incidentId]).toEqual([va?.incidentId, va?.incidentId]);
    expect([vb?.incidentRoot, vc?.incidentRoot]).toEqual([false, false]);
    expect([vd?.incidentRoot, ve?.incidentRoot]).toEqual([true, true]);
    expect(new Set([va?.incidentId, vd?.incidentId, ve?.incidentId]).size).toBe(3);
    // a repeat of the root (still firing) changes nothing; a repeat of an old clear's raise starts no life
    expect((await postEvents(t.url, raise(a, 20, { site }))).status).toBe(201);
    expect((await byKey(a))?.incidentId).toBe(va?.incidentId);
  });

  it('honours a source’s parent alarm and root cause, over the API and TMF642', async () => {
    const [p, c, x, y, r] = ['P', 'C', 'X', 'Y', 'R'].map((k) => uniqueKey(k)) as [string, string, string, string, string];
    await postEvents(t.url, raise(p, 40, { site: uniqueKey('S') }));
    await postEvents(t.url, raise(c, 39, { site: uniqueKey('S'), parentAlarms: [p] }));
    const [vp, vc] = await Promise.all([byKey(p), byKey(c)]);
    expect(vp?.incidentRoot).toBe(true);
    expect([vc?.incidentId, vc?.incidentRoot]).toEqual([vp?.incidentId, false]);
    expect(vc?.sla.response.outcome).toBe('cancelled');

    await postEvents(t.url, [raise(x, 38), raise(y, 38)]);
    await postEvents(t.url, raise(r, 37, { rootCause: true, correlatedAlarms: [x, y, uniqueKey('never-seen')] }));
    const [vx, vy, vr] = await Promise.all([byKey(x), byKey(y), byKey(r)]);
    expect(vr?.incidentRoot).toBe(true);
    expect([vx?.incidentId, vy?.incidentId]).toEqual([vr?.incidentId, vr?.incidentId]);
    expect([vx?.incidentRoot, vy?.incidentRoot]).toEqual([false, false]);

    // TMF642: parentAlarm names our alarm id
    const auth = { authorization: `Bearer ${TEST_API_KEY}` };
    const parent = await postJson<{ id: string }>(t.url, '/tmf-api/alarm/v4/alarm', sampleAlarmCreate({ alarmedObject: { id: uniqueKey('OLT') }, place: [] }), { headers: auth });
    expect(parent.status).toBe(201);
    const child = await postJson<{ id: string; parentAlarm?: unknown }>(
      t.url,
      '/tmf-api/alarm/v4/alarm',
      sampleAlarmCreate({ alarmedObject: { id: uniqueKey('OLT') }, parentAlarm: [{ id: parent.body.id, href: `/tmf-api/alarm/v4/alarm/${parent.body.id}`, '@referredType': 'Alarm' }] }),
      { headers: auth },
    );
    expect(child.status).toBe(201);
    const items = await alarms();
    const tp = items.find((i) => String(i.id) === parent.body.id);
    const tc = items.find((i) => String(i.id) === child.body.id);
    expect(tp?.incidentRoot).toBe(true);
    expect([tc?.incidentId, tc?.incidentRoot]).toEqual([tp?.incidentId, false]);
  });

  it('keeps the ledger a replay of the log, stamps and children’s clears included', async () => {
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
