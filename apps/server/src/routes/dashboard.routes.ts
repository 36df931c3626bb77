import { Router } from 'express';
import { dashboardQuerySchema, wallQuerySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseQuery } from '../http/validate';
import type { Services } from '../services';

export function dashboardRoutes(services: Services): Router {
  const router = Router();
  router.get('/', requirePerson(services.auth, ['lead', 'admin']), async (req, res) => {
    res.json(await services.dashboard.get(parseQuery(dashboardQuerySchema, req), principalOf(res)));
  });
  return router;
}

export function wallRoutes(services: Services): Router {
  const router = Router();
  router.get('/', requirePerson(services.auth), async (req, res) => {
    res.json(await services.wall.get(parseQuery(wallQuerySchema, req).window));
  });
  return router;
}
