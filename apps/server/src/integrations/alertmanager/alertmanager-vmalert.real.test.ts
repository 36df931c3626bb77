import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTMANAGER_MISSING, ALERTMANAGER_PATH, inCi, isExecutable, startAlertmanager, type AlertmanagerProcess, type PostableAlert } from '../../../test-support/alertmanager-process';
import { goTime } from '../../../test-support/fuzz/alertmanager-sender-arbitraries';
import { waitFor } from '../../../test-support/http';
import { startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import { labelsFingerprint } from './alertmanager-fingerprint';

/**
 * Issue #19: vmalert posts to Alertmanager's API, never to a webhook, so what matters is what
 * Alertmanager makes of its alerts. vmalert (app/vmalert/notifier/alertmanager_request.qtpl) writes
 * startsAt and endsAt with Go's RFC3339Nano in its own zone, adds the `alertname` and `alertgroup`
 * labels, and a source link that is its own page or, with -external.alert.source, a Grafana explore
 * link with raw JSON in it. Those alerts go through Debian's real Alertmanager 0.25 to OpsQuest here.
 */

const skip = !isExecutable(ALERTMANAGER_PATH) && !inCi();
if (skip) console.warn(`Skipping the vmalert-through-Alertmanager test: ${ALERTMANAGER_MISSING}`);

const config = (opsquestUrl: string): string => `route:
  receiver: opsquest
  group_by: ['alertname', 'alertgroup']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 4h
receivers:
  - name: opsquest
    webhook_configs:
      - url: ${opsquestUrl}/api/integrations/alertmanager
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${TEST_API_KEY}
`;

describe.skipIf(skip)('vmalert\'s alerts through a real Alertmanager 0.25', () => {
  let t: TestServer | undefined;
  let am: AlertmanagerProcess | undefined;

  beforeAll(async () => {
    if (!isExecutable(ALERTMANAGER_PATH)) throw new Error(ALERTMANAGER_MISSING);
    t = await startTestServer({ config: { slaTimerMs: 3_600_000 } });
    am = await startAlertmanager({ config: config(t.url) });
  }, 60_000);
  afterAll(async () => {
    await am?.stop();
    await t?.close();
  }, 30_000);

  const opsquest = (): TestServer => {
    if (!t) throw new Error('OpsQuest is not running');
    return t;
  };
  const alarm = async (labels: Record<string, string>) => (await opsquest().server.repos.workItems.findByKey(`alarm:alertmanager:${labelsFingerprint(labels)}`))?.item;
  const rawAlerts = (labels: Record<string, string>): { startsAt: string; endsAt: string; generatorURL: string; labels: Record<string, string> }[] =>
    opsquest()
      .server.db.prepare<[string], { raw: string }>("SELECT raw FROM events WHERE item_key = ? AND via = 'alertmanager' ORDER BY seq")
      .all(`alarm:alertmanager:${labelsFingerprint(labels)}`)
      .map((row) => (JSON.parse(row.raw) as { alerts: { startsAt: string; endsAt: string; generatorURL: string; labels: Record<string, string> }[] }).alerts[0] ?? { startsAt: '', endsAt: '', generatorURL: '', labels: {} });

  it('raises at vmalert\'s startsAt (nanoseconds, +02:00), keeps its labels and source link, and clears at its endsAt', { timeout: 40_000 }, async () => {
    const alertmanager = am;
    if (!alertmanager) throw new Error('Alertmanager is not running');
    const labels = { alertname: 'RadioCellDown', alertgroup: 'ran.rules', severity: 'critical', site: 'EST-0417', instance: 'enb-0417.east.example.net:9100', job: 'ran-exporter' };
    const startMs = Date.now() - 90_000;
    const startsAt = goTime(startMs, 117_336, 120);
    const generatorURL = 'https://grafana.example.net/explore?orgId=1&left={"datasource":"VictoriaMetrics","queries":[{"expr":"ran_active_cells == 0","refId":"A"}]}';
    // vmalert's firing alert: endsAt three evaluation intervals ahead
    const firing: PostableAlert = { labels, annotations: { summary: 'All cells down at EST-0417' }, startsAt, endsAt: goTime(Date.now() + 180_000, 0, 120), generatorURL };
    await alertmanager.postAlerts([firing]);
    const raised = await waitFor(() => alarm(labels), 'the RadioCellDown alarm', 20_000, 100);
    expect(raised).toMatchObject({ status: 'raised', open: true, severity: 'critical', title: 'All cells down at EST-0417', site: 'EST-0417', openedAt: startMs });
    // Alertmanager passes vmalert's time on as written: nanoseconds and +02:00 kept
    const [sent] = rawAlerts(labels);
    expect(sent).toMatchObject({ labels, generatorURL, startsAt, endsAt: '0001-01-01T00:00:00Z' });

    // resolved: vmalert sends the alert once more with endsAt the evaluation that found it gone
    const endMs = Date.now() - 1_000;
    const endsAt = goTime(endMs, 5, 120);
    await alertmanager.postAlerts([{ ...firing, endsAt }]);
    const cleared = await waitFor(async () => ((await alarm(labels))?.open === false ? alarm(labels) : undefined), 'the alarm cleared', 20_000, 100);
    expect(cleared).toMatchObject({ status: 'cleared', resolvedAt: endMs });
    expect(rawAlerts(labels)[1]).toMatchObject({ startsAt, endsAt });
  });
});
