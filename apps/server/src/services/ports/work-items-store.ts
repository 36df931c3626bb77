import { atRiskAt, type SlaClockState, type Stream, type WorkItem } from '@opsquest/core';

export interface WorkItemRecord {
  id: number;
  item: WorkItem;
  updatedAt: number;
}

export interface ListFilter {
  stream?: Stream;
  state: 'open' | 'closed' | 'all';
  assignee?: string;
  limit: number;
}

/** Current state of each work item (the core WorkItem as JSON, with indexed columns for queries). */
export interface WorkItemsStore {
  /** Closed items whose close time (source clock) is at or after `since`. */
  closedSince(since: number): Promise<WorkItem[]>;
  openCounts(): Promise<Record<Stream, number>>;
  setNextSlaCheck(id: number, at: number | null): Promise<void>;
  get(itemKey: string): Promise<WorkItem | undefined>;
  findById(id: number): Promise<WorkItemRecord | undefined>;
  findByKey(itemKey: string): Promise<WorkItemRecord | undefined>;
  save(item: WorkItem, now: number): Promise<number>;
  /** Items whose SLA clocks need a look at or before `now`. */
  dueForSlaCheck(now: number, limit: number): Promise<WorkItemRecord[]>;
  list(filter: ListFilter): Promise<WorkItemRecord[]>;
}

/** The next instant the SLA timer must look at a clock: its at-risk point, then its due time. */
function nextCheck(clock: SlaClockState, atRiskPct: number): number | null {
  if (clock.stoppedAt !== undefined || clock.pausedSince !== undefined) return null;
  if (!clock.atRiskFlagged) return atRiskAt(clock, atRiskPct);
  if (!clock.breachFlagged) return clock.dueAt;
  return null;
}

/** When the SLA timer must next look at an item (the column both adapters index), or null when never. */
export function nextSlaCheck(item: WorkItem, atRiskPct: number): number | null {
  if (!item.open) return null;
  const checks = [nextCheck(item.sla.response, atRiskPct), nextCheck(item.sla.resolution, atRiskPct)].filter((n): n is number => n !== null);
  return checks.length ? Math.min(...checks) : null;
}
