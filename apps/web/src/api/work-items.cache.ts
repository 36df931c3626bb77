import type { QueryClient } from '@tanstack/react-query';
import { SEVERITY_RANK, type WorkItemView } from '@opsquest/contracts';
import { queryKeys, workItemFilterOf, type WorkItemFilter } from './query-keys';

export interface WorkItemsPage {
  items: WorkItemView[];
}

/** Whether an item belongs in a list fetched with this filter (as the server would decide). */
function matchesFilter(item: WorkItemView, filter: WorkItemFilter, username: string): boolean {
  if (item.stream !== filter.stream) return false;
  if (filter.state === 'open' && !item.open) return false;
  if (filter.state === 'closed' && item.open) return false;
  if (filter.mine && item.assignee?.toLowerCase() !== username.toLowerCase()) return false;
  return true;
}

/** Breached first, then at risk, then the rest (on the clock that is running). */
function riskRank(item: WorkItemView): number {
  const clock = item.sla.response.stoppedAt === undefined ? item.sla.response : item.sla.resolution;
  return clock.breached ? 0 : clock.atRisk ? 1 : 2;
}

function severityRank(item: WorkItemView): number {
  return SEVERITY_RANK[item.severity ?? 'indeterminate'];
}

function appointmentTime(item: WorkItemView): number {
  return item.appointmentStart === undefined ? Number.POSITIVE_INFINITY : Date.parse(item.appointmentStart);
}

/** The server's order for open queues: alarms and orders by severity then SLA risk, truck-rolls by appointment. */
function compareForStream(stream: WorkItemFilter['stream']): (a: WorkItemView, b: WorkItemView) => number {
  if (stream === 'truckroll') {
    return (a, b) => appointmentTime(a) - appointmentTime(b) || Date.parse(a.openedAt) - Date.parse(b.openedAt) || a.id - b.id;
  }
  return (a, b) =>
    severityRank(a) - severityRank(b) ||
    riskRank(a) - riskRank(b) ||
    Date.parse(a.sla.resolution.dueAt) - Date.parse(b.sla.resolution.dueAt) ||
    a.id - b.id;
}

/** Replaces, inserts or removes changed items in one cached list. Older versions never overwrite newer ones. */
function mergeChangedItems(list: WorkItemView[], changed: WorkItemView[], filter: WorkItemFilter, username: string): WorkItemView[] {
  const byId = new Map(list.map((item) => [item.id, item]));
  let touched = false;
  for (const item of changed) {
    const existing = byId.get(item.id);
    if (existing && Date.parse(existing.updatedAt) > Date.parse(item.updatedAt)) continue;
    if (matchesFilter(item, filter, username)) {
      byId.set(item.id, item);
      touched = true;
    } else if (existing) {
      byId.delete(item.id);
      touched = true;
    }
  }
  if (!touched) return list;
  const merged = [...byId.values()];
  if (filter.state === 'open') merged.sort(compareForStream(filter.stream));
  return merged.slice(0, filter.limit);
}

/** Applies changed items (from the socket or an action's answer) to every cached work-item list. */
export function applyWorkItemChanges(queryClient: QueryClient, changed: WorkItemView[], username: string): void {
  if (changed.length === 0) return;
  for (const [queryKey, page] of queryClient.getQueriesData<WorkItemsPage>({ queryKey: queryKeys.workItemsAll() })) {
    const filter = workItemFilterOf(queryKey);
    if (!filter || !page) continue;
    const items = mergeChangedItems(page.items, changed, filter, username);
    if (items !== page.items) queryClient.setQueryData<WorkItemsPage>(queryKey, { items });
  }
}
