import { Router } from 'express';
import { historyQuerySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseQuery } from '../http/validate';
import type { Services } from '../services';

export function feedRoutes(services: Services): Router {
  const router = Router();
  router.get('/', requirePerson(services.auth), (req, res) => {
    const { limit } = parseQuery(historyQuerySchema, req);
    const me = principalOf(res);
    // Leads and admins see everyone's; others their team's.
    const teamId = me.role === 'admin' || me.role === 'lead' || !me.teamId ? undefined : me.teamId;
    // People hidden from the feed show as "A teammate" to everyone but themselves, their lead and admins.
    res.json({ items: services.visibility.feedItems(me, services.repos.feed.recent(limit, teamId)) });
  });
  return router;
}
