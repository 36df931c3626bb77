import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, CreatedApiKey, MaintenanceWindowView, MissionView, WorkActionResult, WorkItemView } from '@opsquest/contracts';
import { fieldPaths, getJson, isoFromNow, postJson, uniqueKey } from '../../test-support/http';
import { checkConsistency } from '../services/views/consistency.service';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

const HOUR = 3_600_000;

describe('planned work (maintenance windows) over HTTP', () => {
  let t: TestServer;
  const cookies: Record<'eng' | 'lead' | 'admin', string> = { eng: '', lead: '', admin: '' };
  let site = '';
  beforeAll(async () => {
    t = await startTestServer();
    for (const name of Object.keys(cookies) as (keyof typeof cookies)[]) cookies[name] = await login(t.url, name);
    site = uniqueKey('SITE');
  });
  afterAll(async () => {
    await t.close();
  });

  const declare = (body: Record<string, unknown>, options: { cookie?: string; headers?: Record<string, string> } = { cookie: cookies.lead }) =>
    postJson<MaintenanceWindowView & ApiError>(t.url, '/api/maintenance-windows', body, options);
  const windowBody = (over: Record<string, unknown> = {}) => ({ title: 'Fibre splice on the ring', scope: { sites: [site] }, startsAt: isoFromNow(-10 * 60_000), endsAt: isoFromNow(2 * HOUR), ...over });

  const raise = async (where: string, attributes: Record<string, unknown> = {}, agoMs = 60_000): Promise<WorkItemView> => {
    const externalKey = uniqueKey('MW');
    const res = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt: isoFromNow(-agoMs), attributes: { perceivedSeverity: 'critical', title: `Loss of signal ${externalKey}`, site: where, ...attributes } });
    expect(res.status).toBe(201);
    const items = (await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm&limit=500', { cookie: cookies.eng })).body.items;
    const found = items.find((i) => i.externalKey === externalKey);
    if (!found) throw new Error('raised alarm not listed');
    return found;
  };
  const act = (id: number, action: string) => postJson<WorkActionResult & ApiError>(t.url, `/api/work-items/${id}/actions`, { action }, { cookie: cookies.eng });
  const points = (r: WorkActionResult): number => r.awarded.reduce((s, e) => s + e.points, 0) + r.pending.reduce((s, e) => s + e.points, 0);

  it('only leads, admins and keys with maintenance:write declare planned work', async () => {
    expect((await declare(windowBody(), {})).status).toBe(401);
    expect((await declare(windowBody(), { cookie: cookies.eng })).status).toBe(403);
    const eventsOnly = await postJson<CreatedApiKey>(t.url, '/api/admin/api-keys', { name: 'Events only', scopes: ['events:write'] }, { cookie: cookies.admin });
    expect((await declare(windowBody(), { headers: { authorization: `Bearer ${eventsOnly.body.key}` } })).status).toBe(403);
    const key = await postJson<CreatedApiKey>(t.url, '/api/admin/api-keys', { name: 'Change management', scopes: ['maintenance:write'] }, { cookie: cookies.admin });
    expect(key.status).toBe(201);
    const byKey = await declare(windowBody({ title: 'Planned by the change system', scope: { sites: [uniqueKey('OTHER')] } }), { headers: { authorization: `Bearer ${key.body.key}` } });
    expect(byKey.status).toBe(201);
    expect(byKey.body.declaredBy).toBe('API key Change management');
    expect((await getJson(t.url, '/api/maintenance-windows')).status).toBe(401);
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const before = (await getJson<{ windows: MaintenanceWindowView[] }>(t.url, '/api/maintenance-windows?state=recent', { cookie: cookies.lead })).body.windows.length;
    const cases: [Record<string, unknown>, string][] = [
      [windowBody({ scope: { sites: [], regions: [], elements: [] } }), 'body.scope.sites'],
      [windowBody({ endsAt: isoFromNow(-20 * 60_000) }), 'body.endsAt'],
      [windowBody({ startsAt: isoFromNow(HOUR), endsAt: isoFromNow(30 * 60_000) }), 'body.endsAt'],
      [windowBody({ endsAt: isoFromNow(15 * 24 * HOUR) }), 'body.endsAt'],
      [windowBody({ title: 'x'.repeat(121) }), 'body.title'],
      [windowBody({ scope: { sites: ['y'.repeat(101)] } }), 'body.scope.sites.0'],
      [windowBody({ startsAt: 'tomorrow' }), 'body.startsAt'],
      [windowBody({ extra: true }), 'body.extra'],
    ];
    for (const [body, path] of cases) {
      const res = await declare(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldPaths(res.body)).toContain(path);
    }
    const after = (await getJson<{ windows: MaintenanceWindowView[] }>(t.url, '/api/maintenance-windows?state=recent', { cookie: cookies.lead })).body.windows.length;
    expect(after).toBe(before);
    expect((await getJson(t.url, '/api/maintenance-windows?state=old', { cookie: cookies.lead })).status).toBe(400);
  });

  it('an alarm raised inside the window is planned: no SLA clock and no points; outside its scope it pays', async () => {
    const declared = await declare(windowBody());
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ state: 'active', declaredBy: 'Leo Lead', plannedAlarms: 0, scope: { sites: [site], regions: [], elements: [] } });

    const planned = await raise(site.toLowerCase());
    expect(planned.maintenanceWindowId).toBe(declared.body.id);
    expect(planned.sla.resolution.outcome).toBe('cancelled');
    const ack = await act(planned.id, 'acknowledge');
    const clear = await act(planned.id, 'clear');
    expect([ack.status, clear.status]).toEqual([200, 200]);
    expect(points(ack.body) + points(clear.body)).toBe(0);

    const fault = await raise(uniqueKey('ELSEWHERE'));
    expect(fault.maintenanceWindowId).toBeUndefined();
    await act(fault.id, 'acknowledge');
    const paid = await act(fault.id, 'clear');
    expect(points(paid.body)).toBeGreaterThan(0);

    const listed = (await getJson<{ windows: MaintenanceWindowView[] }>(t.url, '/api/maintenance-windows', { cookie: cookies.eng })).body.windows.find((w) => w.id === declared.body.id);
    expect(listed?.plannedAlarms).toBe(1);
    // the stamp is in the event log: a replay of history decides the same ledger
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('a sender cannot mark its own alarm as planned (400 naming the attribute)', async () => {
    const res = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: uniqueKey('FORGE'), transition: 'raised', occurredAt: isoFromNow(-60_000), attributes: { site, maintenanceWindowId: 'mw-forged' } });
    expect(res.status).toBe(400);
  });

  it('cancelling ends it: later raises are faults again; a second cancel is 409, an unknown id 404', async () => {
    const place = uniqueKey('CANCEL');
    const declared = await declare(windowBody({ scope: { sites: [place] } }));
    const cancel = await postJson<MaintenanceWindowView>(t.url, `/api/maintenance-windows/${declared.body.id}/cancel`, { reason: 'Work postponed' }, { cookie: cookies.lead });
    expect(cancel.status).toBe(200);
    expect(cancel.body.state).toBe('cancelled');
    expect((await postJson(t.url, `/api/maintenance-windows/${declared.body.id}/cancel`, {}, { cookie: cookies.lead })).status).toBe(409);
    expect((await postJson(t.url, '/api/maintenance-windows/mw-nothing/cancel', {}, { cookie: cookies.lead })).status).toBe(404);
    expect((await postJson(t.url, '/api/maintenance-windows/not-an-id/cancel', {}, { cookie: cookies.lead })).status).toBe(400);
    expect((await postJson(t.url, `/api/maintenance-windows/${declared.body.id}/cancel`, {}, { cookie: cookies.eng })).status).toBe(403);
    // raised (by its source's clock) after the cancel: a fault again
    const after = await raise(place, {}, -1000);
    expect(after.maintenanceWindowId).toBeUndefined();
    const current = (await getJson<{ windows: MaintenanceWindowView[] }>(t.url, '/api/maintenance-windows', { cookie: cookies.eng })).body.windows.map((w) => w.id);
    expect(current).not.toContain(declared.body.id);
    const audit = (await getJson<{ entries: { action: string; targetId: string | null }[] }>(t.url, '/api/audit?limit=50', { cookie: cookies.admin })).body.entries;
    expect(audit.filter((e) => e.targetId === declared.body.id).map((e) => e.action).sort()).toEqual(['maintenance.cancelled', 'maintenance.declared']);
  });

  it('a window declared after the alarm arrived does not hide it after the fact', async () => {
    const place = uniqueKey('LATE');
    const before = await raise(place);
    await declare(windowBody({ scope: { sites: [place] }, startsAt: isoFromNow(-HOUR) }));
    const again = (await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm&limit=500', { cookie: cookies.eng })).body.items.find((i) => i.id === before.id);
    expect(again?.maintenanceWindowId).toBeUndefined();
  });
  it('makes the planned work a mission: truck-rolls completed in its scope during the window count; only a person may ask', async () => {
    const where = uniqueKey('MISSION-SITE');
    const key = await postJson<CreatedApiKey>(t.url, '/api/admin/api-keys', { name: 'Change system 2', scopes: ['maintenance:write'] }, { cookie: cookies.admin });
    const byKey = await declare(windowBody({ scope: { sites: [where] }, mission: { target: 2, rewardPoints: 40 } }), { headers: { authorization: `Bearer ${key.body.key}` } });
    expect([byKey.status, fieldPaths(byKey.body)]).toEqual([400, ['body.mission']]);
    const badTarget = await declare(windowBody({ scope: { sites: [where] }, mission: { target: 0, rewardPoints: 40 } }), { cookie: cookies.admin });
    expect([badTarget.status, fieldPaths(badTarget.body)]).toEqual([400, ['body.mission.target']]);

    const declared = await declare(windowBody({ title: 'Replace the OLT cards', scope: { sites: [where] }, mission: { target: 2, rewardPoints: 40 } }), { cookie: cookies.admin });
    expect(declared.status).toBe(201);
    const missionId = declared.body.missionId;
    expect(missionId).toBeDefined();
    const tech = await login(t.url, 'tech');
    const visit = async (site: string): Promise<void> => {
      const externalKey = uniqueKey('VISIT');
      const res = await postEvents(t.url, [
        { source: 'ffm', stream: 'truckroll', externalKey, transition: 'open', occurredAt: isoFromNow(-5 * 60_000), attributes: { title: `Card swap ${externalKey}`, technician: 'tech', site } },
        { source: 'ffm', stream: 'truckroll', externalKey, transition: 'completed', occurredAt: isoFromNow(-60_000), actor: 'tech', attributes: { firstTimeFix: true } },
      ]);
      expect(res.status).toBe(201);
    };
    const mine = async (): Promise<MissionView | undefined> => (await getJson<{ missions: MissionView[] }>(t.url, '/api/missions', { cookie: tech })).body.missions.find((m) => m.id === missionId);
    expect(await mine()).toMatchObject({ title: 'Planned work: Replace the OLT cards', target: 2, rewardPoints: 40, criteria: { stream: 'truckroll', effect: 'resolved', conditions: [{ kind: 'inScope' }] } });
    await visit(uniqueKey('ELSEWHERE'));
    expect((await mine())?.mine?.progress ?? 0).toBe(0);
    await visit(where);
    await visit(where);
    expect((await mine())?.mine).toMatchObject({ progress: 2, completed: true });
  });

  it('ends the mission with its planned work: work before the cancel counts, work after it does not; a window not yet started ends its mission unplayed', async () => {
    const where = uniqueKey('CANCEL-SITE');
    const declared = await declare(windowBody({ title: 'Swap the rectifiers', scope: { sites: [where] }, mission: { target: 3, rewardPoints: 30 } }), { cookie: cookies.admin });
    expect(declared.status).toBe(201);
    const missionId = declared.body.missionId;
    const tech = await login(t.url, 'tech');
    const mine = async (): Promise<MissionView | undefined> => (await getJson<{ missions: MissionView[] }>(t.url, '/api/missions', { cookie: tech })).body.missions.find((m) => m.id === missionId);
    const visit = async (completedAt: string): Promise<void> => {
      const externalKey = uniqueKey('VISIT');
      const res = await postEvents(t.url, [
        { source: 'ffm', stream: 'truckroll', externalKey, transition: 'open', occurredAt: isoFromNow(-5 * 60_000), attributes: { title: `Rectifier swap ${externalKey}`, technician: 'tech', site: where } },
        { source: 'ffm', stream: 'truckroll', externalKey, transition: 'completed', occurredAt: completedAt, actor: 'tech', attributes: { firstTimeFix: true } },
      ]);
      expect(res.status).toBe(201);
    };
    await visit(isoFromNow(-60_000));
    expect((await mine())?.mine?.progress).toBe(1);

    const cancelled = await postJson<MaintenanceWindowView>(t.url, `/api/maintenance-windows/${declared.body.id}/cancel`, { reason: 'postponed' }, { cookie: cookies.lead });
    expect(cancelled.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await visit(new Date().toISOString());
    const after = await mine();
    expect(after?.status).toBe('ended');
    expect(Date.parse(after?.endsAt ?? '')).toBe(Date.parse(cancelled.body.cancelledAt ?? ''));
    expect(after?.mine?.progress).toBe(1);

    const later = await declare(windowBody({ title: 'Next week', scope: { sites: [where] }, startsAt: isoFromNow(7 * 24 * HOUR), endsAt: isoFromNow(7 * 24 * HOUR + 2 * HOUR), mission: { target: 1, rewardPoints: 10 } }), { cookie: cookies.admin });
    expect(later.status).toBe(201);
    expect((await postJson(t.url, `/api/maintenance-windows/${later.body.id}/cancel`, {}, { cookie: cookies.admin })).status).toBe(200);
    const unplayed = (await getJson<{ missions: MissionView[] }>(t.url, '/api/missions', { cookie: cookies.admin })).body.missions.find((m) => m.id === later.body.missionId);
    expect(unplayed?.status).toBe('ended');
    const audit = await getJson<{ entries: { action: string; targetId: string }[] }>(t.url, '/api/audit?action=mission.ended', { cookie: cookies.admin });
    expect(audit.body.entries.filter((e) => e.action === 'mission.ended').map((e) => e.targetId)).toEqual(expect.arrayContaining([missionId, later.body.missionId]));
  });
});
