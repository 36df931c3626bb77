import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldPaths, postJson } from '../../../test-support/http';
import { startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import type { Tmf622ListenerResult } from './tmf622.routes';
import { allPages } from '../../../test-support/all-pages';

const BASE = '/tmf-api/productOrderingManagement/v4/listener';
const CREATE = `${BASE}/productOrderCreateEvent`;
const STATE = `${BASE}/productOrderStateChangeEvent`;
const auth = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };

interface Envelope {
  eventId: string;
  eventTime?: string;
  eventType: string;
  event: { productOrder: { id: string; state?: string; orderDate?: string; [key: string]: unknown } };
  [key: string]: unknown;
}

const fixture = (name: 'product-order-create-event' | 'product-order-state-change-event'): Envelope =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Envelope;

/** The state-change fixture for another order, state, time and eventId. */
const stateChange = (orderId: string, state: string, eventTime: string, eventId: string): Envelope => {
  const e = fixture('product-order-state-change-event');
  return { ...e, eventId, eventTime, event: { productOrder: { ...e.event.productOrder, id: orderId, state } } };
};
const created = (orderId: string, eventId: string): Envelope => {
  const e = fixture('product-order-create-event');
  return { ...e, eventId, event: { productOrder: { ...e.event.productOrder, id: orderId } } };
};

