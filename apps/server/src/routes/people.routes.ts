import { Router } from 'express';
import { personParamSchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseParams } from '../http/validate';
import type { Services } from '../services';

export function peopleRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth));
  router.get('/:id', async (req, res) => {
    const { id } = parseParams(personParamSchema, req);
    res.json(await services.people.view(id, principalOf(res)));
  });
  return router;
}

export function teamRoutes(services: Services): Router {
  const router = Router();
  router.get('/', requirePerson(services.auth), async (_req, res) => {
    res.json({ teams: await services.people.teams(principalOf(res)) });
  });
  return router;
}
