import type { OpsEvent } from '../event';
import type { SlaTable } from '../sla';
import type { WorkItem } from '../work-item';

/** What a transition did, in words the scoring engine and the live feed understand. */
export type LifecycleEffect =
  | 'created'
  | 'updated'
  | 'commented'
  | 'rated'
  | 'responded'
  | 'unacknowledged'
  | 'resolved'
  | 'reopened'
  | 'closedUnresolved'
  | 'paused'
  | 'resumed'
  | 'slaAtRisk'
  | 'slaBreached';

export interface LifecycleContext {
  slaTable: SlaTable;
  /** the event's occurredAt as epoch ms */
  at: number;
}

export type LifecycleResult =
  | { ok: true; item: WorkItem; effects: LifecycleEffect[] }
  | { ok: false; reason: string };

export type Lifecycle = (item: WorkItem | undefined, event: OpsEvent, ctx: LifecycleContext) => LifecycleResult;
