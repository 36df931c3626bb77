import { type Severity } from '@opsquest/core';
import type { WorkItemRecord } from './work-items-store';

/** One applied event of an alarm, as the TMF642 view needs it (the raw payload holds TMF-only attributes). */
export interface AlarmHistoryEntry {
  transition: string;
  occurredAt: number;
  via: string;
  raw: string | null;
}

export interface AlarmPageFilter {
  states?: readonly string[];
  severities?: readonly Severity[];
  ackStates?: readonly string[];
  offset: number;
  limit: number;
}

/** Alarm work items as the TMF642 API reads them: filtered pages with a total, open alarms for task patterns, and their event history. */
export interface TmfAlarmsStore {
  /** One page of alarms in creation order (stable under new arrivals) and how many match in all. */
  page(filter: AlarmPageFilter): Promise<{
  total: number;
  records: WorkItemRecord[];
  }>;
  /** Every open alarm (candidates for an AckAlarms / ClearAlarms pattern). */
  openAlarms(): Promise<WorkItemRecord[]>;
  /** The applied events of each item, in log order. */
  historyOf(itemKeys: readonly string[]): Promise<Map<string, AlarmHistoryEntry[]>>;
  /** The work item id of each incident's root-cause alarm (an incident without one is left out). */
  incidentRoots(incidentIds: readonly string[]): Promise<Map<string, number>>;
}

