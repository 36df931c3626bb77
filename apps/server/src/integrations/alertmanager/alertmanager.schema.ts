import { z } from 'zod';
import { isoDateTime } from '@opsquest/contracts';

/** Alertmanager's "no time" (Go's zero time.Time): endsAt of an alert that is still firing. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** A real instant: a valid date after Go's zero time (which reads as "not set"). */
export function isSetTime(value: string | undefined): value is string {
  if (value === undefined) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && ms > Date.parse(ZERO_TIME);
}

const labelSet = z.record(z.string(), z.string());

/**
 * One alert of a notification. Unknown fields are kept (the raw alert is stored as sent);
 * `status` is read per alert, never from the group.
 */
export const alertmanagerAlertSchema = z
  .looseObject({
    status: z.enum(['firing', 'resolved']),
    labels: labelSet,
    annotations: labelSet.optional(),
    startsAt: isoDateTime,
    endsAt: isoDateTime.optional(),
    generatorURL: z.string().optional(),
    fingerprint: z.string().max(200).optional(),
  })
  .superRefine((alert, ctx) => {
    if (!isSetTime(alert.startsAt)) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'must be the time the alert started firing' });
    if (alert.status === 'resolved' && !isSetTime(alert.endsAt)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'a resolved alert needs endsAt (the time it was resolved)' });
    }
  });

/**
 * A sanity cap on one notification's alerts. Alertmanager sends a whole group at once (an alarm
 * storm can be tens of thousands of alerts) and re-sends a refused one forever, so the real bound
 * is the body size (ALERTMANAGER_MAX_BODY_BYTES); the alerts are stored in chunks.
 */
export const MAX_ALERTS_PER_NOTIFICATION = 200_000;

/**
 * The payload versions of the senders whose webhook is Alertmanager-shaped (see alertmanager-senders.ts):
 * "4" from Prometheus Alertmanager's webhook_config (and Mimir's and Cortex's, which run its code),
 * "1" from Grafana Alerting's webhook contact point (its alerts are Alertmanager's, with extra fields).
 */
export const WEBHOOK_VERSIONS = ['4', '1'] as const;
export type WebhookVersion = (typeof WEBHOOK_VERSIONS)[number];

/**
 * Every field of a notification but its alerts (Go's notify/webhook Message, template.Data). Grafana's
 * extra fields (orgId, state, title, message) and newer Alertmanagers' (notification_reason,
 * routeLabels) are kept as sent and not checked: nothing here reads them.
 */
const notificationFields = {
  version: z.enum(WEBHOOK_VERSIONS, { message: 'must be "4" (Prometheus Alertmanager, Mimir or Cortex webhook) or "1" (Grafana Alerting webhook contact point)' }),
  /** Mimir's webhook (the grafana/prometheus-alertmanager fork) sends "" when it has no group key: read as none */
  groupKey: z.string().optional(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']).optional(),
  receiver: z.string().optional(),
  groupLabels: labelSet.optional(),
  commonLabels: labelSet.optional(),
  commonAnnotations: labelSet.optional(),
  externalURL: z.string().optional(),
};

/** An Alertmanager-shaped webhook payload (version "4" or "1"): the documented shape (OpenAPI, fuzzing). */
export const alertmanagerPayloadSchema = z
  .looseObject({
    ...notificationFields,
    alerts: z.array(alertmanagerAlertSchema).max(MAX_ALERTS_PER_NOTIFICATION),
  })
  .describe(
    'The notification Prometheus Alertmanager (webhook_config, version "4"), Grafana Mimir and Cortex (the same webhook) and Grafana Alerting (webhook contact point, version "1": orgId, state, title, message and per alert values, valueString, silenceURL, dashboardURL, panelURL, imageURL are kept as sent and not read) post. Alerts from vmalert or Prometheus reach it through Alertmanager. Grafana\'s legacy dashboard alerting (ruleName, evalMatches, no alerts) is not Alertmanager-shaped and is refused (400).',
  );

/**
 * What must hold for a body to be an Alertmanager notification at all (else a 400 naming the field):
 * the alerts only have to be a list. Each alert is checked on its own (alertmanagerAlertSchema): a
 * bad one is refused in the answer and the others are stored.
 */
export const alertmanagerEnvelopeSchema = z.looseObject({
  ...notificationFields,
  alerts: z.array(z.unknown()).max(MAX_ALERTS_PER_NOTIFICATION),
});

export type AlertmanagerAlert = z.infer<typeof alertmanagerAlertSchema>;
export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;
export type AlertmanagerEnvelope = z.infer<typeof alertmanagerEnvelopeSchema>;
