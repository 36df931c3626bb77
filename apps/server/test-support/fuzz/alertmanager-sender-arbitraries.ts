import fc from 'fast-check';
import { labelsFingerprint } from '../../src/integrations/alertmanager/alertmanager-fingerprint';

/**
 * Random notifications in the shapes the real Alertmanager-shaped senders post (see
 * src/integrations/alertmanager/alertmanager-senders.ts): Prometheus Alertmanager and Mimir
 * (version "4"), Grafana's webhook contact point (version "1", its extra fields), times as Go writes
 * them (RFC3339Nano: up to nine fraction digits, trailing zeros dropped, the zone's offset),
 * endsAt Go's zero time while firing, and Go's JSON escapes (`&` as `\u0026`). Each spec comes
 * with what OpsQuest should make of it.
 */

export type SenderKind = 'alertmanager' | 'mimir' | 'grafana';

const HOUR = 3_600_000;
/** Offsets real zones use, in minutes east of UTC. */
const OFFSETS = [0, 60, 120, 330, 345, 540, 840, -210, -300, -480, -720];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Go's time.Time in JSON (RFC3339Nano) for `ms` plus `extraNanos` (< 1 ms), in a zone `offset` minutes east of UTC. */
export function goTime(ms: number, extraNanos: number, offset: number): string {
  const base = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const nanos = (ms % 1000) * 1_000_000 + extraNanos;
  const fraction = nanos === 0 ? '' : `.${pad(nanos, 9).replace(/0+$/, '')}`;
  const abs = Math.abs(offset);
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${base}${fraction}${zone}`;
}

/** Label values as sent, and the severity OpsQuest makes of each (missing: warning). */
const SEVERITIES: readonly (readonly [string | undefined, string])[] = [
  [undefined, 'warning'],
  ['critical', 'critical'],
  [' P1 ', 'critical'],
  ['major', 'major'],
  ['p2', 'major'],
  ['Minor', 'minor'],
  ['warning', 'warning'],
  ['info', 'indeterminate'],
];

/** Labels the mapper reads: never generated as extra labels. */
const READ_LABELS = new Set(['alertname', 'severity', 'instance', 'site', 'interface', 'region', 'rulename', 'customers_affected', 'service_affecting']);
const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,11}$/).filter((n) => !READ_LABELS.has(n) && !n.startsWith('__'));
/** Valid UTF-8 text (Go's encoder never writes a lone surrogate). */
const labelValue = fc.string({ unit: 'grapheme', maxLength: 16 });
const note = fc.option(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('  ', 'Link <down> & flapping', 'Ünïcødé 東京 🔥')), { nil: undefined });

const GENERATOR_URLS = [
  '',
  'http://prometheus.example.net:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1',
  'http://vmalert.example.net:8880/vmalert/alert?group_id=5912306422851924711&alert_id=13081945171546298041',
  'https://grafana.example.net/explore?orgId=1&left={"datasource":"VictoriaMetrics","queries":[{"expr":"up","refId":"A"}]}',
  'https://grafana.example.net/alerting/grafana/be5qk0s2m8zr4c/view?orgId=1',
];

export interface AlertSpec {
  alertname: string;
  grafanaNoData: boolean;
  severity: readonly [string | undefined, string];
  extraLabels: Record<string, string>;
  summary: string | undefined;
  description: string | undefined;
  startMs: number;
  startNanos: number;
  resolvedAfterMs: number | undefined;
  endNanos: number;
  offset: number;
  generatorURL: string;
  values: Record<string, number> | null;
}

export interface NotificationSpec {
  sender: SenderKind;
  alerts: AlertSpec[];
  emptyGroupKey: boolean;
}

/** Alerts that started between two days and two hours before `now`; a resolved one ended within the hour after. */
export function notificationSpecArb(now: number): fc.Arbitrary<NotificationSpec> {
  const alert: fc.Arbitrary<AlertSpec> = fc.record({
    alertname: fc.constantFrom('LinkDown', 'HighCPU', 'Optical Rx low', 'KubePodCrashLooping'),
    grafanaNoData: fc.boolean(),
    severity: fc.constantFrom(...SEVERITIES),
    extraLabels: fc.dictionary(labelName, labelValue, { maxKeys: 3 }),
    summary: note,
    description: note,
    startMs: fc.integer({ min: now - 48 * HOUR, max: now - 2 * HOUR }),
    startNanos: fc.integer({ min: 0, max: 999_999 }),
    resolvedAfterMs: fc.option(fc.integer({ min: 1, max: HOUR }), { nil: undefined }),
    endNanos: fc.integer({ min: 0, max: 999_999 }),
    offset: fc.constantFrom(...OFFSETS),
    generatorURL: fc.constantFrom(...GENERATOR_URLS),
    values: fc.option(fc.dictionary(fc.constantFrom('A', 'B', 'C'), fc.double({ noNaN: true, noDefaultInfinity: true })), { nil: null }),
  });
  return fc.record({ sender: fc.constantFrom<SenderKind>('alertmanager', 'mimir', 'grafana'), alerts: fc.array(alert, { minLength: 1, maxLength: 6 }), emptyGroupKey: fc.boolean() });
}

/** What OpsQuest should store for an alert. */
export interface Expected {
  fingerprint: string;
  severity: string;
  title: string;
  transition: 'raised' | 'cleared';
  startMs: number;
  endMs: number | undefined;
}

export interface BuiltNotification {
  /** the body as the sender's Go encoder writes it */
  text: string;
  payload: { version: string; alerts: Record<string, unknown>[] } & Record<string, unknown>;
  expected: Expected[];
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
const trimmed = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

function buildAlert(spec: NotificationSpec, a: AlertSpec, instance: string): { alert: Record<string, unknown>; expected: Expected } {
  const grafana = spec.sender === 'grafana';
  const noData = grafana && a.grafanaNoData;
  const labels: Record<string, string> = { ...a.extraLabels, alertname: noData ? 'DatasourceNoData' : a.alertname, instance, ...(noData ? { rulename: a.alertname } : {}), ...(a.severity[0] !== undefined ? { severity: a.severity[0] } : {}) };
  const annotations: Record<string, string> = { ...(a.summary !== undefined ? { summary: a.summary } : {}), ...(a.description !== undefined ? { description: a.description } : {}) };
  const endMs = a.resolvedAfterMs === undefined ? undefined : a.startMs + a.resolvedAfterMs;
  const ruleUID = `r${instance.replace(/[^a-z0-9]/g, '')}`;
  // Grafana's fingerprint covers its private labels (__alert_rule_uid__), which the webhook leaves out
  const fingerprint = labelsFingerprint(grafana ? { ...labels, __alert_rule_uid__: ruleUID } : labels);
  const alert: Record<string, unknown> = {
    status: endMs === undefined ? 'firing' : 'resolved',
    labels,
    annotations,
    startsAt: goTime(a.startMs, a.startNanos, a.offset),
    endsAt: endMs === undefined ? ZERO_TIME : goTime(endMs, a.endNanos, a.offset),
    generatorURL: a.generatorURL,
    fingerprint,
    ...(grafana
      ? { silenceURL: `https://grafana.example.net/alerting/silence/new?alertmanager=grafana&matcher=instance%3D${instance}`, dashboardURL: '', panelURL: '', ruleUID, values: a.values, valueString: a.values ? JSON.stringify(a.values) : '', orgId: 1 }
      : {}),
  };
  const title = trimmed(a.summary) ?? trimmed(a.description) ?? (noData ? `${a.alertname}: no data` : a.alertname);
  return { alert, expected: { fingerprint, severity: a.severity[1], title, transition: endMs === undefined ? 'raised' : 'cleared', startMs: a.startMs, endMs } };
}

