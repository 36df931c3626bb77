import { Router } from 'express';
import { cancelMaintenanceBodySchema, createMaintenanceBodySchema, maintenanceIdParamSchema, maintenanceListQuerySchema } from '@opsquest/contracts';
import { requirePerson } from '../http/auth.middleware';
import { actorOf, requirePersonOrApiKey } from '../http/person-or-key.middleware';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import type { Services } from '../services';

/** Planned work: everyone signed in reads it; leads, admins and integrations (maintenance:write) declare and cancel it. */
export function maintenanceRoutes(services: Services): Router {
  const router = Router();
  const mayChange = requirePersonOrApiKey(services.auth, ['lead', 'admin'], 'maintenance:write');
  router.get('/', requirePerson(services.auth), async (req, res) => {
    const { state } = parseQuery(maintenanceListQuerySchema, req);
    res.json({ windows: await services.maintenance.list(state) });
  });
  router.post('/', mayChange, async (req, res) => {
    const body = parseBody(createMaintenanceBodySchema, req);
    res.status(201).json(await services.maintenance.declare(actorOf(res), body));
  });
  router.post('/:id/cancel', mayChange, async (req, res) => {
    const { id } = parseParams(maintenanceIdParamSchema, req);
    const { reason } = parseBody(cancelMaintenanceBodySchema, req);
    res.json(await services.maintenance.cancel(actorOf(res), id, reason));
  });
  return router;
}
