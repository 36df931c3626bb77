import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, uniqueKey, waitFor } from '../../../test-support/http';
import { postEvents, startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import { eventTypesOf } from './tmf642-hub.routes';

interface Notification {
  eventType: string;
  event: { alarm: { id: string; state: string; ackState: string; perceivedSeverity: string } };
}

describe('TMF642 hub: listeners registered with a callback receive alarm notifications', () => {
  let t: TestServer;
  const received: Notification[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as Notification);
      res.statusCode = 204;
      res.end();
    });
  });
  let callback = '';
  const auth = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };

  beforeAll(async () => {
    t = await startTestServer({ config: { deliveryPeriodMs: 50 } });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    callback = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/listener`;
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  it('reads the event types a hub query asks for', () => {
    expect(eventTypesOf(undefined)).toHaveLength(3);
    expect(eventTypesOf('eventType=AlarmCreateEvent')).toEqual(['AlarmCreateEvent']);
    expect(eventTypesOf('eventType=AlarmCreateEvent,AlarmStateChangeEvent')).toEqual(['AlarmCreateEvent', 'AlarmStateChangeEvent']);
  });

  it('delivers AlarmCreateEvent and AlarmStateChangeEvent, and stops after DELETE /hub/{id}', async () => {
    const hub = await postJson<{ id: string; callback: string }>(t.url, '/tmf-api/alarm/v4/hub', { callback, query: 'eventType=AlarmCreateEvent,AlarmStateChangeEvent' }, auth);
    expect(hub.status).toBe(201);
    expect(hub.headers.get('location')).toBe(`/tmf-api/alarm/v4/hub/${hub.body.id}`);
    const key = uniqueKey('HUB');
    const base = { source: 'nms', stream: 'alarm', externalKey: key } as const;
    await postEvents(t.url, { ...base, transition: 'raised', occurredAt: new Date(Date.now() - 60_000).toISOString(), attributes: { perceivedSeverity: 'major' } });
    await postEvents(t.url, { ...base, transition: 'acknowledged', occurredAt: new Date().toISOString(), actor: 'eng' });
    await waitFor(() => (received.length >= 2 ? true : undefined), 'two notifications', 5000, 50);
    expect(received.map((n) => n.eventType)).toEqual(['AlarmCreateEvent', 'AlarmStateChangeEvent']);
    expect(received[0]?.event.alarm).toMatchObject({ state: 'raised', ackState: 'unacknowledged', perceivedSeverity: 'major' });
    expect(received[1]?.event.alarm.ackState).toBe('acknowledged');

    expect((await fetch(`${t.url}/tmf-api/alarm/v4/hub/${hub.body.id}`, { method: 'DELETE', ...auth })).status).toBe(204);
    expect((await fetch(`${t.url}/tmf-api/alarm/v4/hub/${hub.body.id}`, { method: 'DELETE', ...auth })).status).toBe(404);
    await postEvents(t.url, { ...base, transition: 'cleared', occurredAt: new Date().toISOString(), actor: 'eng' });
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toHaveLength(2);
  });

  it('refuses a bad callback and a missing key', async () => {
    expect((await postJson(t.url, '/tmf-api/alarm/v4/hub', { callback: 'not a url' }, auth)).status).toBe(400);
    expect((await postJson(t.url, '/tmf-api/alarm/v4/hub', { callback })).status).toBe(401);
  });
});
