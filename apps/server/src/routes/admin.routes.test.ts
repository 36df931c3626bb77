import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyView, CreatedApiKey, CreatedWebhook, DeliveryView } from '@opsquest/contracts';
import { verifySignature } from '../outbound/signature';
import { getJson, postJson, uniqueKey, waitFor, requestHeaders } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on loopback that answers with the queued statuses (then 200). */
async function startReceiver(statuses: number[]): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => server.close(() => r())) };
}

describe('admin: integration keys and award webhooks', () => {
  let t: TestServer;
  let admin: string;
  let eng: string;
  beforeAll(async () => {
    t = await startTestServer({ config: { deliveryPeriodMs: 100 } });
    admin = await login(t.url, 'admin');
    eng = await login(t.url, 'eng');
  });
  afterAll(async () => {
    await t.close();
  });

  it('only admins manage keys', async () => {
    expect((await getJson(t.url, '/api/admin/api-keys')).status).toBe(401);
    expect((await getJson(t.url, '/api/admin/api-keys', { cookie: eng })).status).toBe(403);
    expect((await postJson(t.url, '/api/admin/api-keys', { name: 'x', scopes: ['events:write'] }, { cookie: eng })).status).toBe(403);
  });

  it('a key is shown once, stored hashed, scoped, its last use visible, and revocable', async () => {
    const created = await postJson<CreatedApiKey>(t.url, '/api/admin/api-keys', { name: 'NMS east', scopes: ['events:write'] }, { cookie: admin });
    expect(created.status).toBe(201);
    const key = created.body.key;
    expect(key.startsWith(`oq_${created.body.prefix}_`)).toBe(true);
    const stored = t.server.db.prepare<[string], { key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = ?').get(created.body.id);
    expect(stored?.key_hash).not.toContain(key);
    expect(stored?.key_hash).toHaveLength(64);

    const event = { source: 'nms', stream: 'alarm', externalKey: uniqueKey('K'), transition: 'raised', occurredAt: new Date().toISOString() };
    expect((await postEvents(t.url, event, key)).status).toBe(201);
    const list = await getJson<{ keys: ApiKeyView[] }>(t.url, '/api/admin/api-keys', { cookie: admin });
    const listed = list.body.keys.find((k) => k.id === created.body.id);
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(key);

    const narrow = await postJson<CreatedApiKey>(t.url, '/api/admin/api-keys', { name: 'AM only', scopes: ['alertmanager:write'] }, { cookie: admin });
    expect((await postEvents(t.url, { ...event, externalKey: uniqueKey('K') }, narrow.body.key)).status).toBe(403);

    expect((await postJson(t.url, `/api/admin/api-keys/${created.body.id}/revoke`, {}, { cookie: admin })).status).toBe(200);
    expect((await postEvents(t.url, { ...event, externalKey: uniqueKey('K') }, key)).status).toBe(401);
    expect((await postJson(t.url, '/api/admin/api-keys/nope/revoke', {}, { cookie: admin })).status).toBe(404);
    expect((await postJson(t.url, '/api/admin/api-keys', { name: 'bad', scopes: ['root'] }, { cookie: admin })).status).toBe(400);
  });

  it('signs award webhooks with HMAC-SHA256, retries failures with backoff and keeps a delivery log', async () => {
    const receiver = await startReceiver([500]);
    try {
      const hook = await postJson<CreatedWebhook>(t.url, '/api/admin/webhooks', { name: 'HR recognition', url: receiver.url, events: ['points.awarded'] }, { cookie: admin });
      expect(hook.status).toBe(201);
      expect(hook.body.secret.length).toBeGreaterThan(16);
      const key = uniqueKey('W');
      const base = { source: 'nms', stream: 'alarm', externalKey: key } as const;
      await postEvents(t.url, [
        { ...base, transition: 'raised', occurredAt: new Date(Date.now() - 60_000).toISOString(), attributes: { perceivedSeverity: 'major' } },
        { ...base, transition: 'cleared', occurredAt: new Date().toISOString(), actor: 'eng' },
      ]);
      const delivered = await waitFor(
        async () => {
          const log = await getJson<{ deliveries: DeliveryView[] }>(t.url, `/api/admin/webhooks/${hook.body.id}/deliveries`, { cookie: admin });
          const d = log.body.deliveries[0];
          return d?.status === 'delivered' ? d : undefined;
        },
        'webhook delivered after a retry',
        8000,
        100,
      );
      expect(delivered.attempts).toBe(2);
      expect(delivered.lastStatus).toBe(200);
      expect(receiver.received).toHaveLength(2);
      const last = receiver.received[1];
      if (!last) throw new Error('no delivery received');
      expect(last.headers['x-opsquest-event']).toBe('points.awarded');
      const signature = String(last.headers['x-opsquest-signature']);
      expect(verifySignature(hook.body.secret, String(last.headers['x-opsquest-timestamp']), last.body, signature)).toBe(true);
      expect(verifySignature('wrong-secret-wrong-secret', String(last.headers['x-opsquest-timestamp']), last.body, signature)).toBe(false);
      const payload = JSON.parse(last.body) as { type: string; data: { username: string; points: number } };
      expect(payload).toMatchObject({ type: 'points.awarded', data: { username: 'eng' } });
      expect(payload.data.points).toBeGreaterThan(0);

      expect((await fetch(`${t.url}/api/admin/webhooks/${hook.body.id}`, { method: 'DELETE', headers: requestHeaders({ cookie: admin }) })).status).toBe(204);
      expect((await postJson(t.url, '/api/admin/webhooks', { name: 'x', url: 'ftp://example', events: ['points.awarded'] }, { cookie: admin })).status).toBe(400);
    } finally {
      await receiver.close();
    }
  });
});
