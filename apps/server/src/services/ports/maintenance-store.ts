import type { MaintenanceWindow } from '@opsquest/core';

/** A maintenance window as stored: the core's window with who declared it and why. */
export interface MaintenanceRow extends MaintenanceWindow {
  reference: string | null;
  declaredBy: string;
  /** the person who declared it; null for an integration */
  actorId: string | null;
  cancelledBy: string | null;
}

/** Planned work (maintenance windows): declared, listed, cancelled; never deleted. */
export interface MaintenanceStore {
  create(row: MaintenanceRow): Promise<void>;
  get(id: string): Promise<MaintenanceRow | undefined>;
  /** ends the window at `at` (if it was not cancelled already); false when it was */
  cancel(id: string, at: number, by: string): Promise<boolean>;
  /** windows still in force at `since` or later (not ended, not cancelled before it), by start */
  endingAfter(since: number): Promise<MaintenanceRow[]>;
  /** windows that may cover raises between `from` and `to` (epoch ms), declared by `declaredBy` */
  covering(from: number, to: number, declaredBy: number): Promise<MaintenanceWindow[]>;
  /** how many alarms each window marked as planned (alarms whose current life began in it) */
  plannedAlarmCounts(windows: readonly Pick<MaintenanceWindow, 'id' | 'startsAt' | 'endsAt'>[]): Promise<Map<string, number>>;
}
