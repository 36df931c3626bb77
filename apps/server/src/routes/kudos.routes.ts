import { Router } from 'express';
import { giveKudosBodySchema, kudosListQuerySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseBody, parseQuery } from '../http/validate';
import type { Services } from '../services';

export function kudosRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth));
  router.post('/', async (req, res) => {
    const body = parseBody(giveKudosBodySchema, req);
    res.status(201).json(await services.kudos.give(principalOf(res), body));
  });
  router.get('/budget', async (_req, res) => {
    res.json(await services.kudos.budget(principalOf(res).id));
  });
  router.get('/', async (req, res) => {
    const q = parseQuery(kudosListQuerySchema, req);
    const me = principalOf(res);
    res.json(await services.kudos.list(me, q.personId ?? me.id, q.limit));
  });
  return router;
}
