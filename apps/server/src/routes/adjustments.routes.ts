import { Router } from 'express';
import { adjustmentBodySchema, personParamSchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseBody, parseParams } from '../http/validate';
import type { Services } from '../services';

/** POST /api/people/:id/adjustments: a lead (own team) or an admin adds or removes points, with a reason. */
export function adjustmentRoutes(services: Services): Router {
  const router = Router();
  router.post('/:id/adjustments', requirePerson(services.auth, ['lead', 'admin']), async (req, res) => {
    const { id } = parseParams(personParamSchema, req);
    const body = parseBody(adjustmentBodySchema, req);
    res.status(201).json(await services.adjustments.adjust(principalOf(res), id, body));
  });
  return router;
}
