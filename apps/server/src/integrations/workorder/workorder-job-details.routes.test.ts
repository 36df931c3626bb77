import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, WorkActionResult, WorkItemView } from '@opsquest/contracts';
import { fieldPaths, getJson, isoFromNow, postJson, uniqueKey } from '../../../test-support/http';
import { login, startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import { buildOpenApiDocument } from '../../openapi/openapi.document';
import type { WorkOrderResult } from './workorder.routes';

const PATH = '/api/integrations/workorder';
const auth = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };
const MIN = 60_000;

const JOB = {
  address: { line: '12 Harbour Road, flat 3', city: 'Porto', postcode: '4000-123', country: 'PT' },
  location: { lat: 41.1496, lon: -8.611 },
  contact: { name: 'Rita Sousa', phone: '+351 912 345 678' },
  accessNotes: 'Key at the café next door; ring twice',
  checklist: [
    { id: 'power', label: 'Check power at the cabinet' },
    { id: 'light', label: 'Measure light levels at the ONT' },
  ],
};

describe('work-order job details: address, location, contact, access notes, checklist', () => {
  let t: TestServer;
  let tech: string;
  beforeAll(async () => {
    t = await startTestServer();
    tech = await login(t.url, 'tech');
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (body: unknown) => postJson<WorkOrderResult>(t.url, PATH, body, auth);
  const myVisit = async (workOrderId: string): Promise<WorkItemView | undefined> => {
    const res = await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=truckroll&state=open', { cookie: tech });
    expect(res.status).toBe(200);
    return res.body.items.find((v) => v.externalKey === workOrderId);
  };
  const act = (id: number, body: unknown, key: string) =>
    postJson<WorkActionResult & ApiError>(t.url, `/api/work-items/${id}/actions`, body, { cookie: tech, headers: { 'Idempotency-Key': key } });

  it('stores every field and shows them in the technician’s view, unticked', async () => {
    const wo = uniqueKey('WO-JOB');
    const res = await send({ workOrderId: wo, state: 'open', occurredAt: isoFromNow(-10 * MIN), technician: 'tech', title: 'No sync on ONT', ...JOB });
    expect(res.status).toBe(201);
    const visit = await myVisit(wo);
    expect(visit).toMatchObject({
      address: JOB.address,
      location: JOB.location,
      contact: JOB.contact,
      accessNotes: JOB.accessNotes,
      checklist: JOB.checklist.map((c) => ({ ...c, done: false })),
    });
    // nothing lost: the raw change is kept as sent
    const raw = t.server.db.prepare<[string], { raw: string }>('SELECT raw FROM events WHERE event_key = ?').get(res.body.results[0]?.eventKey ?? '');
    expect(JSON.parse(raw?.raw ?? 'null')).toMatchObject(JOB);
  });

  it('the technician ticks a checklist item (a small event, no points, status unchanged); a resend is one tick; a later change keeps it', async () => {
    const wo = uniqueKey('WO-TICK');
    await send({ workOrderId: wo, state: 'open', occurredAt: isoFromNow(-10 * MIN), technician: 'tech', ...JOB });
    const visit = await myVisit(wo);
    if (!visit) throw new Error('visit not listed');
    const ticked = await act(visit.id, { action: 'tickChecklist', checklistItemId: 'light', done: true }, `${wo}-tick-1`);
    expect(ticked.status).toBe(200);
    expect(ticked.body.awarded).toEqual([]);
    expect(ticked.body.item.status).toBe('open');
    expect(ticked.body.item.checklist?.find((c) => c.id === 'light')).toMatchObject({ done: true, doneBy: 'tech' });
    const again = await act(visit.id, { action: 'tickChecklist', checklistItemId: 'light', done: true }, `${wo}-tick-1`);
    expect(again.body.duplicate).toBe(true);
    const ticks = (await t.server.repos.events.listForItem(visit.key)).filter((e) => e.event.transition === 'checklistTicked');
    expect(ticks).toHaveLength(1);
    expect(ticks[0]?.event.attributes).toEqual({ checklistItemId: 'light', checklistDone: true });
    // the work order moves on with a changed list: the kept item stays ticked
    await send({ workOrderId: wo, state: 'planned', occurredAt: isoFromNow(-MIN), technician: 'tech', checklist: [...JOB.checklist, { id: 'photo', label: 'Photo of the cabinet' }] });
    expect((await myVisit(wo))?.checklist?.map((c) => [c.id, c.done])).toEqual([
      ['power', false],
      ['light', true],
      ['photo', false],
    ]);
  });

  it('refuses a tick without its fields, for an item not on the list, or in bulk', async () => {
    const wo = uniqueKey('WO-BADTICK');
    await send({ workOrderId: wo, state: 'open', occurredAt: isoFromNow(-10 * MIN), technician: 'tech', ...JOB });
    const visit = await myVisit(wo);
    if (!visit) throw new Error('visit not listed');
    const cases: [string, unknown, string][] = [
      ['no item', { action: 'tickChecklist', done: true }, 'body.checklistItemId'],
      ['no done', { action: 'tickChecklist', checklistItemId: 'power' }, 'body.done'],
      ['not on the list', { action: 'tickChecklist', checklistItemId: 'nope', done: true }, 'body.checklistItemId'],
    ];
    for (const [what, body, field] of cases) {
      const res = await act(visit.id, body, `${wo}-${what.replace(/ /g, '-')}`);
      expect(res.status, what).toBe(400);
      expect(fieldPaths(res.body), what).toContain(field);
    }
    const bulk = await postJson(t.url, '/api/work-items/bulk-actions', { ids: [visit.id], action: 'tickChecklist' }, { cookie: tech });
    expect(bulk.status).toBe(400);
    expect(fieldPaths(bulk.body)).toContain('body.action');
  });

  it('answers 400 naming the job field, storing nothing', async () => {
    const before = await t.server.repos.events.count();
    const ok = { workOrderId: 'WO-BADJOB', state: 'open', occurredAt: isoFromNow(-MIN) };
    const cases: [string, unknown, string][] = [
      ['access notes too long', { ...ok, accessNotes: 'x'.repeat(1001) }, 'body.accessNotes'],
      ['address without a line', { ...ok, address: { city: 'Porto' } }, 'body.address.line'],
      ['postcode too long', { ...ok, address: { line: '1 Road', postcode: '1'.repeat(21) } }, 'body.address.postcode'],
      ['unknown address field', { ...ok, address: { line: '1 Road', street: 'x' } }, 'body.address.street'],
      ['latitude out of range', { ...ok, location: { lat: 91, lon: 0 } }, 'body.location.lat'],
      ['longitude not a number', { ...ok, location: { lat: 0, lon: '8' } }, 'body.location.lon'],
      ['phone with letters', { ...ok, contact: { phone: 'call me' } }, 'body.contact.phone'],
      ['empty contact', { ...ok, contact: {} }, 'body.contact'],
      ['checklist label too long', { ...ok, checklist: [{ id: 'a', label: 'x'.repeat(201) }] }, 'body.checklist.0.label'],
      ['checklist id twice', { ...ok, checklist: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }, 'body.checklist.1.id'],
      ['too many checklist items', { ...ok, checklist: Array.from({ length: 51 }, (_, i) => ({ id: `c${i}`, label: 'x' })) }, 'body.checklist'],
    ];
    for (const [what, body, field] of cases) {
      const res = await send(body);
      expect(res.status, what).toBe(400);
      expect(fieldPaths(res.body), what).toContain(field);
    }
    expect(await t.server.repos.events.count()).toBe(before);
  });

  it('documents the fields with their limits in the OpenAPI document', () => {
    const doc = JSON.stringify(buildOpenApiDocument('test'));
    const op = (buildOpenApiDocument('test').paths as Record<string, { post: { requestBody: unknown } }>)[PATH];
    const body = JSON.stringify(op?.post.requestBody);
    for (const field of ['address', 'location', 'contact', 'accessNotes', 'checklist', 'postcode', 'lat', 'lon', 'phone']) expect(body).toContain(`"${field}"`);
    expect(body).toContain('"maxLength":1000');
    expect(doc).toContain('tickChecklist');
  });
});
