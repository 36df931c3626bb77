import type { AuditRow } from '../../services/ports/audit-store';

/** An audit_log row (with the actor's name) as both adapters read it, and how it becomes an AuditRow. */
export interface RawAudit {
  seq: number;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  reason: string | null;
  details: string | null;
}

export function toAuditRow(r: RawAudit): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    reason: r.reason,
    details: r.details === null ? null : (JSON.parse(r.details) as unknown),
  };
}
