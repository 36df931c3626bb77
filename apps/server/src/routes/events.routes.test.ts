import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, IngestResult } from '@opsquest/contracts';
import { asApiError, fieldPaths, isoFromNow, uniqueKey } from '../../test-support/http';
import { postEvents, startTestServer, type TestServer } from '../../test-support/test-server';
import { allPages } from '../../test-support/all-pages';

interface EventBody {
  eventId?: string;
  source: string;
  stream: 'alarm' | 'order' | 'truckroll';
  externalKey: string;
  transition: string;
  occurredAt: string;
  actor?: string;
  attributes?: Record<string, unknown>;
}

describe('POST /api/events', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  const ledgerTotal = async (personId: string): Promise<number> => (await t.server.repos.ledger.totalsByPerson()).get(personId) ?? 0;
  const ledgerSize = async (): Promise<number> => (await allPages(t.server.repos.ledger.pages())).length;
  const send = async (body: EventBody | EventBody[], key?: string): Promise<{ status: number; body: IngestResult }> => {
    const res = await postEvents(t.url, body, key);
    return { status: res.status, body: (await res.json()) as IngestResult };
  };
  const alarm = (externalKey: string, transition: string, occurredAt: string, extra: Partial<EventBody> = {}): EventBody => ({
    source: 'nms',
    stream: 'alarm',
    externalKey,
    transition,
    occurredAt,
    ...extra,
  });

  it('requires an API key: none, a malformed header or a wrong key is 401 and stores nothing', async () => {
    const before = await t.server.repos.events.count();
    const event = alarm(uniqueKey('K'), 'raised', isoFromNow(-1000));
    const none = await fetch(`${t.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(none.status).toBe(401);
    expect(asApiError(await none.json()).error).toBe('unauthorized');
    const wrong = await postEvents(t.url, event, 'wrong-key-wrong-key-wrong-key');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as ApiError).message).toMatch(/unknown or revoked/i);
    const basic = await fetch(`${t.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify(event),
    });
    expect(basic.status).toBe(401);
    expect(await t.server.repos.events.count()).toBe(before);
  });

  it('stores a single event and an array of events', async () => {
    const before = await t.server.repos.events.count();
    const key = uniqueKey('ONE');
    const one = await send(alarm(key, 'raised', isoFromNow(-60_000), { attributes: { perceivedSeverity: 'major', title: 'Fan failure' } }));
    expect(one.status).toBe(201);
    expect(one.body).toEqual({ stored: 1, duplicates: 0, results: [{ eventKey: expect.stringContaining(`alarm:nms:${key}|raised|`) as unknown, status: 'stored', applied: true, points: 0 }] });

    const many = await send([
      alarm(key, 'updated', isoFromNow(-50_000), { attributes: { perceivedSeverity: 'critical' } }),
      alarm(uniqueKey('TWO'), 'raised', isoFromNow(-40_000)),
      { source: 'bss', stream: 'order', externalKey: uniqueKey('ORD'), transition: 'acknowledged', occurredAt: isoFromNow(-30_000), attributes: { priority: 1 } },
    ]);
    expect(many.status).toBe(201);
    expect(many.body.stored).toBe(3);
    expect(many.body.duplicates).toBe(0);
    expect(many.body.results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    expect(many.body.results.every((r) => r.applied)).toBe(true);
    expect(await t.server.repos.events.count()).toBe(before + 4);
    expect((await t.server.repos.workItems.findByKey(`alarm:nms:${key}`))?.item.severity).toBe('critical');
  });

  it('stores the same event once: a resend is a duplicate and earns nothing more', async () => {
    const key = uniqueKey('ORD-DUP');
    const order = (transition: string, occurredAt: string, actor?: string): EventBody => ({
      source: 'bss',
      stream: 'order',
      externalKey: key,
      transition,
      occurredAt,
      ...(actor ? { actor } : {}),
    });
    await send(order('acknowledged', isoFromNow(-120_000)));
    const completed = order('completed', isoFromNow(-1000), 'eng2');
    const first = await send(completed);
    expect(first.status).toBe(201);
    expect(first.body.results[0]?.points).toBeGreaterThan(0);
    const eventsAfterFirst = await t.server.repos.events.count();
    const pointsAfterFirst = await ledgerTotal('p-eng2');
    const entriesAfterFirst = await ledgerSize();

    const again = await send(completed);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ stored: 0, duplicates: 1, results: [{ eventKey: first.body.results[0]?.eventKey, status: 'duplicate', applied: false, points: 0 }] });
    expect(await t.server.repos.events.count()).toBe(eventsAfterFirst);
    expect(await ledgerTotal('p-eng2')).toBe(pointsAfterFirst);
    expect(await ledgerSize()).toBe(entriesAfterFirst);

    // twice in one batch: the first is stored, the second is a duplicate
    const raise = alarm(uniqueKey('BATCH-DUP'), 'raised', isoFromNow(-5000));
    const batch = await send([raise, raise]);
    expect(batch.status).toBe(201);
    expect(batch.body.stored).toBe(1);
    expect(batch.body.duplicates).toBe(1);
    expect(batch.body.results.map((r) => r.status)).toEqual(['stored', 'duplicate']);
  });

  it('dedupes on eventId per source, whatever the rest of the event says', async () => {
    const eventId = uniqueKey('evt');
    const k1 = uniqueKey('EID');
    const first = await send(alarm(k1, 'raised', isoFromNow(-9000), { eventId }));
    expect(first.body.results[0]).toMatchObject({ eventKey: `nms#${eventId}`, status: 'stored' });
    const before = await t.server.repos.events.count();
    // same source and eventId, different item and time: a duplicate
    const second = await send(alarm(uniqueKey('EID'), 'raised', isoFromNow(-8000), { eventId }));
    expect(second.body).toMatchObject({ stored: 0, duplicates: 1 });
    expect(second.body.results[0]).toMatchObject({ eventKey: `nms#${eventId}`, status: 'duplicate' });
    expect(await t.server.repos.events.count()).toBe(before);
    // the same eventId from another source is another event
    const other = await send({ ...alarm(uniqueKey('EID'), 'raised', isoFromNow(-7000), { eventId }), source: 'zabbix' });
    expect(other.body).toMatchObject({ stored: 1, duplicates: 0 });
    expect(other.body.results[0]?.eventKey).toBe(`zabbix#${eventId}`);
  });

  it('rejects a transition that does not exist for the stream with a 400 naming body.transition', async () => {
    const before = await t.server.repos.events.count();
    const res = await postEvents(t.url, alarm(uniqueKey('BAD'), 'completed', isoFromNow(-1000)));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiError;
    expect(body.error).toBe('validation_failed');
    expect(fieldPaths(body)).toEqual(['body.transition']);
    expect(body.message).toContain('body.transition');

    const inArray = await postEvents(t.url, [alarm(uniqueKey('OK'), 'raised', isoFromNow(-1000)), { ...alarm(uniqueKey('BAD'), 'onSite', isoFromNow(-1000)) }]);
    expect(inArray.status).toBe(400);
    expect(fieldPaths(await inArray.json())).toEqual(['body.1.transition']);
    expect(await t.server.repos.events.count()).toBe(before);
  });

  it('keeps an event that is impossible in the lifecycle, with applied false and a reason', async () => {
    const key = uniqueKey('GHOST');
    const before = await t.server.repos.events.count();
    const res = await send(alarm(key, 'unacknowledged', isoFromNow(-1000), { actor: 'eng' }));
    expect(res.status).toBe(201);
    expect(res.body.stored).toBe(1);
    expect(res.body.results[0]).toMatchObject({ status: 'stored', applied: false, points: 0, reason: 'unknown alarm' });
    expect(await t.server.repos.events.count()).toBe(before + 1);
    const stored = await t.server.repos.events.listForItem(`alarm:nms:${key}`);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ applied: false, reason: 'unknown alarm', via: 'api' });
    expect(await t.server.repos.workItems.findByKey(`alarm:nms:${key}`)).toBeUndefined();

    // clearing an alarm that is already cleared: stored, not applied
    const k2 = uniqueKey('TWICE');
    await send([alarm(k2, 'raised', isoFromNow(-5000)), alarm(k2, 'cleared', isoFromNow(-4000))]);
    const again = await send(alarm(k2, 'cleared', isoFromNow(-3000)));
    expect(again.body.results[0]).toMatchObject({ status: 'stored', applied: false, reason: 'alarm is already cleared' });
  });

  it('an automatic clear (no actor) earns no one points', async () => {
    const key = uniqueKey('AUTO');
    const entries = await ledgerSize();
    const res = await send([
      alarm(key, 'raised', isoFromNow(-120_000), { attributes: { perceivedSeverity: 'critical', customersAffected: 5000 } }),
      alarm(key, 'cleared', isoFromNow(-60_000)),
    ]);
    expect(res.body.stored).toBe(2);
    expect(res.body.results.map((r) => [r.applied, r.points])).toEqual([
      [true, 0],
      [true, 0],
    ]);
    expect(await ledgerSize()).toBe(entries);
    const item = (await t.server.repos.workItems.findByKey(`alarm:nms:${key}`))?.item;
    expect(item).toMatchObject({ status: 'cleared', open: false });
    expect(item?.resolvedBy).toBeUndefined();
  });

  it('an order completed by a person earns that person points', async () => {
    const key = uniqueKey('ORD');
    const before = await ledgerTotal('p-eng');
    const res = await send([
      { source: 'bss', stream: 'order', externalKey: key, transition: 'acknowledged', occurredAt: isoFromNow(-600_000), attributes: { priority: 0, vip: true } },
      { source: 'bss', stream: 'order', externalKey: key, transition: 'completed', occurredAt: isoFromNow(-1000), actor: 'eng' },
    ]);
    expect(res.status).toBe(201);
    const points = res.body.results[1]?.points ?? 0;
    // 15 base x priority 0 (2.5) x a fast resolution (> 1) x VIP (1.5)
    expect(points).toBeGreaterThan(15 * 2.5 * 1.5);
    const entries = await t.server.repos.ledger.forEventKey(res.body.results[1]?.eventKey ?? '');
    expect(entries.map((e) => [e.personId, e.ruleId])).toEqual([['p-eng', 'order.complete']]);
    expect(entries[0]?.teamId).toBe('t-noc');
    expect(await ledgerTotal('p-eng') - before).toBe(points);
  });

  it('a truck-roll completed by an event without an actor credits the technician it names', async () => {
    const key = uniqueKey('TR');
    const before = await ledgerTotal('p-tech');
    const res = await send([
      { source: 'ffm', stream: 'truckroll', externalKey: key, transition: 'open', occurredAt: isoFromNow(-3_600_000), attributes: { technician: 'tech', priority: 2 } },
      { source: 'ffm', stream: 'truckroll', externalKey: key, transition: 'dispatched', occurredAt: isoFromNow(-3_000_000) },
      { source: 'ffm', stream: 'truckroll', externalKey: key, transition: 'completed', occurredAt: isoFromNow(-1000), attributes: { firstTimeFix: true } },
    ]);
    expect(res.body.stored).toBe(3);
    const completion = res.body.results[2];
    expect(completion?.applied).toBe(true);
    expect(completion?.points).toBeGreaterThan(0);
    const entries = await t.server.repos.ledger.forEventKey(completion?.eventKey ?? '');
    expect(entries.every((e) => e.personId === 'p-tech' && e.teamId === 't-field')).toBe(true);
    // badges the completion may also earn depend on the hour (Moonlight Fix at night): the rules' own entries are these
    expect(entries.map((e) => e.ruleId).filter((r) => !r.startsWith('badge:')).sort()).toEqual(['truckroll.complete', 'truckroll.first-time-fix']);
    expect(await ledgerTotal('p-tech') - before).toBe(completion?.points);
  });
});

describe('POST /api/events checks the key before reading the body', () => {
  let t2: TestServer;
  beforeAll(async () => {
    t2 = await startTestServer({ people: false });
  });
  afterAll(async () => {
    await t2.close();
  });

  it('answers 401, not 413, to an oversized body without a key', async () => {
    const res = await fetch(`${t2.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `"${'x'.repeat(2_000_000)}"` });
    expect(res.status).toBe(401);
  });
});
