import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CreatedApiKey } from '@opsquest/contracts';
import type { WorkItem } from '@opsquest/core';
import type { OpsQuestServer } from '../../app';
import {
  ALERTMANAGER_MISSING,
  ALERTMANAGER_PATH,
  AMTOOL_PATH,
  amtoolCheckConfig,
  inCi,
  isExecutable,
  startAlertmanager,
  type AlertmanagerProcess,
  type PostableAlert,
} from '../../../test-support/alertmanager-process';
import { postJson, sendJson, waitFor } from '../../../test-support/http';
import { ROOT } from '../../../test-support/scripts';
import { login, startTestServer, type TestServer } from '../../../test-support/test-server';
import { labelsFingerprint } from './alertmanager-fingerprint';

/**
 * Issue #15: a real Alertmanager (Debian's prometheus-alertmanager 0.25) in front of a real OpsQuest.
 * Alerts are posted to Alertmanager's own POST /api/v2/alerts the way Prometheus does; Alertmanager
 * groups them and calls OpsQuest's webhook with the configuration an operator copies from
 * docs/alertmanager.example.yml (the README shows the same file). The test checks what OpsQuest stored.
 */

const EXAMPLE_FILE = join(ROOT, 'docs', 'alertmanager.example.yml');
const README_FILE = join(ROOT, 'README.md');
const example = readFileSync(EXAMPLE_FILE, 'utf8');

/** Replaces every match of `pattern` (global) and insists there were exactly `count`, so the example cannot change shape unnoticed. */
function substitute(text: string, pattern: RegExp, replacement: string, count: number, what: string): string {
  const found = text.match(pattern)?.length ?? 0;
  if (found !== count) throw new Error(`docs/alertmanager.example.yml: expected ${count} × ${what}, found ${found}`);
  return text.replace(pattern, replacement);
}

/**
 * The example with only what a test run must change. Everything else (route, group_by, the
 * receivers, send_resolved, max_alerts: 0, http_config.authorization) is used exactly as written.
 * - the two webhook `url`s: this run's OpsQuest on 127.0.0.1 and its port instead of opsquest.example.net:3000;
 * - the two `credentials`: the integration key this run created instead of the placeholder;
 * - `group_wait: 30s` → 1s and `group_interval: 5m` → 1s: a new group, a group that grows and a
 *   resolution are sent within about a second instead of minutes (`repeat_interval: 4h` stays: an
 *   unchanged group is never re-sent during the run, so every re-send seen here has a reason);
 * - the capped receiver's `max_alerts: 1000` → 2: a group of 20 is truncated without posting thousands.
 */
function testConfig(opsquestUrl: string, apiKey: string): string {
  const literal = (value: string): string => value.replaceAll('$', '$$$$');
  let config = example;
  config = substitute(config, /^(?<key>\s*- url: )http:\/\/opsquest\.example\.net:3000(?<path>\/api\/integrations\/alertmanager)$/gm, `$<key>${literal(opsquestUrl)}$<path>`, 2, 'webhook url');
  config = substitute(config, /^(?<key>\s*credentials: )<OpsQuest API key>$/gm, `$<key>${literal(apiKey)}`, 2, 'credentials placeholder');
  config = substitute(config, /^(?<key>\s*group_wait: )30s$/gm, '$<key>1s', 1, 'group_wait: 30s');
  config = substitute(config, /^(?<key>\s*group_interval: )5m$/gm, '$<key>1s', 1, 'group_interval: 5m');
  config = substitute(config, /^(?<key>\s*max_alerts: )1000$/gm, '$<key>2', 1, 'max_alerts: 1000');
  return config;
}

