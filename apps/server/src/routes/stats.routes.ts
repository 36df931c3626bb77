import { Router } from 'express';
import { statsQuerySchema } from '@opsquest/contracts';
import { requirePerson } from '../http/auth.middleware';
import { parseQuery } from '../http/validate';
import type { Services } from '../services';

export function statsRoutes(services: Services): Router {
  const router = Router();
  router.get('/', requirePerson(services.auth), async (req, res) => {
    const { window } = parseQuery(statsQuerySchema, req);
    res.json(await services.stats.get(window));
  });
  return router;
}