/** The notification of `spec`, its alerts' instance labels unique to `run` (each alert a new alarm). */
export function buildNotification(spec: NotificationSpec, run: number): BuiltNotification {
  const built = spec.alerts.map((a, i) => buildAlert(spec, a, `fz-${run}-${i}`));
  const alerts = built.map((b) => b.alert);
  const firing = alerts.some((a) => a.status === 'firing');
  const common = { receiver: 'opsquest', status: firing ? 'firing' : 'resolved', alerts, groupLabels: { run: String(run) }, commonLabels: {}, commonAnnotations: {}, truncatedAlerts: 0 };
  const groupKey = spec.emptyGroupKey && spec.sender === 'mimir' ? '' : `{}:{run="${run}"}`;
  const payload =
    spec.sender === 'grafana'
      ? { ...common, externalURL: 'https://grafana.example.net/', version: '1', groupKey, orgId: 1, title: `[${firing ? 'FIRING' : 'RESOLVED'}] ${run}`, state: firing ? 'alerting' : 'ok', message: '**Firing**' }
      : { ...common, externalURL: spec.sender === 'mimir' ? 'http://mimir.example.net:8080/alertmanager' : 'http://alertmanager.example.net:9093', version: '4', groupKey };
  // Go's encoding/json writes <, > and & as \u003c, \u003e, \u0026 (only ever inside strings)
  const text = JSON.stringify(payload).replaceAll('&', '\\u0026').replaceAll('<', '\\u003c').replaceAll('>', '\\u003e');
  return { text, payload, expected: built.map((b) => b.expected) };
}
