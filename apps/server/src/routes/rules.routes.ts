import { Router } from 'express';
import { previewRulesBodySchema, publishRulesBodySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseBody } from '../http/validate';
import type { Services } from '../services';

/** Leads and admins: the rule set in force with its history, the what-if preview, publishing. */
export function rulesRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth, ['lead', 'admin']));
  router.get('/', async (_req, res) => {
    res.json(await services.rules.view());
  });
  router.post('/preview', async (req, res) => {
    const { draft } = parseBody(previewRulesBodySchema, req);
    res.json(await services.rules.preview(draft));
  });
  router.post('/publish', async (req, res) => {
    const { draft, reason } = parseBody(publishRulesBodySchema, req);
    res.status(201).json(await services.rules.publish(draft, reason, principalOf(res)));
  });
  return router;
}
