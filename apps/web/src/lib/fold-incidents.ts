import type { WorkItemView } from '@opsquest/contracts';

export interface FoldedBoard {
  /** the rows to show: each incident's root with its children folded under it (or right after it when opened) */
  rows: WorkItemView[];
  /** how many open children each shown root has, by incident id */
  children: ReadonlyMap<string, number>;
}

/**
 * One fault, many alarms: an incident's children are folded under its root on the board, so a storm
 * of 500 alarms is one row. A child whose root is not on the board (cleared, or filtered out) is
 * shown as it is. An opened incident lists its children right after its root, in the board's order.
 */
export function foldIncidents(rows: readonly WorkItemView[], opened: ReadonlySet<string>): FoldedBoard {
  const roots = new Set<string>();
  for (const row of rows) if (row.incidentRoot === true && row.incidentId !== undefined) roots.add(row.incidentId);
  const byIncident = new Map<string, WorkItemView[]>();
  const shown: WorkItemView[] = [];
  for (const row of rows) {
    const folded = row.incidentRoot === false && row.incidentId !== undefined && roots.has(row.incidentId);
    if (!folded) {
      shown.push(row);
      continue;
    }
    const list = byIncident.get(row.incidentId ?? '') ?? [];
    list.push(row);
    byIncident.set(row.incidentId ?? '', list);
  }
  const children = new Map<string, number>();
  for (const [id, list] of byIncident) children.set(id, list.length);
  if (opened.size === 0) return { rows: shown, children };
  const result: WorkItemView[] = [];
  for (const row of shown) {
    result.push(row);
    if (row.incidentRoot === true && row.incidentId !== undefined && opened.has(row.incidentId)) result.push(...(byIncident.get(row.incidentId) ?? []));
  }
  return { rows: result, children };
}
