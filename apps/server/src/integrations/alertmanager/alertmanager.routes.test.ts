import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeStats } from '@opsquest/core';
import { fieldPaths, postJson } from '../../../test-support/http';
import { startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import { labelsFingerprint } from './alertmanager-fingerprint';
import type { AlertmanagerResult } from './alertmanager.routes';
import { allPages } from '../../../test-support/all-pages';

const PATH = '/api/integrations/alertmanager';
const auth = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };

interface FixtureAlert {
  status: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  fingerprint?: string;
  [key: string]: unknown;
}
interface Fixture {
  version: string;
  receiver: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  externalURL: string;
  truncatedAlerts: number;
  alerts: FixtureAlert[];
  [key: string]: unknown;
}

const fixture = (name: 'firing-two-alerts' | 'mixed-resolved'): Fixture =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Fixture;

/** A notification of the fixtures' group with the given alerts. */
const notification = (alerts: FixtureAlert[], extra: Partial<Fixture> = {}): Fixture => ({ ...fixture('firing-two-alerts'), alerts, ...extra });

const firingAlert = (fingerprint: string | undefined, startsAt: string, labels: Record<string, string> = { alertname: 'PowerFail', severity: 'major', site: 'STH-9' }): FixtureAlert => ({
  status: 'firing',
  labels,
  annotations: { summary: 'Mains power lost' },
  startsAt,
  endsAt: '0001-01-01T00:00:00Z',
  ...(fingerprint !== undefined ? { fingerprint } : {}),
});

