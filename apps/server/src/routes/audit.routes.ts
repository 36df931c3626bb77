import { Router } from 'express';
import { auditQuerySchema } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseQuery } from '../http/validate';
import type { Services } from '../services';

/** Leads (their own team's part) and admins (all of it): the audit log, newest first, optionally one action prefix such as `rules.`. */
export function auditRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth, ['lead', 'admin']));
  router.get('/', async (req, res) => {
    const { limit, action } = parseQuery(auditQuerySchema, req);
    res.json({ entries: await services.auditLog.recent(principalOf(res), limit, action) });
  });
  return router;
}
