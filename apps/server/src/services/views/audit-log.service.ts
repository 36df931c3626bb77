import type { AuditEntryView } from '@opsquest/contracts';
import type { Repositories } from '../ports/repositories';
import type { Viewer } from './visibility';

/** Reading the audit log: admins all of it, a lead their own team's part (newest first). */
export class AuditLogService {
  constructor(private readonly repos: Repositories) {}

  /** Optionally one action prefix such as `rules.`. A lead manages their own team: other teams' adjustments, reviews and opt-outs are not theirs to read. */
  async recent(viewer: Viewer, limit: number, action: string | undefined): Promise<AuditEntryView[]> {
    const rows = viewer.role === 'admin' ? await this.repos.audit.recent(limit, action) : await this.repos.audit.recentForLead(limit, viewer.teamId ?? '', action);
    return rows.map((a) => ({ ...a, at: new Date(a.at).toISOString() }));
  }
}