describe('TMF622 product order listeners', () => {
  let t: TestServer;
  beforeAll(async () => {
    // A server clock at the fixtures' day and an SLA timer that does not come round again in the run.
    t = await startTestServer({ now: () => Date.parse('2026-11-23T15:00:00Z'), config: { slaTimerMs: 3_600_000 } });
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (path: string, body: unknown) => postJson<Tmf622ListenerResult>(t.url, path, body, auth);
  const item = async (orderId: string) => (await t.server.repos.workItems.findByKey(`order:tmf622:${orderId}`))?.item;
  const ledgerFor = async (orderId: string) => (await allPages(t.server.repos.ledger.pages())).filter((e) => e.itemKey === `order:tmf622:${orderId}`);
  const rawOf = (eventKey: string): string | null | undefined =>
    t.server.db.prepare<[string], { raw: string | null }>('SELECT raw FROM events WHERE event_key = ?').get(eventKey)?.raw;

  it('needs an API key', async () => {
    const before = await t.server.repos.events.count();
    const res = await postJson(t.url, CREATE, fixture('product-order-create-event'));
    expect(res.status).toBe(401);
    expect(await t.server.repos.events.count()).toBe(before);
  });

  it('create, then state changes to completed, credits the order handler; the raw notification is stored', async () => {
    const body = fixture('product-order-create-event');
    const res = await send(CREATE, body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      eventId: 'po-evt-0001',
      eventType: 'ProductOrderCreateEvent',
      productOrderId: 'PO-42017',
      state: 'acknowledged',
      eventKey: 'tmf622#po-evt-0001',
      status: 'stored',
      applied: true,
      points: 0,
    });
    expect(await item('PO-42017')).toMatchObject({
      status: 'acknowledged',
      open: true,
      priority: 1,
      title: 'Fibre 1 Gbit/s for ACME Corp head office',
      customer: 'ACME Corp (VIP)',
      vip: true,
      requestedCompletionDate: Date.parse('2026-11-25T17:00:00.000Z'),
      openedAt: Date.parse('2026-11-23T09:00:00.000Z'),
    });
    expect(JSON.parse(rawOf('tmf622#po-evt-0001') ?? 'null')).toEqual(body);

    const started = await send(STATE, stateChange('PO-42017', 'inProgress', '2026-11-23T09:40:00Z', 'po-evt-0002'));
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'stored', applied: true, state: 'inProgress' });
    const done = await send(STATE, fixture('product-order-state-change-event'));
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ status: 'stored', applied: true, state: 'completed' });
    expect(done.body.points).toBeGreaterThan(0);
    expect(await item('PO-42017')).toMatchObject({ status: 'completed', open: false, respondedBy: 'eng', resolvedBy: 'eng', resolvedAt: Date.parse('2026-11-23T14:30:00Z') });
    const rules = (await ledgerFor('PO-42017')).map((e) => [e.personId, e.ruleId]);
    expect(rules).toEqual(expect.arrayContaining([['p-eng', 'order.start'], ['p-eng', 'order.complete']]));
  });

  it('a redelivery (same eventId) is a duplicate: 201, nothing stored, nothing awarded', async () => {
    const events = await t.server.repos.events.count();
    const ledger = (await allPages(t.server.repos.ledger.pages())).length;
    const again = await send(STATE, fixture('product-order-state-change-event'));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ eventKey: 'tmf622#po-evt-0003', status: 'duplicate', applied: false, points: 0 });
    expect(again.body.reason).toBeUndefined();
    expect(await t.server.repos.events.count()).toBe(events);
    expect((await allPages(t.server.repos.ledger.pages())).length).toBe(ledger);
  });

  it('keeps a state OpsQuest does not track, with a reason, without applying it', async () => {
    await send(CREATE, created('PO-PART', 'part-1'));
    for (const [state, eventId] of [['partial', 'part-2'], ['assessingCancellation', 'part-3'], ['draft', 'part-4']] as const) {
      const res = await send(STATE, stateChange('PO-PART', state, '2026-11-23T10:00:00Z', eventId));
      expect(res.status, state).toBe(201);
      expect(res.body, state).toMatchObject({ status: 'stored', applied: false, state });
      expect(res.body.reason, state).toMatch(new RegExp(`state ${state} is not tracked`));
      const stored = t.server.db.prepare<[string], { applied: number; reason: string }>('SELECT applied, reason FROM events WHERE event_key = ?').get(`tmf622#${eventId}`);
      expect(stored?.applied).toBe(0);
      expect(stored?.reason).toContain(state);
    }
    expect(await item('PO-PART')).toMatchObject({ status: 'acknowledged', open: true });
  });

  it('reads the state case-insensitively and the time from orderDate when eventTime is absent', async () => {
    const body = created('PO-CASE', 'case-1');
    delete body.eventTime;
    body.event.productOrder.state = 'Acknowledged';
    const res = await send(CREATE, body);
    expect(res.body).toMatchObject({ status: 'stored', applied: true });
    expect(await item('PO-CASE')).toMatchObject({ status: 'acknowledged', openedAt: Date.parse('2026-11-23T08:55:00.000Z') });
    const held = await send(STATE, stateChange('PO-CASE', 'HELD', '2026-11-23T10:00:00Z', 'case-2'));
    expect(held.body).toMatchObject({ applied: true });
    expect((await item('PO-CASE'))?.status).toBe('held');
  });

  it('answers 400 naming the fields of a malformed envelope, storing nothing', async () => {
    const before = await t.server.repos.events.count();
    const good = (): Envelope => stateChange('PO-BAD', 'inProgress', '2026-11-23T10:00:00Z', 'bad-1');
    const noId = good() as Partial<Envelope>;
    delete noId.eventId;
    const noState = good();
    delete noState.event.productOrder.state;
    const noTime = good();
    delete noTime.eventTime;
    const cases: [string, string, unknown, string][] = [
      ['missing eventId', STATE, noId, 'body.eventId'],
      ['wrong eventType for the listener', STATE, { ...good(), eventType: 'ProductOrderCreateEvent' }, 'body.eventType'],
      ['missing event', STATE, { ...good(), event: undefined }, 'body.event'],
      ['missing productOrder.id', STATE, { ...good(), event: { productOrder: { state: 'inProgress' } } }, 'body.event.productOrder.id'],
      ['state change without a state', STATE, noState, 'body.event.productOrder.state'],
      ['bad eventTime', STATE, { ...good(), eventTime: 'yesterday' }, 'body.eventTime'],
      ['no eventTime and no orderDate', STATE, noTime, 'body.eventTime'],
      ['bad requestedCompletionDate', CREATE, { ...created('PO-BAD', 'bad-2'), event: { productOrder: { id: 'PO-BAD', requestedCompletionDate: '31/12/2026' } } }, 'body.event.productOrder.requestedCompletionDate'],
      ['relatedParty not an array', STATE, { ...good(), event: { productOrder: { id: 'PO-BAD', state: 'held', relatedParty: { id: 'eng' } } } }, 'body.event.productOrder.relatedParty'],
    ];
    for (const [what, path, body, field] of cases) {
      const res = await send(path, body);
      expect(res.status, what).toBe(400);
      expect(fieldPaths(res.body), what).toContain(field);
    }
    expect(await t.server.repos.events.count()).toBe(before);
  });
});
