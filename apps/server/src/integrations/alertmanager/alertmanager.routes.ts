import { Router } from 'express';
import { apiKeyOf } from '../../http/auth.middleware';
import { requireJsonBody } from '../../http/error-handler';
import { readAlertmanagerNotification } from './alertmanager-notification';
import type { AlertmanagerReceiver } from './alertmanager-receiver';
import { ALERTMANAGER_MAX_BODY_BYTES } from './alertmanager.limits';

export type { AlertmanagerResult } from './alertmanager-result';

export interface AlertmanagerRouteOptions {
  /** the body limit (alertmanagerMaxBodyBytes(OPSQUEST_ALERTMANAGER_MAX_BODY_MB)) */
  maxBodyBytes?: number;
}

/**
 * POST /api/integrations/alertmanager: the receiver of Alertmanager-shaped webhooks — Prometheus
 * Alertmanager, Mimir and Cortex (payload version "4") and Grafana Alerting's webhook contact point
 * (version "1"); see alertmanager-senders.ts. The API key (alertmanager:write) is checked before
 * the body is read; the body is read as a stream (it is not behind express.json: mount this router
 * before any JSON parser).
 *
 * What Alertmanager does with the answer (v0.25, notify/util.go `Retrier.Check`, notify/webhook
 * webhook.go, notify/notify.go `RetryStage.exec`): every 2xx is success. A 5xx (or a connection
 * error) is retried within the same flush with exponential backoff until the flush's deadline
 * (group_interval, at least 10 s); any other status (4xx) is "unrecoverable": no retry in that flush,
 * the notification is counted failed, and since the notification log was not updated the next flush
 * (group_interval later) sends the group again — for ever while the alerts fire. So: a transient
 * fault on our side (storage) must be a 5xx (it is: the error handler answers 500), a body that will
 * never be taken is a 4xx (400 / 413 / 415), and a notification with some bad alerts is a 200 that
 * stores the good ones and lists the refused ones (a 4xx would lose the good ones at every resend).
 */
export function alertmanagerRoutes(receiver: AlertmanagerReceiver, options: AlertmanagerRouteOptions = {}): Router {
  const maxBytes = options.maxBodyBytes ?? ALERTMANAGER_MAX_BODY_BYTES;
  const router = Router();
  router.post('/', requireJsonBody, async (req, res) => {
    const key = apiKeyOf(res);
    const notification = await readAlertmanagerNotification(req, res, maxBytes);
    const result = await receiver.receive(key, notification, req.log);
    res.status(200).json(result);
  });
  return router;
}
