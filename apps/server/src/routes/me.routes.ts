import { Router } from 'express';
import { historyQuerySchema, participationBodySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseBody, parseQuery } from '../http/validate';
import type { Services } from '../services';

export function meRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth));

  router.get('/', async (_req, res) => {
    res.json(await services.profile.me(principalOf(res).id));
  });

  router.get('/ledger', async (req, res) => {
    const { limit } = parseQuery(historyQuerySchema, req);
    res.json({ entries: await services.profile.recentLedger(principalOf(res).id, limit) });
  });

  /** My awards that were not scored: over a cap, or held for my lead (with the decision once made). */
  router.get('/withheld', async (_req, res) => {
    res.json({ withheld: await services.review.mine(principalOf(res).id) });
  });

  router.get('/participation', async (_req, res) => {
    res.json(await services.participation.get(principalOf(res).id));
  });

  router.put('/participation', async (req, res) => {
    const body = parseBody(participationBodySchema, req);
    res.json(await services.participation.update(principalOf(res).id, body));
  });

  return router;
}
