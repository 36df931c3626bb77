import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldPaths, isoFromNow, postJson, uniqueKey } from '../../../test-support/http';
import { startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import type { WorkOrderResult } from './workorder.routes';
import { allPages } from '../../../test-support/all-pages';

const PATH = '/api/integrations/workorder';
const auth = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };
const MIN = 60_000;

describe('POST /api/integrations/workorder', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (body: unknown) => postJson<WorkOrderResult>(t.url, PATH, body, auth);
  const ledgerOf = async (personId: string) => (await allPages(t.server.repos.ledger.pages())).filter((e) => e.personId === personId);
  const item = async (workOrderId: string, source = 'workorder') => (await t.server.repos.workItems.findByKey(`truckroll:${source}:${workOrderId}`))?.item;

  it('needs an API key', async () => {
    const before = await t.server.repos.events.count();
    const res = await postJson(t.url, PATH, { workOrderId: 'WO-1', state: 'open', occurredAt: isoFromNow(-MIN) });
    expect(res.status).toBe(401);
    expect(await t.server.repos.events.count()).toBe(before);
  });

  it('a full visit open -> planned -> inProgress -> completed credits the technician, first-time fix included', async () => {
    const wo = uniqueKey('WO');
    const appointment = { start: isoFromNow(-40 * MIN), end: isoFromNow(80 * MIN) };
    const common = { workOrderId: wo, technician: 'tech', site: 'NTH-0042', region: 'north', priority: 1 };
    const open = await send({ ...common, state: 'open', occurredAt: isoFromNow(-60 * MIN), appointment, customer: 'ACME Ltd', title: 'Replace SFP' });
    expect(open.status).toBe(201);
    expect(await item(wo)).toMatchObject({ status: 'open', assignee: 'tech', priority: 1, site: 'NTH-0042', customer: 'ACME Ltd', title: 'Replace SFP' });
    const rest = await send([
      { ...common, state: 'planned', occurredAt: isoFromNow(-50 * MIN) },
      { ...common, state: 'inProgress', occurredAt: isoFromNow(-20 * MIN) },
      { ...common, state: 'completed', occurredAt: isoFromNow(-2 * MIN), firstTimeFix: true, notes: 'Replaced SFP' },
    ]);
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({ received: 3, stored: 3, duplicates: 0, notApplied: 0 });
    expect(rest.body.results.map((r) => r.transition)).toEqual(['dispatched', 'onSite', 'completed']);
    expect(await item(wo)).toMatchObject({ status: 'completed', open: false, resolvedBy: 'tech', respondedBy: 'tech', firstTimeFix: true });
    const rules = (await ledgerOf('p-tech'))
      .filter((e) => e.itemKey === `truckroll:workorder:${wo}`)
      .map((e) => e.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['truckroll.complete', 'truckroll.first-time-fix']));
    expect(rest.body.results[2]?.points).toBeGreaterThan(0);
    const raw = t.server.db.prepare<[string], { raw: string }>('SELECT raw FROM events WHERE event_key = ?').get(rest.body.results[2]?.eventKey ?? '');
    expect(JSON.parse(raw?.raw ?? 'null')).toMatchObject({ workOrderId: wo, state: 'completed', firstTimeFix: true });
  });

  it('a customer satisfaction rating after the visit pays the technician; a repeat visit to the site takes back the first-time fix', async () => {
    const wo = uniqueKey('WO-CSAT');
    const site = uniqueKey('SITE');
    const common = { workOrderId: wo, technician: 'tech', site, priority: 2 };
    await send([
      { ...common, state: 'open', occurredAt: isoFromNow(-90 * MIN) },
      { ...common, state: 'completed', occurredAt: isoFromNow(-30 * MIN), firstTimeFix: true },
    ]);
    const noScore = await send({ workOrderId: wo, state: 'rated', occurredAt: isoFromNow(-10 * MIN) });
    expect(noScore.status).toBe(400);
    expect(fieldPaths(noScore.body)).toContain('body.csat');
    const rated = await send({ workOrderId: wo, state: 'rated', occurredAt: isoFromNow(-10 * MIN), csat: 5 });
    expect(rated.status).toBe(201);
    expect(rated.body.results[0]).toMatchObject({ transition: 'rated', points: 10 });
    expect((await item(wo))?.csat).toBe(5);
    const ftf = async () =>
      (await ledgerOf('p-tech'))
        .filter((e) => e.ruleId === 'truckroll.first-time-fix' && (e.itemKey === `truckroll:workorder:${wo}` || e.reversalOf !== null))
        .reduce((sum, e) => sum + e.points, 0);
    expect(await ftf()).toBeGreaterThan(0);
    // the fault comes back: a new work order for the same site two days later
    await send({ workOrderId: uniqueKey('WO-REPEAT'), technician: 'tech', site, state: 'open', occurredAt: isoFromNow(-5 * MIN) });
    const reversal = (await ledgerOf('p-tech')).find((e) => e.ruleId === 'truckroll.first-time-fix' && e.reversalOf !== null && e.reason.includes(site));
    expect(reversal?.reason).toMatch(/^Reversed: first-time-fix bonus, a repeat visit to site/);
    expect(await ftf()).toBe(0);
  });

  it('stores a resend once (natural key or eventId) and awards nothing more', async () => {
    const wo = uniqueKey('WO-DUP');
    const changes = [
      { workOrderId: wo, state: 'open', occurredAt: isoFromNow(-30 * MIN), technician: 'tech' },
      { workOrderId: wo, state: 'inProgress', occurredAt: isoFromNow(-20 * MIN), technician: 'tech' },
      { eventId: `${wo}-done`, workOrderId: wo, state: 'completed', occurredAt: isoFromNow(-MIN), technician: 'tech' },
    ];
    const first = await send(changes);
    expect(first.body.stored).toBe(3);
    const events = await t.server.repos.events.count();
    const points = (await ledgerOf('p-tech')).length;
    const again = await send(changes);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ received: 3, stored: 0, duplicates: 3 });
    // the same eventId with another time is still the same change
    const sameId = await send({ ...changes[2], occurredAt: isoFromNow(-30_000) });
    expect(sameId.body).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await t.server.repos.events.count()).toBe(events);
    expect((await ledgerOf('p-tech')).length).toBe(points);
  });

  it('keeps an impossible change with its reason; a custom source names its own truck-roll', async () => {
    const wo = uniqueKey('WO-X');
    await send({ workOrderId: wo, state: 'cancelled', occurredAt: isoFromNow(-10 * MIN), source: 'fieldforce' });
    const late = await send({ workOrderId: wo, state: 'completed', occurredAt: isoFromNow(-5 * MIN), technician: 'tech', source: 'fieldforce' });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ stored: 1, notApplied: 1 });
    expect(late.body.results[0]?.reason).toMatch(/already cancelled/);
    expect((await item(wo, 'fieldforce'))?.status).toBe('cancelled');
  });

  it('answers 400 naming the field, storing nothing', async () => {
    const before = await t.server.repos.events.count();
    const ok = { workOrderId: 'WO-BAD', state: 'open', occurredAt: isoFromNow(-MIN) };
    const cases: [string, unknown, string][] = [
      ['bad state', { ...ok, state: 'done' }, 'body.state'],
      ['bad state in an array', [ok, { ...ok, state: 'onSite' }], 'body.1.state'],
      ['missing workOrderId', { state: 'open', occurredAt: ok.occurredAt }, 'body.workOrderId'],
      ['bad time', { ...ok, occurredAt: '2026-11-20 10:00' }, 'body.occurredAt'],
      ['priority out of range', { ...ok, priority: 5 }, 'body.priority'],
      ['appointment ends before it starts', { ...ok, appointment: { start: isoFromNow(0), end: isoFromNow(-MIN) } }, 'body.appointment.end'],
      ['unknown field', { ...ok, colour: 'red' }, 'body.colour'],
      ['bad source', { ...ok, source: 'field force' }, 'body.source'],
      ['empty array', [], 'body'],
      ['too many', Array.from({ length: 1001 }, () => ok), 'body'],
    ];
    for (const [what, body, field] of cases) {
      const res = await send(body);
      expect(res.status, what).toBe(400);
      expect(fieldPaths(res.body), what).toContain(field);
    }
    expect(await t.server.repos.events.count()).toBe(before);
  });
});