/** The YAML block of the README's Alertmanager section. */
function readmeAlertmanagerYaml(): string {
  const readme = readFileSync(README_FILE, 'utf8');
  const section = readme.indexOf('### Prometheus Alertmanager');
  if (section < 0) throw new Error('README.md has no "### Prometheus Alertmanager" section');
  const open = readme.indexOf('```yaml\n', section);
  const close = readme.indexOf('\n```', open);
  if (open < 0 || close < 0) throw new Error('README.md: the Alertmanager section has no ```yaml block');
  return readme.slice(open + '```yaml\n'.length, close + 1);
}

describe('docs/alertmanager.example.yml', () => {
  it('is the YAML the README shows in its Alertmanager section, verbatim', () => {
    expect(readmeAlertmanagerYaml()).toBe(example);
  });

  it.skipIf(!isExecutable(AMTOOL_PATH) && !inCi())('passes amtool check-config', () => {
    expect(amtoolCheckConfig(EXAMPLE_FILE)).toBeUndefined();
  });

  it('is what the real-Alertmanager test runs, with only the address, the key, two intervals and one max_alerts changed', () => {
    const config = testConfig('http://127.0.0.1:41234', 'oq_test$key');
    const before = example.split('\n');
    const after = config.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]).map((line) => line.trim());
    expect(changed).toEqual([
      'group_wait: 1s',
      'group_interval: 1s',
      '- url: http://127.0.0.1:41234/api/integrations/alertmanager',
      'credentials: oq_test$key',
      '- url: http://127.0.0.1:41234/api/integrations/alertmanager',
      'max_alerts: 2',
      'credentials: oq_test$key',
    ]);
  });
});

const skip = !isExecutable(ALERTMANAGER_PATH) && !inCi();
if (skip) console.warn(`Skipping the real Alertmanager tests: ${ALERTMANAGER_MISSING}`);

/** What reached OpsQuest's ingest from the webhook: one entry per alert of each notification. */
interface Delivered {
  fingerprint: string;
  transition: string;
  status: 'stored' | 'duplicate';
}

