import type { Request, Response } from 'express';
import { validationError } from '../../http/errors';
import { alertmanagerAlertSchema, alertmanagerEnvelopeSchema, type AlertmanagerAlert, type AlertmanagerEnvelope } from './alertmanager.schema';
import { legacyGrafanaRefusal } from './alertmanager-senders';
import { readStreamingJsonBody } from './streaming-json-body';
import { StreamingJsonReader } from './streaming-json-reader';

/** An alert of the notification that is valid, with its JSON as sent (kept as the event's raw). */
export interface AcceptedAlert {
  index: number;
  alert: AlertmanagerAlert;
  json: string;
}

/** An alert of the notification that is not valid: refused in the answer, the others are stored. */
export interface AlertRefusal {
  index: number;
  /** the first offending field, `body.alerts.17.startsAt` */
  field: string;
  message: string;
}

/** A notification as read: the group's fields, the alerts taken and the alerts refused. */
export interface ReceivedNotification {
  envelope: AlertmanagerEnvelope;
  accepted: AcceptedAlert[];
  refused: AlertRefusal[];
  /** the fingerprints refused alerts carried: they are still alerts of the group */
  refusedFingerprints: string[];
}

/** Checks each alert as soon as it has arrived, so a storm's validation is spread over the body's arrival. */
class AlertIntake {
  accepted: AcceptedAlert[] = [];
  refused: AlertRefusal[] = [];
  refusedFingerprints: string[] = [];

  take(element: unknown, index: number): void {
    const parsed = alertmanagerAlertSchema.safeParse(element);
    if (parsed.success) {
      this.accepted.push({ index, alert: parsed.data, json: JSON.stringify(element) });
      return;
    }
    const fields = validationError(parsed.error, 'body').fields ?? [];
    const [first, ...more] = fields.map((f) => ({ path: `body.alerts.${index}${f.path.slice('body'.length)}`, message: f.message }));
    const also = more.length > 0 ? ` (also ${more.map((f) => `${f.path}: ${f.message}`).join('; ')})` : '';
    this.refused.push({ index, field: first?.path ?? `body.alerts.${index}`, message: `${first?.message ?? 'not an alert'}${also}` });
    const fingerprint = typeof element === 'object' && element !== null && 'fingerprint' in element ? element.fingerprint : undefined;
    if (typeof fingerprint === 'string' && fingerprint.trim() !== '') this.refusedFingerprints.push(fingerprint.trim());
  }

  restart(): void {
    this.accepted = [];
    this.refused = [];
    this.refusedFingerprints = [];
  }
}

/**
 * Reads an Alertmanager notification from the request as a stream (see streaming-json-body.ts) and
 * checks it: a body that is not a notification at all (not an object, `version` neither "4" nor
 * "1", `alerts` not a list; Grafana's legacy alerting webhook is named as such) is a 400 naming the
 * field; each alert is checked on its own.
 */
export async function readAlertmanagerNotification(req: Request, res: Response, maxBytes: number): Promise<ReceivedNotification> {
  const intake = new AlertIntake();
  const reader = new StreamingJsonReader({ streamed: { key: 'alerts', onElement: (element, index) => intake.take(element, index), onRestart: () => intake.restart() } });
  const document = await readStreamingJsonBody(req, res, reader, maxBytes);
  const envelope = alertmanagerEnvelopeSchema.safeParse(document);
  if (!envelope.success) {
    // what the refusal notice (integration-refusals.middleware) reads: the group and how many alerts it carried
    req.body = document;
    throw legacyGrafanaRefusal(document) ?? validationError(envelope.error, 'body');
  }
  return { envelope: envelope.data, accepted: intake.accepted, refused: intake.refused, refusedFingerprints: intake.refusedFingerprints };
}
