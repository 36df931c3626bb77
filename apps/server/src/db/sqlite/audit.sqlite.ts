import type { Db } from '../database';
import { type AuditRecord, type AuditRow, type AuditStore } from '../../services/ports/audit-store';
import { type RawAudit, toAuditRow } from '../rows/audit-rows';

/** The audit log: append and read, never update or delete. */
export class SqliteAuditStore implements AuditStore {
  private readonly insert;
  private readonly recentAll;
  private readonly recentAction;
  private readonly recentForTeam;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO audit_log (at, actor_id, action, target_type, target_id, reason, details) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const select = 'SELECT a.seq, a.at, a.actor_id, p.display_name AS actor_name, a.action, a.target_type, a.target_id, a.reason, a.details FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id';
    this.recentAll = db.prepare<[number], RawAudit>(`${select} ORDER BY a.seq DESC LIMIT ?`);
    this.recentAction = db.prepare<[string, number], RawAudit>(`${select} WHERE a.action LIKE ? ORDER BY a.seq DESC LIMIT ?`);
    // A lead's view: everything except records about people of other teams (or of no team) and security events.
    this.recentForTeam = db.prepare<{ prefix: string; teamId: string; limit: number }, RawAudit>(
      `${select} WHERE a.action LIKE @prefix AND a.action NOT LIKE 'login.%'
         AND (a.target_type IS NOT 'person' OR a.target_id IN (SELECT id FROM people WHERE team_id = @teamId))
       ORDER BY a.seq DESC LIMIT @limit`,
    );
  }

  /** Call inside the transaction of the change it records, so both commit or neither. */
  async record(at: number, r: AuditRecord): Promise<number> {
    return Number(
      this.insert.run(at, r.actorId, r.action, r.targetType ?? null, r.targetId ?? null, r.reason ?? null, r.details === undefined ? null : JSON.stringify(r.details)).lastInsertRowid,
    );
  }

  /** What a lead of `teamId` may read, newest first: nothing about other teams' people. */
  async recentForLead(limit: number, teamId: string, actionPrefix = ''): Promise<AuditRow[]> {
    return this.recentForTeam.all({ prefix: `${actionPrefix}%`, teamId, limit }).map(toAuditRow);
  }

  /** Newest first; `actionPrefix` such as `rules.` narrows it. */
  async recent(limit: number, actionPrefix?: string): Promise<AuditRow[]> {
    return (actionPrefix ? this.recentAction.all(`${actionPrefix}%`, limit) : this.recentAll.all(limit)).map(toAuditRow);
  }
}
