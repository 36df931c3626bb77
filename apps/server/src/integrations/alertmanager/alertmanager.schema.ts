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

/** Every field of a notification but its alerts (Go's notify/webhook Message, template.Data). */
const notificationFields = {
  version: z.literal('4', { message: 'must be the string "4" (Alertmanager webhook payload version 4)' }),
  groupKey: z.string().optional(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']).optional(),
  receiver: z.string().optional(),
  groupLabels: labelSet.optional(),
  commonLabels: labelSet.optional(),
  commonAnnotations: labelSet.optional(),
  externalURL: z.string().optional(),
};

/** Alertmanager webhook payload, version "4" (webhook_config): the documented shape (OpenAPI, fuzzing). */
export const alertmanagerPayloadSchema = z.looseObject({
  ...notificationFields,
  alerts: z.array(alertmanagerAlertSchema).max(MAX_ALERTS_PER_NOTIFICATION),
});

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
