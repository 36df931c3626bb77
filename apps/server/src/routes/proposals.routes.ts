import { Router } from 'express';
import { decisionBodySchema, missionIdParamSchema, proposalsQuerySchema, proposeBadgeBodySchema, proposeMissionBodySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import type { Services } from '../services';

/** Co-creation: staff propose missions and badges; leads (own team) and admins approve or reject with a reason. */
export function proposalRoutes(services: Services): Router {
  const router = Router();
  const { proposals } = services;
  router.use(requirePerson(services.auth));

  router.get('/', async (req, res) => {
    res.json({ proposals: await proposals.list(principalOf(res), parseQuery(proposalsQuerySchema, req).status) });
  });
  router.post('/missions', requirePerson(services.auth, ['engineer', 'technician']), async (req, res) => {
    res.status(201).json(await proposals.proposeMission(principalOf(res), parseBody(proposeMissionBodySchema, req)));
  });
  router.post('/badges', requirePerson(services.auth, ['engineer', 'technician']), async (req, res) => {
    res.status(201).json(await proposals.proposeBadge(principalOf(res), parseBody(proposeBadgeBodySchema, req)));
  });
  router.post('/:id/approve', requirePerson(services.auth, ['lead', 'admin']), async (req, res) => {
    const { id } = parseParams(missionIdParamSchema, req);
    res.json(await proposals.approve(principalOf(res), id, parseBody(decisionBodySchema, req).reason));
  });
  router.post('/:id/reject', requirePerson(services.auth, ['lead', 'admin']), async (req, res) => {
    const { id } = parseParams(missionIdParamSchema, req);
    res.json(await proposals.reject(principalOf(res), id, parseBody(decisionBodySchema, req).reason));
  });
  return router;
}
