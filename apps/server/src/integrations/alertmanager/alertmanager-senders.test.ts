import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey, IntegrationNoticeView } from '@opsquest/contracts';
import { outcomeStats } from '@opsquest/core';
import { asApiError, getJson, postJson, sendJson } from '../../../test-support/http';
import { login, startTestServer, type TestServer } from '../../../test-support/test-server';
import { labelsFingerprint } from './alertmanager-fingerprint';
import type { AlertmanagerResult } from './alertmanager.routes';

/**
 * Issue #19: every Alertmanager-shaped sender, each fixture written from the code that builds its
 * payload (see alertmanager-senders.ts for the files read), posted as sent — bytes and all, Go's
 * `\u0026` escapes included — over HTTP to a real OpsQuest with an integration key of its own.
 */

const PATH = '/api/integrations/alertmanager';
type FixtureName =
  | 'alertmanager-nanos-offset'
  | 'mimir-webhook'
  | 'vmalert-via-alertmanager'
  | 'grafana-webhook-firing'
  | 'grafana-webhook-resolved'
  | 'grafana-webhook-test'
  | 'grafana-legacy-alerting';

interface SentAlert {
  labels: Record<string, string>;
  fingerprint: string;
  [key: string]: unknown;
}
interface SentNotification {
  alerts: SentAlert[];
  [key: string]: unknown;
}

const text = (name: FixtureName): string => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');
const parsed = (name: FixtureName): SentNotification => JSON.parse(text(name)) as SentNotification;
const alertOf = (name: FixtureName, index: number): SentAlert => {
  const alert = parsed(name).alerts[index];
  if (!alert) throw new Error(`${name} has no alert ${index}`);
  return alert;
};

