import { Router } from 'express';
import { historyQuerySchema, participationBodySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseBody, parseQuery } from '../http/validate';
import type { Services } from '../services';

export function meRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth));

  router.get('/', (_req, res) => {
    res.json(services.profile.me(principalOf(res).id));
  });

  router.get('/ledger', (req, res) => {
    const { limit } = parseQuery(historyQuerySchema, req);
    res.json({ entries: services.profile.recentLedger(principalOf(res).id, limit) });
  });

  /** My awards that were not scored: over a cap, or held for my lead (with the decision once made). */
  router.get('/withheld', (_req, res) => {
    res.json({ withheld: services.review.mine(principalOf(res).id) });
  });

  router.get('/participation', (_req, res) => {
    res.json(services.participation.get(principalOf(res).id));
  });

  router.put('/participation', (req, res) => {
    const body = parseBody(participationBodySchema, req);
    res.json(services.participation.update(principalOf(res).id, body));
  });

  return router;
}
