import { Router } from 'express';
import { apiKeyOf } from '../../http/auth.middleware';
import { parseBody } from '../../http/validate';
import type { Services } from '../../services';
import type { IngestOutcome } from '../../services/ingest.service';
import { ALERTMANAGER_INGEST_CHUNK } from './alertmanager.limits';
import { mapAlertmanagerPayload } from './alertmanager.mapper';
import { alertmanagerPayloadSchema } from './alertmanager.schema';

/** What the receiver answers: Alertmanager only looks at the 2xx; people and tests read the rest. */
export interface AlertmanagerResult {
  received: number;
  stored: number;
  duplicates: number;
  /** stored but impossible in the alarm lifecycle (a late firing after its clear, say) */
  notApplied: number;
  /** alerts Alertmanager left out of this notification (max_alerts); they come again on the next repeat */
  truncatedAlerts: number;
  warning?: string;
  results: {
    fingerprint: string;
    fingerprintFromLabels: boolean;
    transition: string;
    eventKey: string;
    status: 'stored' | 'duplicate';
    applied: boolean;
    points: number;
    reason?: string;
  }[];
}

/**
 * POST /api/integrations/alertmanager: Prometheus Alertmanager's webhook receiver (payload version
 * "4"). The API key (events:write) is checked before the body is read. Each alert becomes one
 * alarm event through the one ingest path, its raw JSON kept; always 200 for a valid payload.
 */
export function alertmanagerRoutes(services: Services): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    apiKeyOf(res);
    const payload = parseBody(alertmanagerPayloadSchema, req);
    const sent: unknown = req.body;
    const sentAlerts = typeof sent === 'object' && sent !== null && 'alerts' in sent && Array.isArray(sent.alerts) ? (sent.alerts as unknown[]) : [];
    const mapped = mapAlertmanagerPayload(payload, sentAlerts);
    // A storm's group is stored in chunks, one after the other: each await lets other requests and
    // live updates run, and the answer comes only after the last chunk is committed. A chunk that
    // fails fails the request (5xx): Alertmanager sends the group again and the stored alerts are duplicates.
    const outcomes: IngestOutcome[] = [];
    for (let start = 0; start < mapped.length; start += ALERTMANAGER_INGEST_CHUNK) {
      const chunk = mapped.slice(start, start + ALERTMANAGER_INGEST_CHUNK);
      const chunkOutcomes = await services.ingest.ingestGrouped(chunk.map((m) => ({ event: m.event, via: 'alertmanager', raw: m.raw, futureTime: 'receiveTime' as const })));
      for (const o of chunkOutcomes) outcomes.push(o);
    }
    const truncatedAlerts = payload.truncatedAlerts ?? 0;
    const result: AlertmanagerResult = {
      received: mapped.length,
      stored: outcomes.filter((o) => o.status === 'stored').length,
      duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
      notApplied: outcomes.filter((o) => o.status === 'stored' && !o.applied).length,
      truncatedAlerts,
      ...(truncatedAlerts > 0
        ? { warning: `Alertmanager left ${truncatedAlerts} alert(s) out of this notification (max_alerts); they are taken when they are sent again` }
        : {}),
      results: outcomes.map((o, i) => {
        const m = mapped[i];
        return {
          fingerprint: m?.fingerprint ?? '',
          fingerprintFromLabels: m?.fingerprintFromLabels ?? false,
          transition: m?.event.transition ?? '',
          eventKey: o.eventKey,
          status: o.status,
          applied: o.applied,
          points: o.points,
          ...(o.reason ? { reason: o.reason } : {}),
        };
      }),
    };
    if (truncatedAlerts > 0) req.log.warn({ truncatedAlerts, groupKey: payload.groupKey }, 'alertmanager notification was truncated');
    res.status(200).json(result);
  });
  return router;
}
