import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postJson } from '../../../test-support/http';
import { startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import { ALERTMANAGER_INGEST_CHUNK, ALERTMANAGER_MAX_BODY_BYTES, ALERTMANAGER_PARSE_PIECE, alertmanagerMaxBodyBytes } from './alertmanager.limits';
import type { AlertmanagerResult } from './alertmanager.routes';

const PATH = '/api/integrations/alertmanager';
const auth = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };

/** An alarm storm: one Alertmanager notification carrying a whole group. */
const stormNotification = (alerts: unknown[]) => ({
  version: '4',
  groupKey: '{}:{alertname="SiteDown"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'opsquest',
  groupLabels: { alertname: 'SiteDown' },
  commonLabels: { alertname: 'SiteDown' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example.net:9093',
  alerts,
});

describe('POST /api/integrations/alertmanager: alarm storms', () => {
  let t: TestServer;
  const NOW = Date.parse('2026-11-20T09:00:00Z');
  const startsAt = new Date(NOW - 4 * 60_000).toISOString();
  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW, config: { slaTimerMs: 3_600_000 } });
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (body: unknown) => postJson<AlertmanagerResult>(t.url, PATH, body, auth);
  const item = async (fingerprint: string) => (await t.server.repos.workItems.findByKey(`alarm:alertmanager:${fingerprint}`))?.item;

  const firing = (fingerprint: string, i: number, description?: string) => ({
    status: 'firing',
    labels: { alertname: 'SiteDown', severity: i % 3 === 0 ? 'critical' : 'major', site: `STM-${String(i).padStart(5, '0')}`, region: 'north' },
    annotations: { summary: `Site STM-${i} unreachable`, ...(description !== undefined ? { description } : {}) },
    startsAt,
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.example.net:9090/graph?g0.expr=up%3D%3D0',
    fingerprint,
  });

  it(`takes a group of 10,000 firing alerts: 200, every alarm stored, ingested in chunks of at most ${ALERTMANAGER_INGEST_CHUNK}`, { timeout: 120_000 }, async () => {
    const fingerprints = Array.from({ length: 10_000 }, (_, i) => `storm-${i.toString(16).padStart(6, '0')}`);
    const eventsBefore = await t.server.repos.events.count();
    const spy = vi.spyOn(t.server.services.ingest, 'ingestGrouped');
    try {
      const res = await send(stormNotification(fingerprints.map((fp, i) => firing(fp, i))));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ received: 10_000, stored: 10_000, duplicates: 0, notApplied: 0, truncatedAlerts: 0 });
      expect(res.body.results).toHaveLength(10_000);
      expect(res.body.results.every((r, i) => r.fingerprint === fingerprints[i] && r.status === 'stored' && r.transition === 'raised')).toBe(true);
      const chunkSizes = spy.mock.calls.map(([inputs]) => inputs.length);
      expect(chunkSizes).toHaveLength(Math.ceil(10_000 / ALERTMANAGER_INGEST_CHUNK));
      expect(Math.max(...chunkSizes)).toBeLessThanOrEqual(ALERTMANAGER_INGEST_CHUNK);
      expect(chunkSizes.reduce((a, b) => a + b, 0)).toBe(10_000);
      expect(spy.mock.calls.every(([inputs]) => inputs.every((input) => input.futureTime === 'receiveTime'))).toBe(true);
    } finally {
      spy.mockRestore();
    }
    expect(await t.server.repos.events.count() - eventsBefore).toBe(10_000);
    const notOpen: string[] = [];
    for (const fp of fingerprints) if ((await item(fp))?.open !== true) notOpen.push(fp);
    expect(notOpen).toEqual([]);
    expect(await item(fingerprints[0] ?? '')).toMatchObject({ status: 'raised', severity: 'critical', openedAt: Date.parse(startsAt) });

    // Alertmanager's repeat of the same group: all duplicates, nothing new
    const again = await send(stormNotification(fingerprints.map((fp, i) => firing(fp, i))));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ received: 10_000, stored: 0, duplicates: 10_000 });
    expect(await t.server.repos.events.count() - eventsBefore).toBe(10_000);
  });

  // How long the loop stalls is a speed target, measured by the B7 benchmark (npm run bench -- b7); this
  // test checks what makes it short on any machine: the loop turns again and again while the body is read.
  it('reads a 20 MB group of 10,000 alerts as a stream: the event loop keeps turning while the body is parsed', { timeout: 180_000 }, async () => {
    const description = 'Loss of signal on every backhaul link of the site, optical power below threshold; '.repeat(21);
    const fingerprints = Array.from({ length: 10_000 }, (_, i) => `stream-${i.toString(16).padStart(6, '0')}`);
    const raw = JSON.stringify(stormNotification(fingerprints.map((fp, i) => firing(fp, i, description))));
    expect(raw.length).toBeGreaterThan(20 * 1000 * 1000);
    // turns of the event loop from the post until the first chunk is ingested (the body read and parsed)
    let turns = 0;
    let turnsWhileParsing = -1;
    let running = true;
    const spin = (): void => {
      turns += 1;
      if (running) setImmediate(spin);
    };
    const ingest = t.server.services.ingest;
    const original = ingest.ingestGrouped.bind(ingest);
    const spy = vi.spyOn(ingest, 'ingestGrouped').mockImplementation((inputs) => {
      if (turnsWhileParsing < 0) turnsWhileParsing = turns;
      return original(inputs);
    });
    try {
      setImmediate(spin);
      const res = await postJson<AlertmanagerResult>(t.url, PATH, raw, auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ received: 10_000, stored: 10_000, refused: [] });
      // one JSON.parse would be a single turn; the streamed parse yields after every 16 KB piece
      // (over 1,200 pieces here), and the socket's own reads add more
      expect(turnsWhileParsing).toBeGreaterThan(raw.length / ALERTMANAGER_PARSE_PIECE / 2);
    } finally {
      running = false;
      spy.mockRestore();
    }
    expect(await item(fingerprints[9_999] ?? '')).toMatchObject({ open: true });
  });

  it('takes a ~2 MB group (120 alerts with long descriptions)', { timeout: 60_000 }, async () => {
    const description = 'Loss of signal on every backhaul link of the site; '.repeat(340);
    const body = stormNotification(Array.from({ length: 120 }, (_, i) => firing(`storm-big-${i}`, i, description)));
    const size = Buffer.byteLength(JSON.stringify(body));
    expect(size).toBeGreaterThan(1_900_000);
    expect(size).toBeLessThan(ALERTMANAGER_MAX_BODY_BYTES);
    const res = await send(body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 120, stored: 120, duplicates: 0 });
    expect(await item('storm-big-119')).toMatchObject({ open: true });
  });

  it('answers a body over the limit with 413 and stores nothing', { timeout: 60_000 }, async () => {
    const before = await t.server.repos.events.count();
    const alert = JSON.stringify(firing('storm-too-big', 1, 'x'.repeat(64 * 1024)));
    const count = Math.ceil((ALERTMANAGER_MAX_BODY_BYTES + 1024) / alert.length);
    const raw = `{"version":"4","alerts":[${Array.from({ length: count }, () => alert).join(',')}]}`;
    expect(raw.length).toBeGreaterThan(ALERTMANAGER_MAX_BODY_BYTES);
    const res = await postJson<{ error: string }>(t.url, PATH, raw, auth);
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('payload_too_large');
    expect(await t.server.repos.events.count()).toBe(before);
  });
});

describe('alertmanagerMaxBodyBytes (OPSQUEST_ALERTMANAGER_MAX_BODY_MB)', () => {
  it('is 32 MB unset, the given megabytes when set, and refuses a value that is not a positive number', () => {
    expect(ALERTMANAGER_MAX_BODY_BYTES).toBe(32 * 1024 * 1024);
    expect(alertmanagerMaxBodyBytes(undefined)).toBe(ALERTMANAGER_MAX_BODY_BYTES);
    expect(alertmanagerMaxBodyBytes('')).toBe(ALERTMANAGER_MAX_BODY_BYTES);
    expect(alertmanagerMaxBodyBytes('64')).toBe(64 * 1024 * 1024);
    expect(alertmanagerMaxBodyBytes(' 0.5 ')).toBe(512 * 1024);
    for (const bad of ['0', '-1', 'lots', 'Infinity']) expect(() => alertmanagerMaxBodyBytes(bad), bad).toThrow(/OPSQUEST_ALERTMANAGER_MAX_BODY_MB/);
  });
});
