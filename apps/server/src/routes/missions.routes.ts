import { Router } from 'express';
import { createMissionBodySchema, editMissionBodySchema, missionIdParamSchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseBody, parseParams } from '../http/validate';
import type { Services } from '../services';

/** Missions: everyone sees theirs with progress; leads (own team) and admins create and edit them. */
export function missionRoutes(services: Services): Router {
  const router = Router();
  const { missions } = services;
  router.use(requirePerson(services.auth));

  router.get('/', async (_req, res) => {
    res.json({ missions: await missions.listFor(principalOf(res)) });
  });
  router.get('/templates', (_req, res) => {
    res.json({ templates: missions.templates() });
  });
  router.get('/:id', async (req, res) => {
    res.json(await missions.get(principalOf(res), parseParams(missionIdParamSchema, req).id));
  });
  router.post('/', requirePerson(services.auth, ['lead', 'admin']), async (req, res) => {
    res.status(201).json(await missions.create(principalOf(res), parseBody(createMissionBodySchema, req)));
  });
  /** editing creates a new version */
  router.post('/:id/versions', requirePerson(services.auth, ['lead', 'admin']), async (req, res) => {
    const { id } = parseParams(missionIdParamSchema, req);
    res.status(201).json(await missions.edit(principalOf(res), id, parseBody(editMissionBodySchema, req)));
  });
  return router;
}
