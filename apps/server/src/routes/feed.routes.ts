import { Router } from 'express';
import { historyQuerySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseQuery } from '../http/validate';
import type { Services } from '../services';

export function feedRoutes(services: Services): Router {
  const router = Router();
  router.get('/', requirePerson(services.auth), async (req, res) => {
    const { limit } = parseQuery(historyQuerySchema, req);
    res.json({ items: await services.visibility.recentFeed(principalOf(res), limit) });
  });
  return router;
}
