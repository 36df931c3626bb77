import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkActionResult, DashboardView, PersonView, WallView, WorkItemTimeline } from '@opsquest/contracts';
import { getJson, postJson, uniqueKey } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

const DAY = 86_400_000;
const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

describe('console APIs: timeline, bulk actions, people, dashboard, wall', () => {
  let t: TestServer;
  const c: Record<'eng' | 'eng2' | 'tech' | 'lead' | 'admin', string> = { eng: '', eng2: '', tech: '', lead: '', admin: '' };
  const alarm = async (severity: string, at: string): Promise<number> => {
    const key = uniqueKey('A');
    expect((await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: at, attributes: { perceivedSeverity: severity } })).status).toBe(201);
    const id = (await t.server.repos.workItems.findByKey(`alarm:nms:${key}`))?.id;
    if (!id) throw new Error('alarm not stored');
    return id;
  };

  beforeAll(async () => {
    t = await startTestServer();
    for (const name of Object.keys(c) as (keyof typeof c)[]) c[name] = await login(t.url, name);
  });
  afterAll(async () => {
    await t.close();
  });

  it('the timeline lists every event of an alarm with who did it and the points, including a reversal', async () => {
    const key = uniqueKey('FLAP');
    const base = { source: 'nms', stream: 'alarm', externalKey: key } as const;
    await postEvents(t.url, [
      { ...base, transition: 'raised', occurredAt: ago(40 * 60_000), attributes: { perceivedSeverity: 'major' } },
      { ...base, transition: 'acknowledged', occurredAt: ago(35 * 60_000), actor: 'eng' },
      { ...base, transition: 'cleared', occurredAt: ago(10 * 60_000), actor: 'eng' },
      // Raised again inside the flap window, recently enough that the SLA timer has nothing to add.
      { ...base, transition: 'raised', occurredAt: ago(5 * 60_000) },
    ]);
    const id = (await t.server.repos.workItems.findByKey(`alarm:nms:${key}`))?.id;
    const res = await getJson<WorkItemTimeline>(t.url, `/api/work-items/${id}/timeline`, { cookie: c.eng });
    expect(res.status).toBe(200);
    expect(res.body.events.map((e) => e.transition)).toEqual(['raised', 'acknowledged', 'cleared', 'raised']);
    expect(res.body.events[1]).toMatchObject({ actor: 'eng', actorName: 'Eve Engineer', via: 'api', applied: true });
    const cleared = res.body.events[2]?.points ?? [];
    expect(cleared.some((p) => p.ruleId === 'alarm.clear' && p.points > 0)).toBe(true);
    const reversal = res.body.events[3]?.points ?? [];
    expect(reversal.length).toBeGreaterThan(0);
    expect(reversal.every((p) => p.points < 0 && p.reversalOf !== undefined)).toBe(true);
    expect(res.body.item.reraiseCount).toBe(1);
    expect((await getJson(t.url, '/api/work-items/999999/timeline', { cookie: c.eng })).status).toBe(404);
  });

  it('bulk acknowledge acts on each item on its own and reports per-item failures', async () => {
    const a = await alarm('minor', ago(60_000));
    const b = await alarm('minor', ago(60_000));
    const done = await alarm('minor', ago(60_000));
    await postJson(t.url, `/api/work-items/${done}/actions`, { action: 'acknowledge' }, { cookie: c.eng2 });
    const res = await postJson<BulkActionResult>(t.url, '/api/work-items/bulk-actions', { ids: [a, b, done, 999999], action: 'acknowledge' }, { cookie: c.eng });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => [r.id, r.status])).toEqual([
      [a, 200],
      [b, 200],
      [done, 409],
      [999999, 404],
    ]);
    expect((await t.server.repos.workItems.findById(a))?.item.ackState).toBe('acknowledged');
    const forbidden = await postJson<BulkActionResult>(t.url, '/api/work-items/bulk-actions', { ids: [a], action: 'clear' }, { cookie: c.tech });
    expect(forbidden.body.results[0]?.status).toBe(403);
    expect((await postJson(t.url, '/api/work-items/bulk-actions', { ids: [], action: 'acknowledge' }, { cookie: c.eng })).status).toBe(400);
  });

  it('a person record is visible to the person, their own lead and admins only', async () => {
    const cleared = await alarm('warning', ago(10 * 60_000));
    expect((await postJson(t.url, `/api/work-items/${cleared}/actions`, { action: 'clear' }, { cookie: c.eng })).status).toBe(200);
    expect((await getJson<PersonView>(t.url, '/api/people/p-eng', { cookie: c.eng })).status).toBe(200);
    const byLead = await getJson<PersonView>(t.url, '/api/people/p-eng', { cookie: c.lead });
    expect(byLead.status).toBe(200);
    expect(byLead.body.pointsByDay).toHaveLength(30);
    expect(byLead.body.history.length).toBeGreaterThan(0);
    expect(byLead.body.slaRecord).toMatchObject({ met: 1, breached: 0, attainmentPct: 100 });
    expect((await getJson(t.url, '/api/people/p-eng', { cookie: c.eng2 })).status).toBe(403);
    expect((await getJson(t.url, '/api/people/p-tech', { cookie: c.lead })).status).toBe(403);
    expect((await getJson(t.url, '/api/people/p-tech', { cookie: c.admin })).status).toBe(200);
    expect((await getJson(t.url, '/api/people/nobody', { cookie: c.admin })).status).toBe(404);
  });

  it('the dashboard gives a lead their team trends per day and refuses other teams and roles', async () => {
    const key = uniqueKey('D');
    const base = { source: 'nms', stream: 'alarm', externalKey: key } as const;
    await postEvents(t.url, [
      { ...base, transition: 'raised', occurredAt: ago(2 * DAY), attributes: { perceivedSeverity: 'critical' } },
      { ...base, transition: 'acknowledged', occurredAt: ago(2 * DAY - 5 * 60_000), actor: 'eng2' },
      { ...base, transition: 'cleared', occurredAt: ago(2 * DAY - 65 * 60_000), actor: 'eng2' },
    ]);
    const res = await getJson<DashboardView>(t.url, '/api/dashboard?days=7', { cookie: c.lead });
    expect(res.status).toBe(200);
    expect(res.body.teamId).toBe('t-noc');
    expect(res.body.days).toHaveLength(7);
    const withWork = res.body.days.filter((d) => d.closed > 0);
    expect(withWork.length).toBeGreaterThan(0);
    expect(res.body.days.some((d) => d.mttaMinutes === 5 && d.mttrMinutes === 65)).toBe(true);
    expect(res.body.pointsByPerson.map((p) => p.personId)).toContain('p-eng2');
    expect(res.body.activityByShift.map((s) => [s.shift, s.hours])).toEqual([
      ['day', '06:00–14:00'],
      ['evening', '14:00–22:00'],
      ['night', '22:00–06:00'],
    ]);
    expect((await getJson(t.url, '/api/dashboard?teamId=t-field', { cookie: c.lead })).status).toBe(403);
    expect((await getJson(t.url, '/api/dashboard', { cookie: c.eng })).status).toBe(403);
    expect((await getJson<DashboardView>(t.url, '/api/dashboard?teamId=t-field&days=3', { cookie: c.admin })).body.days).toHaveLength(3);
    expect((await getJson(t.url, '/api/dashboard?days=0', { cookie: c.admin })).status).toBe(400);
  });

  it('the wall shows boards, open alarms by severity and SLA risk in one read', async () => {
    await alarm('critical', ago(60 * 60_000));
    const res = await getJson<WallView>(t.url, '/api/wall', { cookie: c.lead });
    expect(res.status).toBe(200);
    expect(res.body.window).toBe('day');
    expect(res.body.openAlarmsBySeverity.critical).toBeGreaterThanOrEqual(1);
    expect(res.body.slaBreached).toBeGreaterThanOrEqual(1);
    expect(res.body.teams[0]?.name).toBe('NOC Test');
    expect((await getJson(t.url, '/api/wall?window=year', { cookie: c.lead })).status).toBe(400);
    expect((await getJson(t.url, '/api/wall')).status).toBe(401);
  });
});
