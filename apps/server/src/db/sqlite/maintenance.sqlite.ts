import type { MaintenanceWindow } from '@opsquest/core';
import type { Db } from '../database';
import type { MaintenanceRow, MaintenanceStore } from '../../services/ports/maintenance-store';
import { MAINTENANCE_COLUMNS, maintenanceValues, plannedStatePattern, toMaintenanceRow, type RawMaintenance } from '../rows/maintenance-rows';

/** SQLite's MaintenanceStore: planned work, never deleted. */
export class SqliteMaintenanceStore implements MaintenanceStore {
  private readonly insert;
  private readonly one;
  private readonly cancelOne;
  private readonly ending;
  private readonly cover;
  private readonly planned;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO maintenance_windows (${MAINTENANCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.one = db.prepare<[string], RawMaintenance>(`SELECT ${MAINTENANCE_COLUMNS} FROM maintenance_windows WHERE id = ?`);
    this.cancelOne = db.prepare<[number, string, string]>('UPDATE maintenance_windows SET cancelled_at = ?, cancelled_by = ? WHERE id = ? AND cancelled_at IS NULL');
    this.ending = db.prepare<[number, number], RawMaintenance>(
      `SELECT ${MAINTENANCE_COLUMNS} FROM maintenance_windows WHERE ends_at > ? AND (cancelled_at IS NULL OR cancelled_at > ?) ORDER BY starts_at, id`,
    );
    this.cover = db.prepare<[number, number, number, number], RawMaintenance>(
      `SELECT ${MAINTENANCE_COLUMNS} FROM maintenance_windows WHERE ends_at > ? AND starts_at <= ? AND declared_at <= ? AND (cancelled_at IS NULL OR cancelled_at > ?) ORDER BY starts_at, id`,
    );
    this.planned = db.prepare<[number, number, string], { n: number }>("SELECT count(*) AS n FROM work_items WHERE stream = 'alarm' AND opened_at >= ? AND opened_at < ? AND state LIKE ?");
  }

  async create(row: MaintenanceRow): Promise<void> {
    this.insert.run(...maintenanceValues(row));
  }

  async get(id: string): Promise<MaintenanceRow | undefined> {
    const r = this.one.get(id);
    return r ? toMaintenanceRow(r) : undefined;
  }

  async cancel(id: string, at: number, by: string): Promise<boolean> {
    return this.cancelOne.run(at, by, id).changes === 1;
  }

  async endingAfter(since: number): Promise<MaintenanceRow[]> {
    return this.ending.all(since, since).map(toMaintenanceRow);
  }

  async covering(from: number, to: number, declaredBy: number): Promise<MaintenanceWindow[]> {
    return this.cover.all(from, to, declaredBy, from).map(toMaintenanceRow);
  }

  async plannedAlarmCounts(windows: readonly Pick<MaintenanceWindow, 'id' | 'startsAt' | 'endsAt'>[]): Promise<Map<string, number>> {
    return new Map(windows.map((w) => [w.id, this.planned.get(w.startsAt, w.endsAt, plannedStatePattern(w.id))?.n ?? 0]));
  }
}
