import { Router } from 'express';
import { apiKeyOf } from '../../http/auth.middleware';
import { parseBody } from '../../http/validate';
import type { Services } from '../../services';
import { mapWorkOrderChange } from './workorder.mapper';
import { workOrderBodySchema } from './workorder.schema';

export interface WorkOrderResult {
  received: number;
  stored: number;
  duplicates: number;
  /** stored but impossible in the truck-roll lifecycle (completing a cancelled visit, say) */
  notApplied: number;
  results: { workOrderId: string; transition: string; eventKey: string; status: 'stored' | 'duplicate'; applied: boolean; points: number; reason?: string }[];
}

/**
 * POST /api/integrations/workorder: field work-order state changes in the common shape
 * (workorder.schema.ts), one or an array of up to 1000, as truck-roll events through the one
 * ingest path with each change's JSON kept as raw. 201 when something was stored, else 200.
 */
export function workorderRoutes(services: Services): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    apiKeyOf(res);
    const body = parseBody(workOrderBodySchema, req);
    const changes = Array.isArray(body) ? body : [body];
    const sent: unknown = req.body;
    const originals: unknown[] = Array.isArray(sent) ? sent : [sent];
    const events = changes.map(mapWorkOrderChange);
    const outcomes = await services.ingest.ingestGrouped(events.map((event, i) => ({ event, via: 'workorder', raw: JSON.stringify(originals[i]) })));
    const result: WorkOrderResult = {
      received: events.length,
      stored: outcomes.filter((o) => o.status === 'stored').length,
      duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
      notApplied: outcomes.filter((o) => o.status === 'stored' && !o.applied).length,
      results: outcomes.map((o, i) => ({
        workOrderId: events[i]?.externalKey ?? '',
        transition: events[i]?.transition ?? '',
        eventKey: o.eventKey,
        status: o.status,
        applied: o.applied,
        points: o.points,
        ...(o.reason ? { reason: o.reason } : {}),
      })),
    };
    res.status(result.stored > 0 ? 201 : 200).json(result);
  });
  return router;
}
