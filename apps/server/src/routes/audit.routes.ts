import { Router } from 'express';
import { auditQuerySchema, type AuditEntryView } from '@opsquest/contracts';
import { requirePerson } from '../http/auth.middleware';
import { parseQuery } from '../http/validate';
import type { Services } from '../services';

/** Leads and admins: the audit log, newest first, optionally one action (or an action prefix such as `rules.`). */
export function auditRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth, ['lead', 'admin']));
  router.get('/', (req, res) => {
    const { limit, action } = parseQuery(auditQuerySchema, req);
    const entries: AuditEntryView[] = services.repos.audit.recent(limit, action).map((a) => ({ ...a, at: new Date(a.at).toISOString() }));
    res.json({ entries });
  });
  return router;
}
