import { Router } from 'express';
import { boardQuerySchema, leagueSettingsBodySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseBody, parseQuery } from '../http/validate';
import type { Services } from '../services';

export function leaderboardRoutes(services: Services): Router {
  const router = Router();
  router.get('/', requirePerson(services.auth), async (req, res) => {
    const q = parseQuery(boardQuerySchema, req);
    const me = principalOf(res);
    const viewer = { id: me.id, role: me.role, teamId: me.teamId };
    res.json(await services.leaderboard.get(q.scope, q.window, q.limit, viewer, q.around, { ...(q.league ? { league: q.league } : {}), metric: q.metric }));
  });
  /** Weekly league tiers (bronze / silver / gold with promotion and demotion): on or off. */
  router.get('/settings', requirePerson(services.auth), async (_req, res) => {
    res.json(await services.leaderboard.leagueSettings());
  });
  router.put('/settings', requirePerson(services.auth, ['admin']), async (req, res) => {
    const body = parseBody(leagueSettingsBodySchema, req);
    res.json(await services.leaderboard.setLeagueSettings(principalOf(res).id, body));
  });
  return router;
}
