import type { MaintenanceScope } from '@opsquest/core';
import type { MaintenanceRow } from '../../services/ports/maintenance-store';

/** A maintenance_windows row as both adapters read it. */
export interface RawMaintenance {
  id: string;
  title: string;
  reference: string | null;
  scope: string;
  starts_at: number;
  ends_at: number;
  declared_at: number;
  declared_by: string;
  actor_id: string | null;
  cancelled_at: number | null;
  cancelled_by: string | null;
}

export const MAINTENANCE_COLUMNS = 'id, title, reference, scope, starts_at, ends_at, declared_at, declared_by, actor_id, cancelled_at, cancelled_by';

function scopeOf(json: string): MaintenanceScope {
  const parsed = JSON.parse(json) as Partial<MaintenanceScope>;
  return { regions: parsed.regions ?? [], sites: parsed.sites ?? [], elements: parsed.elements ?? [] };
}

export function toMaintenanceRow(r: RawMaintenance): MaintenanceRow {
  const row: MaintenanceRow = {
    id: r.id,
    title: r.title,
    reference: r.reference,
    scope: scopeOf(r.scope),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    declaredAt: r.declared_at,
    declaredBy: r.declared_by,
    actorId: r.actor_id,
    cancelledBy: r.cancelled_by,
  };
  if (r.cancelled_at !== null) row.cancelledAt = r.cancelled_at;
  return row;
}

/** The values of an INSERT of every column, in MAINTENANCE_COLUMNS' order. */
export function maintenanceValues(row: MaintenanceRow): unknown[] {
  return [row.id, row.title, row.reference, JSON.stringify(row.scope), row.startsAt, row.endsAt, row.declaredAt, row.declaredBy, row.actorId, row.cancelledAt ?? null, row.cancelledBy];
}

/** The LIKE pattern of a work item's state that names this window (ids are letters, digits and dashes only). */
export function plannedStatePattern(id: string): string {
  return `%"maintenanceWindowId":${JSON.stringify(id)}%`;
}
