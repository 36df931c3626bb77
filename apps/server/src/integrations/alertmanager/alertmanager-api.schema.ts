import { z } from 'zod';
import { isoDateTime } from '@opsquest/contracts';
import { alertmanagerAlertSchema, ZERO_TIME, type AlertmanagerAlert } from './alertmanager.schema';

const labelSet = z.record(z.string(), z.string());

/**
 * One alert of Alertmanager's API v2 `GET /api/v2/alerts` (openapi.yaml `gettableAlert`): what
 * OpsQuest reads of it. Unknown fields are kept (newer versions add `mutedBy` and the like).
 */
export const gettableAlertSchema = z.looseObject({
  labels: labelSet,
  annotations: labelSet.optional(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  updatedAt: isoDateTime,
  fingerprint: z.string().trim().min(1).max(200),
  generatorURL: z.string().optional(),
  receivers: z.array(z.looseObject({ name: z.string() })),
  status: z.looseObject({
    state: z.enum(['unprocessed', 'active', 'suppressed']),
    silencedBy: z.array(z.string()),
    inhibitedBy: z.array(z.string()),
  }),
});

export type GettableAlert = z.infer<typeof gettableAlertSchema>;

/**
 * Still firing as far as notifications go: neither silenced nor inhibited (`suppressed`), so it is
 * one of the alerts a webhook notification carries (or is about to: `unprocessed`).
 */
export function isNotified(alert: GettableAlert): boolean {
  return alert.status.state !== 'suppressed';
}

/** A gettable alert as the webhook would have sent it: firing, with its fingerprint; undefined if it would not pass as one. */
export function asWebhookAlert(alert: GettableAlert): AlertmanagerAlert | undefined {
  const parsed = alertmanagerAlertSchema.safeParse({
    status: 'firing',
    labels: alert.labels,
    annotations: alert.annotations ?? {},
    startsAt: alert.startsAt,
    endsAt: ZERO_TIME,
    ...(alert.generatorURL !== undefined ? { generatorURL: alert.generatorURL } : {}),
    fingerprint: alert.fingerprint,
  });
  return parsed.success ? parsed.data : undefined;
}
