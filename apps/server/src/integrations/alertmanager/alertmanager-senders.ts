import type { ApiError } from '@opsquest/contracts';
import { HttpError } from '../../http/errors';
import { fieldsSummary } from '../../services/field-messages';
import type { AlertmanagerEnvelope } from './alertmanager.schema';

/**
 * Who posts Alertmanager-shaped notifications, read from their source:
 * - Prometheus Alertmanager, notify/webhook/webhook.go `Message`: version "4", groupKey,
 *   truncatedAlerts and template.Data (receiver, status, alerts, group/common labels and
 *   annotations, externalURL; 0.32+ adds notification_reason, later routeLabels). Firing alerts
 *   have endsAt "0001-01-01T00:00:00Z" (dispatch.go zeroes it), times are Go's RFC3339Nano with
 *   the offset they were posted with.
 * - Grafana Mimir and Cortex run that same notifier (Mimir through the grafana/prometheus-alertmanager
 *   fork, which sends groupKey "" instead of failing when it has none). Their externalURL is the
 *   cluster's -alertmanager.web.external-url (a path such as /alertmanager); the tenant is in no
 *   field or header of the webhook, and their /api/v2/alerts wants an X-Scope-OrgID header.
 * - Grafana Alerting's webhook contact point, grafana/alerting receivers/webhook/v1/webhook.go
 *   `webhookMessage`: version "1", the same fields plus orgId, state ("alerting" / "ok"), title and
 *   message; its alerts add values, valueString, silenceURL, dashboardURL, panelURL, imageURL,
 *   ruleUID and orgId (templates/template_data.go `ExtendedAlert`). Its externalURL is Grafana's own
 *   URL, not an Alertmanager API. A Grafana tenant of Mimir posts this shape too.
 * - vmalert and Prometheus post alerts to Alertmanager's API, never to a webhook: they arrive
 *   through one of the above.
 */
export type Sender = 'alertmanager' | 'grafana';

export function senderOf(envelope: Pick<AlertmanagerEnvelope, 'version'>): Sender {
  return envelope.version === '1' ? 'grafana' : 'alertmanager';
}

/** The notification's group key; an empty one (Mimir without a group key) is none. */
export function groupKeyOf(envelope: Pick<AlertmanagerEnvelope, 'groupKey'>): string | undefined {
  const key = envelope.groupKey;
  return key === undefined || key === '' ? undefined : key;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Grafana's legacy dashboard alerting (before Grafana Alerting; pkg/services/alerting/notifiers/webhook.go):
 * `{title, ruleId, ruleName, state, evalMatches, message, ...}` with no alerts and no version.
 * Not Alertmanager-shaped, so a 400 that says what it is and what to use instead.
 */
export function legacyGrafanaRefusal(document: unknown): HttpError | undefined {
  if (!isRecord(document) || 'alerts' in document) return undefined;
  if (!('evalMatches' in document) && !('ruleName' in document)) return undefined;
  const fields: NonNullable<ApiError['fields']> = [
    {
      path: 'body.alerts',
      message:
        'Alerts is missing: this is Grafana\'s legacy dashboard-alerting webhook (ruleName, evalMatches), not an Alertmanager notification. Use a Grafana Alerting webhook contact point (payload version "1") pointed at this URL instead.',
    },
  ];
  return new HttpError(400, 'validation_failed', fieldsSummary(fields), fields);
}
