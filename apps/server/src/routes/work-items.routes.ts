import { Router } from 'express';
import { z } from 'zod';
import { bulkActionBodySchema, idParamSchema, incidentRegroupBodySchema, workActionBodySchema, workItemsQuerySchema, type BulkActionResult } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { statusOfDomainError, validationError } from '../http/errors';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import type { Services } from '../services';

const idempotencyKeySchema = z.object({
  'idempotency-key': z.string().trim().min(8).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only').optional(),
});

export function workItemRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth));

  router.get('/', async (req, res) => {
    const query = parseQuery(workItemsQuerySchema, req);
    res.json({ items: await services.workItems.list(query, principalOf(res)) });
  });

  router.post('/bulk-actions', async (req, res) => {
    const body = parseBody(bulkActionBodySchema, req);
    const outcomes = await services.workItems.bulk(body, principalOf(res));
    const results: BulkActionResult['results'] = outcomes.map((o) =>
      o.error ? { id: o.id, status: statusOfDomainError(o.error), error: o.error.message } : { id: o.id, status: 200, item: o.done.item, awarded: o.done.awarded },
    );
    res.json({ results } satisfies BulkActionResult);
  });

  router.get('/:id/timeline', async (req, res) => {
    const { id } = parseParams(idParamSchema, req);
    res.json(await services.workItems.timeline(id));
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseParams(idParamSchema, req);
    res.json(await services.workItems.get(id));
  });

  // leads and admins regroup incidents: make an alarm the root cause, split it out, merge into another (audited)
  router.post('/:id/incident', requirePerson(services.auth, ['lead', 'admin']), async (req, res) => {
    const { id } = parseParams(idParamSchema, req);
    const body = parseBody(incidentRegroupBodySchema, req);
    res.json(await services.incidents.regroup(id, body, principalOf(res)));
  });

  router.post('/:id/actions', async (req, res) => {
    const { id } = parseParams(idParamSchema, req);
    const body = parseBody(workActionBodySchema, req);
    const key = idempotencyKeySchema.safeParse({ 'idempotency-key': req.get('Idempotency-Key') });
    if (!key.success) throw validationError(key.error, 'headers');
    res.json(await services.workItems.act(id, body, principalOf(res), key.data['idempotency-key']));
  });

  return router;
}

/** Mounted at /api/alarms: the open truncation gaps above the alarm board, for everyone who sees the board. */
export function alarmRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth));
  router.get('/gaps', async (_req, res) => {
    res.json({ gaps: await services.integrationNotices.gaps() });
  });
  return router;
}
