import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey, CreatedWebhook, DeliveryView, IngestResult } from '@opsquest/contracts';
import { asApiError, connected, getJson, isoFromNow, liveSocket, postJson, uniqueKey, waitFor } from '../../test-support/http';
import { parsePrometheusText, sampleValue, type PromScrape } from '../../test-support/prometheus-text';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

/** GET /metrics on a real server (SQLite file), scraped over HTTP like Prometheus does, with a metrics:read key. */
describe('GET /metrics (Prometheus)', () => {
  let t: TestServer;
  let admin: string;
  let metricsKey: string;
  let eventsKey: string;

  beforeAll(async () => {
    t = await startTestServer();
    admin = await login(t.url, 'admin');
    const createKey = async (name: string, scopes: string[]): Promise<string> => {
      const created = await postJson<CreatedApiKey>(t.url, '/api/admin/api-keys', { name, scopes }, { cookie: admin });
      expect(created.status).toBe(201);
      return created.body.key;
    };
    metricsKey = await createKey('Prometheus', ['metrics:read']);
    eventsKey = await createKey('NMS events', ['events:write']);
  });
  afterAll(async () => {
    await t.close();
  });

  const scrape = async (): Promise<PromScrape> => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${metricsKey}` } });
    expect(res.status).toBe(200);
    return parsePrometheusText(await res.text());
  };
  const value = (s: PromScrape, name: string, labels: Record<string, string> = {}): number => sampleValue(s, name, labels) ?? 0;
  const send = async (body: unknown): Promise<{ status: number; body: IngestResult }> => {
    const res = await postEvents(t.url, body, eventsKey);
    return { status: res.status, body: (await res.json()) as IngestResult };
  };
  const raised = (externalKey: string) => ({ source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt: isoFromNow(-60_000), attributes: { perceivedSeverity: 'major' } });

  it('refuses a request without a key (401), with an unknown key (401), a session cookie (401) and a key without metrics:read (403)', async () => {
    const none = await fetch(`${t.url}/metrics`);
    expect(none.status).toBe(401);
    expect(asApiError(await none.json()).error).toBe('unauthorized');
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer not-a-key-not-a-key-not-a-key' } })).status).toBe(401);
    expect((await fetch(`${t.url}/metrics`, { headers: { cookie: admin } })).status).toBe(401);
    const withoutScope = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${eventsKey}` } });
    expect(withoutScope.status).toBe(403);
    expect(asApiError(await withoutScope.json()).message).toContain('metrics:read');
  });

  it("serves Prometheus's text format with the HELP and TYPE of every OpsQuest metric and the Node process metrics", async () => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `bearer ${metricsKey}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const s = parsePrometheusText(await res.text());
    expect(Object.fromEntries([...s.type].filter(([name]) => name.startsWith('opsquest_')))).toEqual({
      opsquest_ingest_events_total: 'counter',
      opsquest_ingest_batch_duration_seconds: 'histogram',
      opsquest_ingest_batch_events: 'histogram',
      opsquest_ingest_request_duration_seconds: 'histogram',
      opsquest_ingest_queue_events: 'gauge',
      opsquest_outbox_deliveries_pending: 'gauge',
      opsquest_socketio_connected_sockets: 'gauge',
      opsquest_sqlite_wal_bytes: 'gauge',
    });
    expect(s.help.get('opsquest_sqlite_wal_bytes')).toContain('0 on PostgreSQL');
    expect(s.samples.filter((x) => x.name.startsWith('opsquest_') && !Number.isFinite(x.value))).toEqual([]);
    // collectDefaultMetrics on this app's own registry
    expect(s.type.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(value(s, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(s.type.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    // the same metrics a second time: the default metrics are registered once
    expect((await scrape()).samples.filter((x) => x.name === 'process_cpu_user_seconds_total')).toHaveLength(1);
  });

  it('counts ingested events per via and outcome, one batch per request and its size, as the API answered them', async () => {
    const before = await scrape();
    const three = [raised(uniqueKey('M')), raised(uniqueKey('M')), raised(uniqueKey('M'))];
    const first = await send(three);
    expect(first.status).toBe(201);
    const second = await send([...three, raised(uniqueKey('M'))]);
    expect(second.status).toBe(201);
    expect(second.body.duplicates).toBe(3);
    const future = await send({ ...raised(uniqueKey('M')), occurredAt: isoFromNow(3_600_000) });
    expect(future.status).toBe(400);
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string> = {}): number => value(after, name, labels) - value(before, name, labels);
    const results = [...first.body.results, ...second.body.results];
    const applied = results.filter((r) => r.status === 'stored' && r.applied).length;
    expect(applied).toBe(4);
    expect(delta('opsquest_ingest_events_total', { via: 'api', outcome: 'applied' })).toBe(applied);
    expect(delta('opsquest_ingest_events_total', { via: 'api', outcome: 'duplicate' })).toBe(3);
    expect(delta('opsquest_ingest_events_total', { via: 'api', outcome: 'not_applied' })).toBe(0);
    expect(delta('opsquest_ingest_events_total', { via: 'api', outcome: 'refused' })).toBe(1);
    expect(delta('opsquest_ingest_events_total', { via: 'api', outcome: 'failed' })).toBe(0);
    // two committed batches (the refused request never reached one): 3 events, then 4
    expect(delta('opsquest_ingest_batch_events_count')).toBe(2);
    expect(delta('opsquest_ingest_batch_events_sum')).toBe(7);
    expect(delta('opsquest_ingest_batch_events_bucket', { le: '2' })).toBe(0);
    expect(delta('opsquest_ingest_batch_events_bucket', { le: '5' })).toBe(2);
    expect(delta('opsquest_ingest_batch_duration_seconds_count')).toBe(2);
    expect(delta('opsquest_ingest_batch_duration_seconds_sum')).toBeGreaterThan(0);
    expect(delta('opsquest_ingest_request_duration_seconds_count', { via: 'api' })).toBe(2);
    expect(value(after, 'opsquest_ingest_queue_events')).toBe(0);
  });

  it('follows the socket.io clients connected to this node as they connect and disconnect', async () => {
    const sockets = async (): Promise<number> => value(await scrape(), 'opsquest_socketio_connected_sockets');
    const start = await sockets();
    const [eng, tech] = [await login(t.url, 'eng'), await login(t.url, 'tech')];
    const one = liveSocket(t.url, eng);
    const two = liveSocket(t.url, tech);
    try {
      await Promise.all([connected(one), connected(two)]);
      expect(await sockets()).toBe(start + 2);
      one.disconnect();
      await waitFor(async () => ((await sockets()) === start + 1 ? true : undefined), 'the gauge to drop by one');
    } finally {
      one.disconnect();
      two.disconnect();
    }
    await waitFor(async () => ((await sockets()) === start ? true : undefined), 'the gauge back where it started');
  });

  it("reports the outbox backlog as the store has it, and the SQLite WAL file's size", async () => {
    // a webhook nobody answers (port 9, discard): its deliveries stay pending, retried with backoff
    const hook = await postJson<CreatedWebhook>(t.url, '/api/admin/webhooks', { name: 'Nobody home', url: 'http://127.0.0.1:9/hook', events: ['points.awarded'] }, { cookie: admin });
    expect(hook.status).toBe(201);
    const key = uniqueKey('W');
    const cleared = await send([raised(key), { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(-1000), actor: 'eng' }]);
    expect(cleared.status).toBe(201);
    const log = await getJson<{ deliveries: DeliveryView[] }>(t.url, `/api/admin/webhooks/${hook.body.id}/deliveries`, { cookie: admin });
    const pending = log.body.deliveries.filter((d) => d.status === 'pending').length;
    expect(pending).toBeGreaterThan(0);
    const s = await scrape();
    expect(value(s, 'opsquest_outbox_deliveries_pending')).toBe(pending);
    const wal = sampleValue(s, 'opsquest_sqlite_wal_bytes');
    expect(typeof wal).toBe('number');
    expect(wal).toBeGreaterThanOrEqual(0);
  });
});