describe.skipIf(skip)('a real Alertmanager 0.25 in front of OpsQuest', () => {
  let dir = '';
  const sla = { slaTimerMs: 3_600_000 };
  let t: TestServer | undefined;
  let am: AlertmanagerProcess | undefined;
  let keyId = '';
  const delivered: Delivered[] = [];

  const opsquest = (): TestServer => {
    if (!t) throw new Error('OpsQuest is not running');
    return t;
  };
  const alertmanager = (): AlertmanagerProcess => {
    if (!am) throw new Error('Alertmanager is not running');
    return am;
  };

  /** Passes every ingest through and notes what the webhook delivered (duplicates leave no other trace). */
  const recordDeliveries = (server: OpsQuestServer): void => {
    const ingest = server.services.ingest;
    const original = ingest.ingestGrouped.bind(ingest);
    vi.spyOn(ingest, 'ingestGrouped').mockImplementation(async (inputs) => {
      const outcomes = await original(inputs);
      inputs.forEach((input, i) => {
        const outcome = outcomes[i];
        if (input.via === 'alertmanager' && outcome) delivered.push({ fingerprint: input.event.externalKey, transition: input.event.transition, status: outcome.status });
      });
      return outcomes;
    });
  };

  beforeAll(async () => {
    // in CI (the only way here without the binary) a missing Alertmanager fails every test below
    if (!isExecutable(ALERTMANAGER_PATH)) throw new Error(ALERTMANAGER_MISSING);
    // OpsQuest's SQLite file lives here, not in a folder of its own: the restart in (h) opens it again.
    dir = mkdtempSync(join(tmpdir(), 'opsquest-am-real-'));
    t = await startTestServer({ dir, config: sla });
    recordDeliveries(t.server);
    const admin = await login(t.url, 'admin');
    const created = await postJson<CreatedApiKey>(t.url, '/api/admin/api-keys', { name: 'Alertmanager (real test)', scopes: ['alertmanager:write'] }, { cookie: admin });
    expect(created.status).toBe(201);
    keyId = created.body.id;
    am = await startAlertmanager({ config: testConfig(t.url, created.body.key) });
  }, 60_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await am?.stop();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const alarm = async (labels: Record<string, string>): Promise<WorkItem | undefined> => (await opsquest().server.repos.workItems.findByKey(`alarm:alertmanager:${labelsFingerprint(labels)}`))?.item;
  const record = (labels: Record<string, string>) => opsquest().server.repos.workItems.findByKey(`alarm:alertmanager:${labelsFingerprint(labels)}`);
  const eventsOf = async (labels: Record<string, string>) =>
    (await opsquest()
      .server.repos.events.listForItem(`alarm:alertmanager:${labelsFingerprint(labels)}`))
      .filter((e) => e.via === 'alertmanager')
      .map((e) => ({ transition: e.event.transition, occurredAt: e.event.occurredAt }));
  const deliveriesOf = (labels: Record<string, string>): Delivered[] => delivered.filter((d) => d.fingerprint === labelsFingerprint(labels));

  /** Polls `check` until it returns a value; on timeout the error carries Alertmanager's last log lines. */
  const until = async <T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> => {
    try {
      return await waitFor(check, what, timeoutMs, 100);
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\nAlertmanager's log (last lines):\n${am?.logTail(25) ?? '(not running)'}`, { cause: err });
    }
  };

  /** How Prometheus posts a firing alert: startsAt when it became active, endsAt four resend intervals ahead. */
  const firing = (labels: Record<string, string>, startsAt: string, annotations: Record<string, string> = {}): PostableAlert => ({
    labels,
    annotations,
    startsAt,
    endsAt: new Date(Date.now() + 4 * 60_000).toISOString(),
    generatorURL: `http://prometheus.example.net:9090/graph?g0.expr=${encodeURIComponent(`ALERTS{alertname="${labels.alertname ?? ''}"}`)}`,
  });
  /** How Prometheus posts a resolved alert: the same labels, endsAt the evaluation that found it gone. */
  const resolved = (alert: PostableAlert, endsAt = new Date().toISOString()): PostableAlert => ({ ...alert, endsAt });

  const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();

  // Group "LinkDown" / north (group_by alertname, region), used by (a), (b) and (c).
  const linkA = { alertname: 'LinkDown', region: 'north', severity: 'critical', instance: 'pe1.north.example.net', interface: 'xe-0/0/1', job: 'snmp' };
  const linkB = { alertname: 'LinkDown', region: 'north', severity: 'P2', instance: 'pe2.north.example.net', interface: 'xe-0/0/2', job: 'snmp' };
  const linkC = { alertname: 'LinkDown', region: 'north', severity: 'warning', instance: 'pe3.north.example.net', interface: 'et-0/0/0', job: 'snmp' };
  const linkStart = minutesAgo(2);
  const linkAlerts = (): PostableAlert[] => [
    firing(linkA, linkStart, { summary: 'Link xe-0/0/1 down on pe1.north', description: 'ifOperStatus is down (2)' }),
    firing(linkB, linkStart, { summary: 'Link xe-0/0/2 down on pe2.north' }),
  ];

  it('(a) a firing group becomes alarms, labels and annotations mapped, severity included', { timeout: 30_000 }, async () => {
    await alertmanager().postAlerts(linkAlerts());
    const [a, b] = await until(async () => {
      const found = [await alarm(linkA), await alarm(linkB)];
      return found.every((x) => x !== undefined) ? found : undefined;
    }, 'the LinkDown alarms', 20_000);
    expect(a).toMatchObject({
      source: 'alertmanager',
      externalKey: labelsFingerprint(linkA),
      status: 'raised',
      open: true,
      severity: 'critical',
      title: 'Link xe-0/0/1 down on pe1.north',
      probableCause: 'LinkDown',
      alarmedObject: 'pe1.north.example.net/xe-0/0/1',
      region: 'north',
      openedAt: Date.parse(linkStart),
    });
    expect(b).toMatchObject({ status: 'raised', open: true, severity: 'major', title: 'Link xe-0/0/2 down on pe2.north' });
    // Alertmanager's own fingerprint is the key: OpsQuest's FNV-1a of the labels found both alarms
    expect(deliveriesOf(linkA)).toEqual([{ fingerprint: labelsFingerprint(linkA), transition: 'raised', status: 'stored' }]);
  });

  it('(b) the same alerts posted again on every evaluation: no second notification, no duplicate alarm', { timeout: 30_000 }, async () => {
    const before = [await record(linkA), await record(linkB)];
    const received = await alertmanager().metric('alertmanager_alerts_received_total', { status: 'firing', version: 'v2' });
    const flushes = await alertmanager().metric('alertmanager_nflog_queries_total');
    for (let evaluation = 0; evaluation < 3; evaluation++) await alertmanager().postAlerts(linkAlerts());
    expect(await alertmanager().metric('alertmanager_alerts_received_total', { status: 'firing', version: 'v2' })).toBe(received + 6);
    // Each flush of a group asks the notification log whether to send: two more of them have looked at it and said no.
    await until(async () => ((await alertmanager().metric('alertmanager_nflog_queries_total')) >= flushes + 2 ? true : undefined), 'two more flushes', 15_000);
    expect(deliveriesOf(linkA)).toHaveLength(1);
    expect(await eventsOf(linkA)).toEqual([{ transition: 'raised', occurredAt: linkStart }]);
    expect(await eventsOf(linkB)).toEqual([{ transition: 'raised', occurredAt: linkStart }]);
    expect([await record(linkA), await record(linkB)]).toEqual(before);
  });

  it('(c) a group that grows: the new alert is a new alarm, the re-sent ones are duplicates and stay untouched', { timeout: 30_000 }, async () => {
    const before = [await record(linkA), await record(linkB)];
    await alertmanager().postAlerts([...linkAlerts(), firing(linkC, minutesAgo(1), { summary: 'Link et-0/0/0 down on pe3.north' })]);
    const c = await until(() => alarm(linkC), 'the third LinkDown alarm', 20_000);
    expect(c).toMatchObject({ status: 'raised', open: true, severity: 'warning' });
    // Alertmanager sent the whole group again: the two known alerts came back and were duplicates.
    expect(deliveriesOf(linkA)).toEqual([
      { fingerprint: labelsFingerprint(linkA), transition: 'raised', status: 'stored' },
      { fingerprint: labelsFingerprint(linkA), transition: 'raised', status: 'duplicate' },
    ]);
    expect(deliveriesOf(linkB).map((d) => d.status)).toEqual(['stored', 'duplicate']);
    expect([await record(linkA), await record(linkB)]).toEqual(before);
    expect(await eventsOf(linkA)).toHaveLength(1);
  });

  it('(d) a resolution clears its alarm at endsAt; the rest of the group stays raised', { timeout: 30_000 }, async () => {
    const powerA = { alertname: 'PowerFail', region: 'east', severity: 'major', site: 'EST-0007' };
    const powerB = { alertname: 'PowerFail', region: 'east', severity: 'major', site: 'EST-0008' };
    const alerts = [firing(powerA, minutesAgo(3), { summary: 'Mains lost at EST-0007' }), firing(powerB, minutesAgo(3), { summary: 'Mains lost at EST-0008' })];
    await alertmanager().postAlerts(alerts);
    await until(async () => ((await alarm(powerA))?.open && (await alarm(powerB))?.open ? true : undefined), 'the PowerFail alarms', 20_000);
    const endsAt = new Date().toISOString();
    const [first] = alerts;
    if (!first) throw new Error('no alert');
    await alertmanager().postAlerts([resolved(first, endsAt)]);
    const cleared = await until(async () => ((await alarm(powerA))?.open === false ? await alarm(powerA) : undefined), 'EST-0007 cleared', 20_000);
    expect(cleared).toMatchObject({ status: 'cleared', open: false, resolvedAt: Date.parse(endsAt) });
    expect(cleared.resolvedBy).toBeUndefined();
    expect(await alarm(powerB)).toMatchObject({ status: 'raised', open: true });
    expect((await eventsOf(powerA)).map((e) => e.transition)).toEqual(['raised', 'cleared']);
  });

  it('(e) expiry: Prometheus stops sending, Alertmanager resolves the alert at its endsAt and the alarm clears', { timeout: 30_000 }, async () => {
    const fan = { alertname: 'FanFailure', region: 'west', severity: 'minor', instance: 'olt7.west.example.net' };
    const endsAt = new Date(Date.now() + 5_000).toISOString();
    await alertmanager().postAlerts([{ ...firing(fan, minutesAgo(1), { summary: 'Fan tray 2 failed' }), endsAt }]);
    await until(async () => ((await alarm(fan))?.open === false ? true : undefined), 'FanFailure cleared by expiry', 25_000);
    // it was raised first (while firing), then cleared at the endsAt Prometheus had given it
    expect((await eventsOf(fan)).map((e) => e.transition)).toEqual(['raised', 'cleared']);
    expect(await alarm(fan)).toMatchObject({ status: 'cleared', resolvedAt: Date.parse(endsAt) });
  });

  it('(f) a truncated group (max_alerts: 2, 20 alerts): OpsQuest fetches the rest from Alertmanager, and all 20 clear on resolution', { timeout: 60_000 }, async () => {
    // The allow-list: notifications whose externalURL is this Alertmanager may make OpsQuest read its API.
    const admin = await login(opsquest().url, 'admin');
    const settings = await sendJson(opsquest().url, 'PUT', `/api/admin/api-keys/${keyId}/settings`, { alertmanagerUrls: [alertmanager().url], severityMap: {} }, { cookie: admin });
    expect(settings.status, `PUT /api/admin/api-keys/:id/settings answered ${settings.status}`).toBe(200);

    const cpe = Array.from({ length: 20 }, (_, i) => ({ alertname: 'CpeDown', region: 'north', job: 'blackbox-cpe', severity: 'minor', instance: `cpe-${String(i).padStart(4, '0')}.north.example.net` }));
    const alerts = cpe.map((labels) => firing(labels, minutesAgo(1), { summary: `CPE ${labels.instance} unreachable` }));
    await alertmanager().postAlerts(alerts);
    // Alertmanager's webhook carries only the first 2 of the group (truncatedAlerts: 18) ...
    await until(() => (delivered.some((d) => d.fingerprint === labelsFingerprint(cpe[0] ?? {})) ? true : undefined), 'the capped notification', 20_000);
    // ... and every notification of this group would carry the same 2: the other 18 only exist in Alertmanager.
    const missing = async (): Promise<string[]> => {
      const instances: string[] = [];
      for (const labels of cpe) if ((await alarm(labels))?.open !== true) instances.push(labels.instance);
      return instances;
    };
    await until(async () => ((await missing()).length === 0 ? true : undefined), 'all 20 CpeDown alarms (the truncated group fetched from Alertmanager\'s API)', 20_000).catch(async (err: unknown) => {
      throw new Error(`${(await missing()).length} of 20 alarms of the truncated group are missing: ${(await missing()).join(', ')}\n${err instanceof Error ? err.message : String(err)}`, { cause: err });
    });

    const endsAt = new Date().toISOString();
    await alertmanager().postAlerts(alerts.map((a) => resolved(a, endsAt)));
    const stillOpen = async (): Promise<string[]> => {
      const instances: string[] = [];
      for (const labels of cpe) if ((await alarm(labels))?.open !== false) instances.push(labels.instance);
      return instances;
    };
    await until(async () => ((await stillOpen()).length === 0 ? true : undefined), 'all 20 CpeDown alarms cleared', 25_000).catch(async (err: unknown) => {
      throw new Error(`${(await stillOpen()).length} of 20 alarms of the truncated group are not cleared: ${(await stillOpen()).join(', ')}\n${err instanceof Error ? err.message : String(err)}`, { cause: err });
    });
  });

  it('(g) a group of 3,000 alerts (posted in Prometheus-sized batches of 64) becomes 3,000 alarms', { timeout: 90_000 }, async () => {
    const sites = Array.from({ length: 3_000 }, (_, i) => ({ alertname: 'SiteUnreachable', region: 'south', severity: i % 10 === 0 ? 'critical' : 'major', site: `STH-${String(i).padStart(5, '0')}` }));
    const startsAt = minutesAgo(2);
    const alerts = sites.map((labels) => firing(labels, startsAt, { summary: `Site ${labels.site} unreachable` }));
    // Prometheus's notifier sends at most 64 alerts per request.
    for (let start = 0; start < alerts.length; start += 64) await alertmanager().postAlerts(alerts.slice(start, start + 64));
    const keys = sites.map((labels) => `alarm:alertmanager:${labelsFingerprint(labels)}`);
    const repo = opsquest().server.repos.workItems;
    // only the alarms not seen yet are looked up again: the poll runs on OpsQuest's own event loop
    const missing = new Set(keys);
    const allThere = async (): Promise<true | undefined> => {
      for (const key of missing) if ((await repo.findByKey(key))?.item.open === true) missing.delete(key);
      return missing.size === 0 ? true : undefined;
    };
    await until(allThere, 'all 3,000 SiteUnreachable alarms', 75_000).catch((err: unknown) => {
      throw new Error(`${missing.size} of 3,000 alarms missing\n${err instanceof Error ? err.message : String(err)}`, { cause: err });
    });
    expect(await alarm(sites[0] ?? {})).toMatchObject({ severity: 'critical', openedAt: Date.parse(startsAt) });
    expect(await alarm(sites[1] ?? {})).toMatchObject({ severity: 'major' });
    // one raise each, however many notifications the growing group took
    const group = new Set(sites.map((labels) => labelsFingerprint(labels)));
    expect(delivered.filter((d) => d.status === 'stored' && group.has(d.fingerprint))).toHaveLength(3_000);
  });

  it('(h) OpsQuest restarted while Alertmanager retries: the alert arrives once it is back', { timeout: 60_000 }, async () => {
    const running = opsquest();
    const port = running.port;
    vi.restoreAllMocks();
    await running.close();
    t = undefined;

    const bgp = { alertname: 'BgpSessionDown', region: 'north', severity: 'critical', instance: 'rr1.north.example.net', peer: '192.0.2.7' };
    const logFrom = alertmanager().log().length;
    await alertmanager().postAlerts([firing(bgp, minutesAgo(1), { summary: 'BGP session to 192.0.2.7 down' })]);
    // Alertmanager tried to deliver and got "connection refused"; it keeps retrying with backoff.
    const failure = await until(
      () => alertmanager().log().slice(logFrom).split('\n').find((line) => /receiver=opsquest .*Notify attempt failed/.test(line) && /connection refused/.test(line)),
      'Alertmanager to fail a delivery',
      20_000,
    );
    expect(failure).toContain(`127.0.0.1:${port}`);

    t = await startTestServer({ dir, config: { ...sla, port } });
    expect(t.port).toBe(port);
    recordDeliveries(t.server);
    const back = await until(() => alarm(bgp), 'the BgpSessionDown alarm after the restart', 40_000);
    expect(back).toMatchObject({ status: 'raised', open: true, severity: 'critical' });
    // the same SQLite file: what was stored before the restart is still there
    expect(await alarm(linkA)).toMatchObject({ status: 'raised', open: true });
  });
});
