import { Router } from 'express';
import { auditQuerySchema, type AuditEntryView } from '@opsquest/contracts';
import { principalOf, requirePerson } from '../http/auth.middleware';
import { parseQuery } from '../http/validate';
import type { Services } from '../services';

/** Leads (their own team's part) and admins (all of it): the audit log, newest first, optionally one action prefix such as `rules.`. */
export function auditRoutes(services: Services): Router {
  const router = Router();
  router.use(requirePerson(services.auth, ['lead', 'admin']));
  router.get('/', (req, res) => {
    const { limit, action } = parseQuery(auditQuerySchema, req);
    const viewer = principalOf(res);
    // A lead manages their own team: other teams' adjustments, reviews and opt-outs are not theirs to read.
    const rows = viewer.role === 'admin' ? services.repos.audit.recent(limit, action) : services.repos.audit.recentForLead(limit, viewer.teamId ?? '', action);
    const entries: AuditEntryView[] = rows.map((a) => ({ ...a, at: new Date(a.at).toISOString() }));
    res.json({ entries });
  });
  return router;
}
