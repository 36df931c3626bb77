import { Router } from 'express';
import { insightsQuerySchema, personParamSchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseParams, parseQuery } from '../http/validate';
import type { Services } from '../services';

/** Engagement and outcome trends (leads, admins); mastery: skill tracks, personal bests, compete with yourself. */
export function insightsRoutes(services: Services): Router {
  const router = Router();
  router.get('/engagement', requirePerson(services.auth, ['lead', 'admin']), async (req, res) => {
    res.json(await services.insights.engagement(parseQuery(insightsQuerySchema, req), principalOf(res)));
  });
  router.get('/outcomes', requirePerson(services.auth, ['lead', 'admin']), async (req, res) => {
    res.json(await services.insights.outcomes(parseQuery(insightsQuerySchema, req), principalOf(res)));
  });
  router.get('/me', requirePerson(services.auth), async (_req, res) => {
    const viewer = principalOf(res);
    res.json(await services.insights.mastery(viewer.id, viewer));
  });
  router.get('/people/:id', requirePerson(services.auth), async (req, res) => {
    const { id } = parseParams(personParamSchema, req);
    res.json(await services.insights.mastery(id, principalOf(res)));
  });
  return router;
}
