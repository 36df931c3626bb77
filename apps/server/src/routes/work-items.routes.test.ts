import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, MeView, WorkActionResult, WorkItemView } from '@opsquest/contracts';
import { fieldPaths, getJson, isoFromNow, postJson, uniqueKey } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

describe('work item routes', () => {
  let t: TestServer;
  const cookies: Record<'eng' | 'eng2' | 'tech' | 'lead', string> = { eng: '', eng2: '', tech: '', lead: '' };

  beforeAll(async () => {
    t = await startTestServer();
    for (const name of ['eng', 'eng2', 'tech', 'lead'] as const) cookies[name] = await login(t.url, name);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Ingests events and returns the id of the work item of the first one. */
  const ingest = async (events: Record<string, unknown>[]): Promise<number> => {
    const res = await postEvents(t.url, events);
    expect(res.status).toBe(201);
    const first = events[0] as { stream: string; source: string; externalKey: string };
    const record = await t.server.repos.workItems.findByKey(`${first.stream}:${first.source}:${first.externalKey}`);
    if (!record) throw new Error('work item not created');
    return record.id;
  };
  const newAlarm = (severity: string, extra: Record<string, unknown> = {}): Promise<number> =>
    ingest([{ source: 'nms', stream: 'alarm', externalKey: uniqueKey('A'), transition: 'raised', occurredAt: isoFromNow(-60_000), attributes: { perceivedSeverity: severity, title: `${severity} alarm` }, ...extra }]);
  const newTruckRoll = (technician: string): Promise<number> =>
    ingest([{ source: 'ffm', stream: 'truckroll', externalKey: uniqueKey('TR'), transition: 'open', occurredAt: isoFromNow(-1_800_000), attributes: { technician, priority: 1, title: 'Replace ONT' } }]);
  const act = (id: number | string, body: Record<string, unknown>, cookie: string, idempotencyKey?: string) =>
    postJson<WorkActionResult & ApiError>(t.url, `/api/work-items/${id}/actions`, body, { cookie, ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}) });
  const xp = async (cookie: string): Promise<number> => (await getJson<MeView>(t.url, '/api/me', { cookie })).body.points;

  it('requires a login', async () => {
    expect((await getJson(t.url, '/api/work-items')).status).toBe(401);
    expect((await postJson(t.url, '/api/work-items/1/actions', { action: 'clear' })).status).toBe(401);
  });

  describe('role checks', () => {
    it('a technician may not acknowledge an alarm', async () => {
      const id = await newAlarm('major');
      const before = await t.server.repos.events.count();
      const res = await act(id, { action: 'acknowledge' }, cookies.tech);
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('forbidden');
      expect(await t.server.repos.events.count()).toBe(before);
      expect((await t.server.repos.workItems.findById(id))?.item.ackState).toBe('unacknowledged');
    });

    it('an engineer may not complete a truck-roll', async () => {
      const id = await newTruckRoll('tech');
      const before = await t.server.repos.events.count();
      const res = await act(id, { action: 'complete' }, cookies.eng);
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('forbidden');
      expect(await t.server.repos.events.count()).toBe(before);
      expect((await t.server.repos.workItems.findById(id))?.item.open).toBe(true);
    });

    it("a technician may not act on another technician's truck-roll", async () => {
      const id = await newTruckRoll('someone-else');
      const before = await t.server.repos.events.count();
      for (const action of ['onSite', 'complete']) {
        const res = await act(id, { action }, cookies.tech);
        expect(res.status).toBe(403);
        expect(res.body.message).toMatch(/assigned to someone else/);
      }
      expect(await t.server.repos.events.count()).toBe(before);
    });

    it('a lead may act on any stream', async () => {
      const id = await newAlarm('minor');
      const res = await act(id, { action: 'acknowledge' }, cookies.lead);
      expect(res.status).toBe(200);
      expect(res.body.item.ackState).toBe('acknowledged');
    });
  });

  it('a technician completes their truck-roll with a first-time fix and gets the bonus', async () => {
    const id = await newTruckRoll('tech');
    const before = await xp(cookies.tech);
    const onSite = await act(id, { action: 'onSite' }, cookies.tech);
    expect(onSite.status).toBe(200);
    expect(onSite.body.item.status).toBe('onSite');
    const done = await act(id, { action: 'complete', firstTimeFix: true, notes: 'swapped the ONT' }, cookies.tech);
    expect(done.status).toBe(200);
    expect(done.body.duplicate).toBe(false);
    expect(done.body.item).toMatchObject({ status: 'completed', open: false, firstTimeFix: true, notes: 'swapped the ONT', assignee: 'tech' });
    const rules = done.body.awarded.map((e) => e.ruleId);
    expect(rules).toContain('truckroll.complete');
    expect(rules).toContain('truckroll.first-time-fix');
    const bonus = done.body.awarded.find((e) => e.ruleId === 'truckroll.first-time-fix');
    // 15 base x priority 1 (2)
    expect(bonus?.points).toBe(30);
    expect(done.body.awarded.every((e) => e.personId === 'p-tech')).toBe(true);
    const earned = [...onSite.body.awarded, ...done.body.awarded].reduce((s, e) => s + e.points, 0);
    expect(await xp(cookies.tech)).toBe(before + earned);
  });

  it('a completion without a first-time fix gets no bonus', async () => {
    const id = await newTruckRoll('tech');
    const done = await act(id, { action: 'complete', firstTimeFix: false }, cookies.tech);
    expect(done.status).toBe(200);
    expect(done.body.awarded.map((e) => e.ruleId)).toEqual(['truckroll.complete']);
  });

  it('a resend with the same Idempotency-Key returns the first result and changes nothing', async () => {
    const id = await newAlarm('critical');
    const key = `clear-${uniqueKey('idem')}`;
    const first = await act(id, { action: 'clear' }, cookies.eng, key);
    expect(first.status).toBe(200);
    expect(first.body.duplicate).toBe(false);
    expect(first.body.awarded.length).toBeGreaterThan(0);
    const points = await xp(cookies.eng);
    const events = await t.server.repos.events.count();

    const again = await act(id, { action: 'clear' }, cookies.eng, key);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(again.body.awarded).toEqual(first.body.awarded);
    expect(again.body.item.open).toBe(false);
    expect(await xp(cookies.eng)).toBe(points);
    expect(await t.server.repos.events.count()).toBe(events);

    // without the key the same action is a conflict: the alarm is already cleared
    const plain = await act(id, { action: 'clear' }, cookies.eng);
    expect(plain.status).toBe(409);
    expect(await t.server.repos.events.count()).toBe(events);
  });

  it('an Idempotency-Key reused for another item or action is a new action, not a resend', async () => {
    const key = `reuse-${uniqueKey('idem')}`;
    const a = await newAlarm('minor');
    const b = await newAlarm('minor');
    expect((await act(a, { action: 'acknowledge' }, cookies.eng, key)).body.duplicate).toBe(false);
    const other = await act(b, { action: 'acknowledge' }, cookies.eng, key);
    expect(other.status).toBe(200);
    expect(other.body.duplicate).toBe(false);
    expect(other.body.item.ackState).toBe('acknowledged');
    const cleared = await act(a, { action: 'clear' }, cookies.eng, key);
    expect(cleared.body.duplicate).toBe(false);
    expect(cleared.body.item.status).toBe('cleared');
  });

  it('answers 409 for an impossible transition and stores nothing', async () => {
    const id = await newAlarm('major');
    expect((await act(id, { action: 'clear' }, cookies.eng)).status).toBe(200);
    const events = await t.server.repos.events.count();
    const ledger = (await t.server.repos.ledger.totalsByPerson()).get('p-eng');
    for (const action of ['clear', 'acknowledge', 'unacknowledge']) {
      const res = await act(id, { action }, cookies.eng);
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('conflict');
      expect(res.body.message.length).toBeGreaterThan(0);
    }
    // an action that is not one of the alarm's
    const wrongStream = await act(id, { action: 'dispatch' }, cookies.eng);
    expect(wrongStream.status).toBe(409);
    expect(wrongStream.body.message).toMatch(/does not apply to an alarm/);
    expect(await t.server.repos.events.count()).toBe(events);
    expect((await t.server.repos.ledger.totalsByPerson()).get('p-eng')).toBe(ledger);

    // a truck-roll cannot go back to on site once completed
    const tr = await newTruckRoll('tech');
    expect((await act(tr, { action: 'complete' }, cookies.tech)).status).toBe(200);
    const count = await t.server.repos.events.count();
    expect((await act(tr, { action: 'onSite' }, cookies.tech)).status).toBe(409);
    expect(await t.server.repos.events.count()).toBe(count);
  });

  it('404 for an unknown id, 400 naming params.id for a malformed one', async () => {
    const missing = await getJson<ApiError>(t.url, '/api/work-items/987654', { cookie: cookies.eng });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not_found');
    const actMissing = await act(987654, { action: 'clear' }, cookies.eng);
    expect(actMissing.status).toBe(404);

    for (const bad of ['abc', '0', '-3', '1.5']) {
      const res = await getJson<ApiError>(t.url, `/api/work-items/${bad}`, { cookie: cookies.eng });
      expect(res.status).toBe(400);
      expect(fieldPaths(res.body)).toEqual(['params.id']);
    }
    const actBad = await act('abc', { action: 'clear' }, cookies.eng);
    expect(actBad.status).toBe(400);
    expect(fieldPaths(actBad.body)).toEqual(['params.id']);
  });

  it('GET /api/work-items/:id returns the item with its SLA clocks', async () => {
    const id = await newAlarm('critical');
    const res = await getJson<WorkItemView>(t.url, `/api/work-items/${id}`, { cookie: cookies.eng2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, stream: 'alarm', status: 'raised', severity: 'critical', open: true, ackState: 'unacknowledged' });
    expect(Date.parse(res.body.sla.response.dueAt) - Date.parse(res.body.sla.response.startedAt)).toBe(15 * 60_000);
    expect(res.body.sla.response).toMatchObject({ target: 'response', breached: false, paused: false, atRiskPct: 75 });
  });

  it('mine=true lists only the caller’s items', async () => {
    const mineId = await newAlarm('warning');
    const othersId = await newAlarm('warning');
    expect((await act(mineId, { action: 'acknowledge' }, cookies.eng2)).status).toBe(200);
    expect((await act(othersId, { action: 'acknowledge' }, cookies.lead)).status).toBe(200);
    const mine = await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?mine=true&stream=alarm', { cookie: cookies.eng2 });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i) => i.id)).toEqual([mineId]);
    const all = await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm', { cookie: cookies.eng2 });
    expect(all.body.items.map((i) => i.id)).toEqual(expect.arrayContaining([mineId, othersId]));

    // a technician's truck-roll queue is their own by default
    const techs = await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=truckroll', { cookie: cookies.tech });
    expect(techs.body.items.length).toBeGreaterThan(0);
    expect(techs.body.items.every((i) => i.assignee === 'tech')).toBe(true);
  });

  it('lists open alarms critical first, and closed items only with state=closed', async () => {
    const minor = await newAlarm('minor');
    const critical = await newAlarm('critical');
    const major = await newAlarm('major');
    const res = await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm&limit=500', { cookie: cookies.eng });
    const items = res.body.items;
    expect(items.every((i) => i.open)).toBe(true);
    const rank = ['critical', 'major', 'minor', 'warning', 'indeterminate'];
    const ranks = items.map((i) => rank.indexOf(i.severity ?? 'indeterminate'));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(items[0]?.severity).toBe('critical');
    const pos = (id: number) => items.findIndex((i) => i.id === id);
    expect(pos(critical)).toBeLessThan(pos(major));
    expect(pos(major)).toBeLessThan(pos(minor));

    const closed = await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm&state=closed', { cookie: cookies.eng });
    expect(closed.body.items.length).toBeGreaterThan(0);
    expect(closed.body.items.every((i) => !i.open)).toBe(true);
    const limited = await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm&limit=2', { cookie: cookies.eng });
    expect(limited.body.items).toHaveLength(2);
  });
});
