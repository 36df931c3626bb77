import type { MaintenanceWindow } from '@opsquest/core';
import type { MaintenanceRow, MaintenanceStore } from '../../services/ports/maintenance-store';
import type { PgExecutor } from './executor.postgres';
import { MAINTENANCE_COLUMNS, maintenanceValues, plannedStatePattern, toMaintenanceRow, type RawMaintenance } from '../rows/maintenance-rows';

/** PostgreSQL's MaintenanceStore: the same statements as SQLite's, numbered parameters. */
export class PgMaintenanceStore implements MaintenanceStore {
  constructor(private readonly pg: PgExecutor) {}

  async create(row: MaintenanceRow): Promise<void> {
    await this.pg.run(`INSERT INTO maintenance_windows (${MAINTENANCE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, maintenanceValues(row));
  }

  async get(id: string): Promise<MaintenanceRow | undefined> {
    const r = await this.pg.one<RawMaintenance>(`SELECT ${MAINTENANCE_COLUMNS} FROM maintenance_windows WHERE id = $1`, [id]);
    return r ? toMaintenanceRow(r) : undefined;
  }

  async cancel(id: string, at: number, by: string): Promise<boolean> {
    return (await this.pg.run('UPDATE maintenance_windows SET cancelled_at = $1, cancelled_by = $2 WHERE id = $3 AND cancelled_at IS NULL', [at, by, id])) === 1;
  }

  async endingAfter(since: number): Promise<MaintenanceRow[]> {
    const rows = await this.pg.rows<RawMaintenance>(
      `SELECT ${MAINTENANCE_COLUMNS} FROM maintenance_windows WHERE ends_at > $1 AND (cancelled_at IS NULL OR cancelled_at > $1) ORDER BY starts_at, id`,
      [since],
    );
    return rows.map(toMaintenanceRow);
  }

  async covering(from: number, to: number, declaredBy: number): Promise<MaintenanceWindow[]> {
    const rows = await this.pg.rows<RawMaintenance>(
      `SELECT ${MAINTENANCE_COLUMNS} FROM maintenance_windows WHERE ends_at > $1 AND starts_at <= $2 AND declared_at <= $3 AND (cancelled_at IS NULL OR cancelled_at > $1) ORDER BY starts_at, id`,
      [from, to, declaredBy],
    );
    return rows.map(toMaintenanceRow);
  }

  async plannedAlarmCounts(windows: readonly Pick<MaintenanceWindow, 'id' | 'startsAt' | 'endsAt'>[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const w of windows) {
      const r = await this.pg.one<{ n: number }>("SELECT count(*)::int AS n FROM work_items WHERE stream = 'alarm' AND opened_at >= $1 AND opened_at < $2 AND state LIKE $3", [w.startsAt, w.endsAt, plannedStatePattern(w.id)]);
      counts.set(w.id, r?.n ?? 0);
    }
    return counts;
  }
}
