export interface AuditRecord {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  reason?: string;
  details?: unknown;
}

export interface AuditRow {
  seq: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  details: unknown;
}

/** The audit log: append and read, never update or delete. */
export interface AuditStore {
  /** Call inside the transaction of the change it records, so both commit or neither. */
  record(at: number, r: AuditRecord): Promise<number>;
  /** What a lead of `teamId` may read, newest first: nothing about other teams' people. */
  recentForLead(limit: number, teamId: string, actionPrefix?: string): Promise<AuditRow[]>;
  /** Newest first; `actionPrefix` such as `rules.` narrows it. */
  recent(limit: number, actionPrefix?: string): Promise<AuditRow[]>;
}

