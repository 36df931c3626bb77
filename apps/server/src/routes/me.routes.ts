import { Router } from 'express';
import { historyQuerySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseQuery } from '../http/validate';
import type { Services } from '../services';
import { toLedgerView } from '../services/work-item.view';

export function meRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth));

  router.get('/', (_req, res) => {
    res.json(services.profile.me(principalOf(res).id));
  });

  router.get('/ledger', (req, res) => {
    const { limit } = parseQuery(historyQuerySchema, req);
    const entries = services.repos.ledger.recentForPerson(principalOf(res).id, limit).map(toLedgerView);
    res.json({ entries });
  });

  return router;
}
