import { Router } from 'express';
import { ingestBodySchema, type IngestResult } from '@opsquest/contracts';
import { apiKeyOf } from '../http/auth.middleware';
import { parseBody } from '../http/validate';
import type { Services } from '../services';

/** POST /api/events: one event or an array, OpsQuest's own shape. The API key (events:write) is checked in app.ts before the body is read. */
export function eventRoutes(services: Services): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    apiKeyOf(res);
    const body = parseBody(ingestBodySchema, req);
    const events = Array.isArray(body) ? body : [body];
    // answered after the commit it shares with the other requests of this turn (group commit)
    const outcomes = await services.ingest.ingestGrouped(events.map((event, i) => ({ event, via: 'api', field: Array.isArray(body) ? `body[${i}].occurredAt` : 'body.occurredAt' })));
    const result: IngestResult = {
      stored: outcomes.filter((o) => o.status === 'stored').length,
      duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
      results: outcomes.map((o) => ({ eventKey: o.eventKey, status: o.status, applied: o.applied, points: o.points, ...(o.reason ? { reason: o.reason } : {}) })),
    };
    res.status(result.stored > 0 ? 201 : 200).json(result);
  });
  return router;
}
