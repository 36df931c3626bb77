import type { AuditRecord, AuditRow, AuditStore } from '../../services/ports/audit-store';
import type { PgExecutor } from './executor.postgres';
import { type RawAudit, toAuditRow } from '../rows/audit-rows';

const SELECT = 'SELECT a.seq, a.at, a.actor_id, p.display_name AS actor_name, a.action, a.target_type, a.target_id, a.reason, a.details FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id';

/**
 * PostgreSQL's AuditStore: append and read, never update or delete (the migration's triggers refuse
 * UPDATE, DELETE and TRUNCATE). SQLite's `LIKE 'prefix%'` is case-insensitive (ASCII) and has no
 * escape character, so the prefix filters here are ILIKE ... ESCAPE '' (PostgreSQL's LIKE would be
 * case-sensitive and take a backslash as an escape).
 */
export class PgAuditStore implements AuditStore {
  constructor(private readonly pg: PgExecutor) {}

  /** Call inside the transaction of the change it records, so both commit or neither. */
  async record(at: number, r: AuditRecord): Promise<number> {
    const row = await this.pg.one<{ seq: number }>(
      'INSERT INTO audit_log (at, actor_id, action, target_type, target_id, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq',
      [at, r.actorId, r.action, r.targetType ?? null, r.targetId ?? null, r.reason ?? null, r.details === undefined ? null : JSON.stringify(r.details)],
    );
    if (!row) throw new Error('audit record was not written');
    return row.seq;
  }

  /** What a lead of `teamId` may read, newest first: nothing about other teams' people. */
  async recentForLead(limit: number, teamId: string, actionPrefix = ''): Promise<AuditRow[]> {
    // A lead's view: everything except records about people of other teams (or of no team) and security events.
    const rows = await this.pg.rows<RawAudit>(
      `${SELECT} WHERE a.action ILIKE $1 ESCAPE '' AND a.action NOT ILIKE 'login.%' ESCAPE ''
         AND (a.target_type IS DISTINCT FROM 'person' OR a.target_id IN (SELECT id FROM people WHERE team_id = $2))
       ORDER BY a.seq DESC LIMIT $3`,
      [`${actionPrefix}%`, teamId, limit],
    );
    return rows.map(toAuditRow);
  }

  /** Newest first; `actionPrefix` such as `rules.` narrows it. */
  async recent(limit: number, actionPrefix?: string): Promise<AuditRow[]> {
    const rows = actionPrefix
      ? await this.pg.rows<RawAudit>(`${SELECT} WHERE a.action ILIKE $1 ESCAPE '' ORDER BY a.seq DESC LIMIT $2`, [`${actionPrefix}%`, limit])
      : await this.pg.rows<RawAudit>(`${SELECT} ORDER BY a.seq DESC LIMIT $1`, [limit]);
    return rows.map(toAuditRow);
  }
}
