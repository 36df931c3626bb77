import { Router } from 'express';
import { customersQuerySchema, networkHealthQuerySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseQuery } from '../http/validate';
import type { Services } from '../services';

/** Network health: open alarms by region and site, MTTR per week, recurring faults (engineers, leads, admins). */
export function networkHealthRoutes(services: Services): Router {
  const router = Router();
  router.get('/', requirePerson(services.auth, ['engineer', 'lead', 'admin']), async (req, res) => {
    res.json(await services.networkHealth.get(parseQuery(networkHealthQuerySchema, req), principalOf(res)));
  });
  return router;
}

/** Knowing the customer: customers and sites with repeat faults or visits, with their history (leads, admins). */
export function customersRoutes(services: Services): Router {
  const router = Router();
  router.get('/', requirePerson(services.auth, ['lead', 'admin']), async (req, res) => {
    res.json(await services.customers.repeat(parseQuery(customersQuerySchema, req), principalOf(res)));
  });
  return router;
}
