import { Router } from 'express';
import { heldEntryParamSchema, reviewDecisionBodySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseBody, parseParams } from '../http/validate';
import type { Services } from '../services';

/** Held points (bursts) for a lead or admin to release or reject, each with a reason. */
export function reviewRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth, ['lead', 'admin']));

  router.get('/held', async (_req, res) => {
    res.json({ held: await services.review.held(principalOf(res)) });
  });
  router.post('/held/:entryId/release', async (req, res) => {
    const { entryId } = parseParams(heldEntryParamSchema, req);
    const { reason } = parseBody(reviewDecisionBodySchema, req);
    res.json(await services.review.release(entryId, reason, principalOf(res)));
  });
  router.post('/held/:entryId/reject', async (req, res) => {
    const { entryId } = parseParams(heldEntryParamSchema, req);
    const { reason } = parseBody(reviewDecisionBodySchema, req);
    res.json(await services.review.reject(entryId, reason, principalOf(res)));
  });
  return router;
}
