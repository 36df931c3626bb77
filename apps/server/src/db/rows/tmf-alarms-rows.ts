import type { WorkItem } from '@opsquest/core';
import type { WorkItemRecord } from '../../services/ports/work-items-store';

/** work_items and work_item_history rows as both TMF642 alarm adapters read them. */
export interface RawItem {
  id: number;
  state: string;
  updated_at: number;
}

export interface RawHistory {
  item_key: string;
  transition: string;
  occurred_at: number;
  via: string;
  raw: string | null;
}

export const toRecord = (r: RawItem): WorkItemRecord => ({ id: r.id, item: JSON.parse(r.state) as WorkItem, updatedAt: r.updated_at });
