import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../../test-support/http';
import { validArb } from '../../../test-support/fuzz/fuzz-arbitraries';
import { buildNotification, goTime, notificationSpecArb } from '../../../test-support/fuzz/alertmanager-sender-arbitraries';
import { startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import { alertmanagerPayloadSchema } from './alertmanager.schema';
import type { AlertmanagerResult } from './alertmanager.routes';

/**
 * Issue #19, property style: random notifications in each real sender's shape (Alertmanager, Mimir,
 * Grafana's contact point; Go's times and escapes) are all taken, over HTTP, and every alert
 * becomes the alarm it describes. FUZZ_SEED picks other cases; a failure names its seed.
 */

const PATH = '/api/integrations/alertmanager';
const auth = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };
const SEED = Number(process.env.FUZZ_SEED ?? 19);
const NOW = Date.parse('2026-11-20T09:00:00Z');

describe('goTime', () => {
  it('writes times as Go\'s RFC3339Nano does', () => {
    const ms = Date.parse('2026-11-20T08:15:02.118Z');
    expect(goTime(ms, 123_456, 120)).toBe('2026-11-20T10:15:02.118123456+02:00');
    expect(goTime(ms, 0, -300)).toBe('2026-11-20T03:15:02.118-05:00');
    expect(goTime(Date.parse('2026-11-20T08:15:02.100Z'), 0, 0)).toBe('2026-11-20T08:15:02.1Z');
    expect(goTime(Date.parse('2026-11-20T08:15:02Z'), 0, 330)).toBe('2026-11-20T13:45:02+05:30');
  });
});

describe('POST /api/integrations/alertmanager: random notifications of every sender', () => {
  let t: TestServer;
  let run = 0;
  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW, config: { slaTimerMs: 3_600_000 } });
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (body: unknown) => postJson<AlertmanagerResult>(t.url, PATH, body, auth);
  const rawOf = (eventKey: string): string =>
    t.server.db.prepare<[string], { raw: string | null }>('SELECT raw FROM events WHERE event_key = ?').get(eventKey)?.raw ?? '';

  it('stores every alert as the alarm it describes: time, severity, title, clear, raw as sent', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(notificationSpecArb(NOW), async (spec) => {
        run += 1;
        const { text, payload, expected } = buildNotification(spec, run);
        const res = await send(text);
        expect(res.status, text).toBe(200);
        expect(res.body.refused, text).toEqual([]);
        expect(res.body.results.map((r) => [r.fingerprint, r.transition, r.status])).toEqual(expected.map((e) => [e.fingerprint, e.transition, 'stored']));
        for (const [i, e] of expected.entries()) {
          const item = (await t.server.repos.workItems.findByKey(`alarm:alertmanager:${e.fingerprint}`))?.item;
          expect(item, text).toMatchObject({ severity: e.severity, title: e.title, openedAt: e.startMs, open: e.endMs === undefined });
          if (e.endMs !== undefined) expect(item?.resolvedAt, text).toBe(e.endMs);
          const raw = JSON.parse(rawOf(res.body.results[i]?.eventKey ?? '')) as { version: string; alerts: unknown[] };
          expect(raw.version).toBe(payload.version);
          expect(raw.alerts).toEqual([payload.alerts[i]]);
        }
      }),
      { seed: SEED, numRuns: 30, endOnFailure: true },
    );
  });

  it('any payload of the documented shape (both versions) is answered 200, each alert stored or refused with its field', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(validArb(alertmanagerPayloadSchema), async (body) => {
        const res = await send(body);
        const alerts = (body as { alerts: unknown[] }).alerts;
        expect(res.status, JSON.stringify(body).slice(0, 2000)).toBe(200);
        expect(res.body.received).toBe(alerts.length);
        expect(res.body.results.filter((r) => r.origin === 'notification').length + res.body.refused.length).toBe(alerts.length);
        for (const refusal of res.body.refused) expect(refusal.field).toMatch(/^body\.alerts\.\d+/);
      }),
      { seed: SEED + 1, numRuns: 30, endOnFailure: true },
    );
  });
});
