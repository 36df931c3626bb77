import { Router } from 'express';
import { leaderboardQuerySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseQuery } from '../http/validate';
import type { Services } from '../services';

export function leaderboardRoutes(services: Services): Router {
  const router = Router();
  router.get('/', requirePerson(services.auth), (req, res) => {
    const q = parseQuery(leaderboardQuerySchema, req);
    const me = principalOf(res);
    res.json(services.leaderboard.get(q.scope, q.window, q.limit, { personId: me.id, teamId: me.teamId }, q.around));
  });
  return router;
}