describe('POST /api/integrations/alertmanager: what each real sender posts', () => {
  let t: TestServer;
  let admin = '';
  let keyId = '';
  let auth: { headers: Record<string, string> } = { headers: {} };
  // The fixtures' clock: every alert started before it, so no time is taken as the receive time.
  const NOW = Date.parse('2026-11-20T09:00:00Z');

  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW, config: { slaTimerMs: 3_600_000 } });
    admin = await login(t.url, 'admin');
    const created = await postJson<CreatedApiKey>(t.url, '/api/admin/api-keys', { name: 'Alertmanager-shaped senders', scopes: ['alertmanager:write'] }, { cookie: admin });
    expect(created.status).toBe(201);
    keyId = created.body.id;
    auth = { headers: { authorization: `Bearer ${created.body.key}` } };
  });
  afterAll(async () => {
    await t.close();
  });

  const send = (body: unknown) => postJson<AlertmanagerResult>(t.url, PATH, body, auth);
  const sendFixture = (name: FixtureName) => send(text(name));
  const item = async (fingerprint: string) => (await t.server.repos.workItems.findByKey(`alarm:alertmanager:${fingerprint}`))?.item;
  const rawOf = (eventKey: string): string =>
    t.server.db.prepare<[string], { raw: string | null }>('SELECT raw FROM events WHERE event_key = ?').get(eventKey)?.raw ?? '';
  const notices = async (): Promise<IntegrationNoticeView[]> => (await getJson<{ notices: IntegrationNoticeView[] }>(t.url, '/api/admin/integration-notices', { cookie: admin })).body.notices;

  it('Prometheus Alertmanager: nanosecond times with zone offsets, empty annotations, an empty generatorURL, newer fields', async () => {
    const res = await sendFixture('alertmanager-nanos-offset');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 2, stored: 2, refused: [] });
    const [firing, resolved] = [alertOf('alertmanager-nanos-offset', 0), alertOf('alertmanager-nanos-offset', 1)];
    // the fixture's fingerprints are Alertmanager's own (FNV-1a of the labels)
    expect([firing.fingerprint, resolved.fingerprint]).toEqual([labelsFingerprint(firing.labels), labelsFingerprint(resolved.labels)]);
    // 10:15:02.118123456+02:00: raised at 08:15:02.118Z; no annotations, so the alert name is the title
    expect(await item(firing.fingerprint)).toMatchObject({ status: 'raised', open: true, severity: 'major', title: 'OpticalRxLow', alarmedObject: 'olt3.west.example.net/pon-1/1/4', region: 'west', openedAt: Date.parse('2026-11-20T08:15:02.118Z') });
    // resolved in its first notification: cleared at 03:40:17.000000001-05:00
    expect(await item(resolved.fingerprint)).toMatchObject({ status: 'cleared', open: false, title: 'Rx power below -28 dBm on olt3.west pon-1/1/5', resolvedAt: Date.parse('2026-11-20T08:40:17.000Z') });
    // the raw payload keeps the alert as sent: its times to the nanosecond, with their offsets
    const raw = JSON.parse(rawOf(res.body.results[0]?.eventKey ?? '')) as SentNotification;
    expect(raw).toMatchObject({ version: '4', groupKey: '{}:{alertname="OpticalRxLow", region="west"}', alerts: [firing] });
  });

  it('Grafana Mimir: the same webhook, an externalURL with a path, P2 severity, the summary and description', async () => {
    const res = await sendFixture('mimir-webhook');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 1, stored: 1 });
    const alert = alertOf('mimir-webhook', 0);
    expect(alert.fingerprint).toBe(labelsFingerprint(alert.labels));
    expect(await item(alert.fingerprint)).toMatchObject({
      status: 'raised',
      severity: 'major',
      title: 'Pod is crash looping.',
      probableCause: 'KubePodCrashLooping',
      openedAt: Date.parse('2026-11-20T08:20:00.031Z'),
    });
    const [event] = await t.server.repos.events.listForItem(`alarm:alertmanager:${alert.fingerprint}`);
    expect(event?.event.attributes?.specificProblem).toBe('Pod charging/ocs-gateway-7c9f6d5b8-x2mkq (ocs-gateway) is in waiting state (reason: "CrashLoopBackOff").');
  });

  it('vmalert through Alertmanager: alertgroup label, vmalert and Grafana-explore source links (raw JSON in the URL)', async () => {
    const res = await sendFixture('vmalert-via-alertmanager');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 2, stored: 2 });
    const [a, b] = [alertOf('vmalert-via-alertmanager', 0), alertOf('vmalert-via-alertmanager', 1)];
    expect(await item(a.fingerprint)).toMatchObject({ severity: 'critical', title: 'All cells down at EST-0417', probableCause: 'RadioCellDown', site: 'EST-0417', alarmedObject: 'enb-0417.east.example.net:9100', openedAt: Date.parse('2026-11-20T08:31:45.904Z') });
    expect(await item(b.fingerprint)).toMatchObject({ severity: 'critical', site: 'EST-0418' });
    expect(JSON.parse(rawOf(res.body.results[1]?.eventKey ?? ''))).toMatchObject({ alerts: [{ generatorURL: b.generatorURL, labels: { alertgroup: 'ran.rules' } }] });
  });

  it('Grafana Alerting contact point (version "1"): alarms with the summary as title, warning without a severity label, the rule named for DatasourceNoData', async () => {
    const res = await sendFixture('grafana-webhook-firing');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 3, stored: 3, refused: [], truncatedAlerts: 0 });
    expect(res.body.warning).toBeUndefined();
    const [noSeverity, critical, noData] = [0, 1, 2].map((i) => alertOf('grafana-webhook-firing', i));
    expect(await item(noSeverity?.fingerprint ?? '')).toMatchObject({
      status: 'raised',
      severity: 'warning',
      title: 'Packet loss 7.2 % on pe4.south xe-2/0/0',
      probableCause: 'BackhaulPacketLoss',
      alarmedObject: 'pe4.south.example.net/xe-2/0/0',
      region: 'south',
      openedAt: Date.parse('2026-11-20T08:12:30Z'),
    });
    expect(await item(critical?.fingerprint ?? '')).toMatchObject({ severity: 'critical', title: 'Packet loss 31 % on pe5.south xe-2/0/1' });
    expect(await item(noData?.fingerprint ?? '')).toMatchObject({ severity: 'warning', title: 'CoreLinkUtilisation: no data', probableCause: 'DatasourceNoData' });
    // raw: the alert as sent (values, silenceURL, ... kept) in a version-"1" notification with Grafana's orgId
    const raw = JSON.parse(rawOf(res.body.results[0]?.eventKey ?? '')) as SentNotification;
    expect(raw).toMatchObject({ version: '1', orgId: 1, receiver: 'OpsQuest', externalURL: 'https://grafana.example.net/', alerts: [noSeverity] });
  });

  it('Grafana resolved: the alarm clears at endsAt by automation, MTTR from startsAt; the rest of the group stays raised', async () => {
    const res = await sendFixture('grafana-webhook-resolved');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 1, stored: 1 });
    expect(res.body.results.map((r) => [r.transition, r.points])).toEqual([['cleared', 0]]);
    const cleared = await item(alertOf('grafana-webhook-resolved', 0).fingerprint);
    expect(cleared).toMatchObject({ status: 'cleared', open: false, resolvedAt: Date.parse('2026-11-20T08:41:30Z') });
    expect(cleared?.resolvedBy).toBeUndefined();
    expect(outcomeStats(cleared ? [cleared] : []).mttrMinutes).toBe(29);
    expect(await item(alertOf('grafana-webhook-firing', 1).fingerprint)).toMatchObject({ status: 'raised', open: true });
    // Grafana sends the group again later: a duplicate, nothing reopens
    expect((await sendFixture('grafana-webhook-resolved')).body).toMatchObject({ stored: 0, duplicates: 1 });
  });

  it('Grafana\'s "Test" button on the contact point: stored like any alert (warning, "Notification test")', async () => {
    const res = await sendFixture('grafana-webhook-test');
    expect(res.status).toBe(200);
    expect(await item(alertOf('grafana-webhook-test', 0).fingerprint)).toMatchObject({ status: 'raised', severity: 'warning', title: 'Notification test', probableCause: 'TestAlert', alarmedObject: 'Grafana' });
  });

  it('Grafana with "Max alerts" set: accepted, and the warning says Grafana\'s cut cannot be fetched (no request to Grafana)', async () => {
    const body = { ...parsed('grafana-webhook-firing'), alerts: [alertOf('grafana-webhook-firing', 0)], truncatedAlerts: 2 };
    const res = await send(body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 1, truncatedAlerts: 2 });
    expect(res.body.warning).toMatch(/^Grafana left 2 alert\(s\) out/);
    expect(res.body.warning).toContain('"Max alerts" to 0');
    expect((await notices()).find((n) => n.kind === 'truncated' && n.groupKey === '{}:{grafana_folder="Network"}')).toMatchObject({ keyId, missing: 2 });
  });

  it('Grafana\'s legacy dashboard alerting is not Alertmanager-shaped: 400 naming body.alerts and what to use, nothing stored', async () => {
    const before = await t.server.repos.events.count();
    const res = await sendFixture('grafana-legacy-alerting');
    expect(res.status).toBe(400);
    const error = asApiError(res.body);
    expect(error.fields?.map((f) => f.path)).toEqual(['body.alerts']);
    expect(error.message).toMatch(/legacy dashboard-alerting webhook.*Grafana Alerting webhook contact point/);
    expect(await t.server.repos.events.count()).toBe(before);
  });

  it('an unknown payload version, or Grafana\'s "1" as a number, is still a 400 naming body.version; nothing stored', async () => {
    const before = await t.server.repos.events.count();
    for (const version of ['5', 1, '', 'v4']) {
      const res = await send({ ...parsed('grafana-webhook-test'), version });
      expect(res.status, String(version)).toBe(400);
      const fields = asApiError(res.body).fields ?? [];
      expect(fields.map((f) => f.path), String(version)).toEqual(['body.version']);
      expect(fields[0]?.message).toContain('"1" (Grafana Alerting webhook contact point)');
    }
    expect(await t.server.repos.events.count()).toBe(before);
  });

  it('Mimir\'s groupKey "" (no group key) is no group: a truncated notification fetches from the /alertmanager path but clears no other alarm', async () => {
    const asked: string[] = [];
    const am: Server = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.end('[]');
    });
    await new Promise<void>((resolve) => am.listen(0, '127.0.0.1', resolve));
    try {
      const externalURL = `http://127.0.0.1:${(am.address() as AddressInfo).port}/alertmanager`;
      const settings = await sendJson(t.url, 'PUT', `/api/admin/api-keys/${keyId}/settings`, { alertmanagerUrls: [externalURL], severityMap: {} }, { cookie: admin });
      expect(settings.status).toBe(200);
      const mimir = parsed('mimir-webhook');
      const alert = (pod: string): SentAlert => {
        const labels = { ...alertOf('mimir-webhook', 0).labels, pod };
        return { ...alertOf('mimir-webhook', 0), labels, fingerprint: labelsFingerprint(labels) };
      };
      const earlier = alert('ocs-gateway-7c9f6d5b8-aaaaa');
      expect((await send({ ...mimir, externalURL, groupKey: '', alerts: [earlier] })).body).toMatchObject({ stored: 1 });
      const res = await send({ ...mimir, externalURL, groupKey: '', alerts: [alert('ocs-gateway-7c9f6d5b8-bbbbb')], truncatedAlerts: 4 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ stored: 1, truncatedAlerts: 4, recovered: { fetched: 0, cleared: 0 } });
      expect(asked.map((u) => u.split('?')[0])).toEqual(['/alertmanager/api/v2/alerts']);
      // the alarm of the earlier notification is not taken for an alert of this group
      expect(await item(earlier.fingerprint)).toMatchObject({ status: 'raised', open: true });
    } finally {
      am.closeAllConnections();
      await new Promise((r) => am.close(r));
    }
  });
});