describe('POST /api/integrations/alertmanager', () => {
  let t: TestServer;
  // The source's clock is what counts. A server clock at the fixtures' time and an SLA timer that
  // does not come round again during the run keep at-risk / breach events out of the counts.
  const NOW = Date.parse('2026-11-20T09:00:00Z');
  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW, config: { slaTimerMs: 3_600_000 } });
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (body: unknown) => postJson<AlertmanagerResult>(t.url, PATH, body, auth);
  const item = async (fingerprint: string) => (await t.server.repos.workItems.findByKey(`alarm:alertmanager:${fingerprint}`))?.item;
  const ledgerSize = async (): Promise<number> => (await allPages(t.server.repos.ledger.pages())).length;
  const rawOf = (eventKey: string): string | undefined =>
    t.server.db.prepare<[string], { raw: string | null }>('SELECT raw FROM events WHERE event_key = ?').get(eventKey)?.raw ?? undefined;

  it('needs an API key: 401 without one, nothing stored', async () => {
    const before = await t.server.repos.events.count();
    const res = await postJson(t.url, PATH, fixture('firing-two-alerts'));
    expect(res.status).toBe(401);
    expect(await t.server.repos.events.count()).toBe(before);
  });

  it('firing-two-alerts creates two critical alarms keyed by fingerprint, raw alert kept', async () => {
    const payload = fixture('firing-two-alerts');
    const res = await send(payload);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 2, stored: 2, duplicates: 0, notApplied: 0, truncatedAlerts: 0 });
    expect(res.body.results.map((r) => [r.fingerprint, r.transition, r.status, r.applied, r.points])).toEqual([
      ['5c6e1a3f9b2d7e41', 'raised', 'stored', true, 0],
      ['a91f04c2d8e3b657', 'raised', 'stored', true, 0],
    ]);
    const first = await item('5c6e1a3f9b2d7e41');
    expect(first).toMatchObject({
      status: 'raised',
      open: true,
      severity: 'critical',
      customersAffected: 1840,
      title: 'Backhaul link down',
      probableCause: 'LinkDown',
      alarmedObject: 'NTH-0042/xe-0/0/1',
      region: 'north',
      site: 'NTH-0042',
      openedAt: Date.parse('2026-11-20T08:15:02.118Z'),
    });
    expect(await item('a91f04c2d8e3b657')).toMatchObject({ severity: 'critical', customersAffected: 0, site: 'NTH-0043' });
    // the notification cut down to this alert: the alert exactly as sent, in its group
    const raw = rawOf(res.body.results[0]?.eventKey ?? '') ?? '';
    expect(raw.endsWith(`"alerts":[${JSON.stringify(payload.alerts[0])}]}`)).toBe(true);
    expect(JSON.parse(raw)).toEqual({
      version: '4',
      receiver: payload.receiver,
      groupKey: payload.groupKey,
      groupLabels: payload.groupLabels,
      externalURL: payload.externalURL,
      alerts: [payload.alerts[0]],
    });
  });

  it('mixed-resolved clears one alarm by automation: no points, resolvedAt = endsAt, MTTR from startsAt to endsAt', async () => {
    const ledgerBefore = await ledgerSize();
    const res = await send(fixture('mixed-resolved'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 2, stored: 1, duplicates: 1, notApplied: 0 });
    expect(res.body.results.map((r) => [r.transition, r.status, r.points])).toEqual([
      ['cleared', 'stored', 0],
      ['raised', 'duplicate', 0],
    ]);
    const cleared = await item('5c6e1a3f9b2d7e41');
    expect(cleared).toMatchObject({ status: 'cleared', open: false, resolvedAt: Date.parse('2026-11-20T08:41:47.000Z') });
    expect(cleared?.resolvedBy).toBeUndefined();
    expect(await item('a91f04c2d8e3b657')).toMatchObject({ status: 'raised', open: true });
    expect(await ledgerSize()).toBe(ledgerBefore);
    // 08:15:02.118 -> 08:41:47.000 is 26.7 minutes
    expect(outcomeStats(cleared ? [cleared] : []).mttrMinutes).toBe(26.7);
  });

  it('repeat notifications (repeat_interval) store nothing new and award nothing', async () => {
    const events = await t.server.repos.events.count();
    const ledger = await ledgerSize();
    for (let i = 0; i < 3; i += 1) {
      const res = await send(fixture('mixed-resolved'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ received: 2, stored: 0, duplicates: 2, notApplied: 0 });
    }
    // the old firing notification again: the same raise, not a reopen of the cleared alarm
    const old = await send(fixture('firing-two-alerts'));
    expect(old.body).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await item('5c6e1a3f9b2d7e41')).toMatchObject({ status: 'cleared', open: false, reraiseCount: 0 });
    expect(await t.server.repos.events.count()).toBe(events);
    expect(await ledgerSize()).toBe(ledger);
  });

  it('a resolved notification before its firing one: the alarm ends cleared, the late firing counts as a repeat of it', async () => {
    const fp = 'early-resolve-01';
    const firing = firingAlert(fp, '2026-11-20T08:05:00Z');
    const resolved: FixtureAlert = { ...firing, status: 'resolved', endsAt: '2026-11-20T08:12:00Z' };
    const first = await send(notification([resolved]));
    expect(first.body).toMatchObject({ stored: 1, notApplied: 0 });
    expect(await item(fp)).toMatchObject({ status: 'cleared', open: false, severity: 'major', resolvedAt: Date.parse('2026-11-20T08:12:00Z') });
    const late = await send(notification([firing]));
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ stored: 1, notApplied: 0 });
    expect(await item(fp)).toMatchObject({ status: 'cleared', open: false, reraiseCount: 0, resolvedAt: Date.parse('2026-11-20T08:12:00Z') });
  });

  it('keys an alert without fingerprint on a stable hash of its labels', async () => {
    const labels = { alertname: 'FanFail', severity: 'minor', site: 'WST-3' };
    const reordered = { site: 'WST-3', severity: 'minor', alertname: 'FanFail' };
    const first = await send(notification([firingAlert(undefined, '2026-11-20T08:01:00Z', labels)]));
    const again = await send(notification([firingAlert(undefined, '2026-11-20T08:01:00Z', reordered)]));
    const key = labelsFingerprint(labels);
    expect(first.body.results[0]).toMatchObject({ fingerprint: key, fingerprintFromLabels: true, status: 'stored' });
    expect(again.body.results[0]).toMatchObject({ fingerprint: key, status: 'duplicate' });
    expect(await item(key)).toMatchObject({ severity: 'minor', open: true });
  });

  it('maps severity case-insensitively; missing severity is warning', async () => {
    const cases: [string | undefined, string][] = [
      ['CRITICAL', 'critical'],
      ['Major', 'major'],
      ['mInOr', 'minor'],
      [undefined, 'warning'],
    ];
    const alerts = cases.map(([severity], i) =>
      firingAlert(`sev-case-${i}`, '2026-11-20T08:02:00Z', { alertname: 'Sev', ...(severity !== undefined ? { severity } : {}) }),
    );
    const res = await send(notification(alerts));
    expect(res.body.stored).toBe(4);
    for (const [i, [, expected]] of cases.entries()) expect((await item(`sev-case-${i}`))?.severity).toBe(expected);
  });

  it('accepts a truncated notification and says so', async () => {
    const res = await send(notification([firingAlert('trunc-1', '2026-11-20T08:03:00Z')], { truncatedAlerts: 7 }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 1, stored: 1, truncatedAlerts: 7 });
    expect(res.body.warning).toMatch(/7 alert/);
  });

  it('answers 400 naming the field for a body that is not an Alertmanager notification, and stores nothing', async () => {
    const before = await t.server.repos.events.count();
    const good = (): Fixture => fixture('firing-two-alerts');
    const { alerts: _alerts, ...noAlerts } = good();
    const cases: [string, unknown, string][] = [
      ['missing alerts', noAlerts, 'body.alerts'],
      ['alerts not a list', { ...good(), alerts: { 0: good().alerts[0] } }, 'body.alerts'],
      ['version as a number', { ...good(), version: 4 }, 'body.version'],
      ['version 3', { ...good(), version: '3' }, 'body.version'],
      ['no version', { ...good(), version: undefined }, 'body.version'],
      ['negative truncatedAlerts', { ...good(), truncatedAlerts: -1 }, 'body.truncatedAlerts'],
      ['not an object', [good()], 'body'],
      ['a string', 'just text', 'body'],
    ];
    for (const [what, body, field] of cases) {
      const res = await send(typeof body === 'string' ? JSON.stringify(body) : body);
      expect(res.status, what).toBe(400);
      expect(fieldPaths(res.body), what).toContain(field);
    }
    expect(await t.server.repos.events.count()).toBe(before);
  });

  it('stores the valid alerts of a notification and refuses each bad one with its field (a 400 would lose the good ones at every resend)', async () => {
    const good = (): Fixture => fixture('firing-two-alerts');
    const fine = (i: number): FixtureAlert => firingAlert(`bad-among-good-${i}`, '2026-11-20T08:20:00Z');
    const cases: [string, (a: FixtureAlert) => void, string][] = [
      ['bad startsAt', (a) => (a.startsAt = '20/11/2026 08:15'), 'startsAt'],
      ['zero startsAt', (a) => (a.startsAt = '0001-01-01T00:00:00Z'), 'startsAt'],
      ['resolved with the zero endsAt', (a) => (a.status = 'resolved'), 'endsAt'],
      ['bad endsAt', (a) => (a.endsAt = 'yesterday'), 'endsAt'],
      ['bad status', (a) => (a.status = 'FIRING!'), 'status'],
      ['non-string label', (a) => (a.labels = { severity: 5 } as unknown as Record<string, string>), 'labels.severity'],
    ];
    const alerts: unknown[] = [];
    const expected: { index: number; field: string }[] = [];
    cases.forEach(([, spoil, field], i) => {
      alerts.push(fine(i));
      const bad = { ...(good().alerts[0] as FixtureAlert), fingerprint: `bad-${i}` };
      spoil(bad);
      expected.push({ index: alerts.length, field: `body.alerts.${alerts.length}.${field}` });
      alerts.push(bad);
    });
    alerts.push('not an alert');
    expected.push({ index: alerts.length - 1, field: `body.alerts.${alerts.length - 1}` });
    const res = await send({ ...good(), alerts });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: alerts.length, stored: cases.length, duplicates: 0 });
    expect(res.body.refused.map((r) => ({ index: r.index, field: r.field }))).toEqual(expected);
    expect(res.body.refused.every((r) => r.message.length > 0)).toBe(true);
    expect(res.body.results.map((r) => r.fingerprint)).toEqual(cases.map((_, i) => `bad-among-good-${i}`));
    for (const i of cases.keys()) expect(await item(`bad-among-good-${i}`)).toMatchObject({ open: true });
    for (const i of cases.keys()) expect(await item(`bad-${i}`)).toBeUndefined();
    // and the admins see it: a refused notice of this key and group, answered 200
    const notice = (await t.server.services.integrationNotices.list()).find((n) => n.kind === 'refused' && n.source === 'alertmanager' && n.status === 200);
    expect(notice).toMatchObject({ keyId: 'env', groupKey: good().groupKey, groupLabels: good().groupLabels, missing: alerts.length - cases.length });
    expect(notice?.reason).toContain(expected[0]?.field ?? '?');
  });
});
