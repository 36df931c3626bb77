import { SEVERITIES, SEVERITY_RANK, type Severity, type WorkItemView } from '@opsquest/contracts';

/** What the engineer narrowed the alarm board to. Empty sets / 'all' mean "no restriction". */
export interface AlarmFilter {
  severities: readonly Severity[];
  ack: 'all' | 'unacknowledged' | 'acknowledged';
  region: string;
  site: string;
  assignment: 'all' | 'mine' | 'unassigned';
  search: string;
}

export const NO_FILTER: AlarmFilter = { severities: [], ack: 'all', region: '', site: '', assignment: 'all', search: '' };

export function severityOf(alarm: WorkItemView): Severity {
  return alarm.severity ?? 'indeterminate';
}

/** Breached first, then at risk, then the rest, on the clock that is running (as the server ranks). */
export function riskRank(alarm: WorkItemView): number {
  const clock = alarm.sla.response.stoppedAt === undefined ? alarm.sla.response : alarm.sla.resolution;
  return clock.breached ? 0 : clock.atRisk ? 1 : 2;
}

/** Severity, then SLA risk, then the resolution due time, then id: stable and the same as the server's. */
export function compareAlarms(a: WorkItemView, b: WorkItemView): number {
  return (
    SEVERITY_RANK[severityOf(a)] - SEVERITY_RANK[severityOf(b)] ||
    riskRank(a) - riskRank(b) ||
    Date.parse(a.sla.resolution.dueAt) - Date.parse(b.sla.resolution.dueAt) ||
    a.id - b.id
  );
}

function searchText(alarm: WorkItemView): string {
  return [alarm.title, alarm.alarmedObject, alarm.probableCause, alarm.site].filter((v) => v !== undefined).join('\n').toLowerCase();
}

/** Whether one alarm passes every part of the filter; `username` decides "mine". */
export function matchesAlarmFilter(alarm: WorkItemView, filter: AlarmFilter, username: string): boolean {
  if (filter.severities.length > 0 && !filter.severities.includes(severityOf(alarm))) return false;
  const acknowledged = alarm.ackState === 'acknowledged';
  if (filter.ack === 'acknowledged' && !acknowledged) return false;
  if (filter.ack === 'unacknowledged' && acknowledged) return false;
  if (filter.region !== '' && alarm.region !== filter.region) return false;
  if (filter.site !== '' && alarm.site !== filter.site) return false;
  if (filter.assignment === 'mine' && alarm.assignee?.toLowerCase() !== username.toLowerCase()) return false;
  if (filter.assignment === 'unassigned' && alarm.assignee !== undefined && alarm.assignee !== '') return false;
  const words = filter.search.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length > 0) {
    const text = searchText(alarm);
    if (!words.every((word) => text.includes(word))) return false;
  }
  return true;
}

/** The board's rows: filtered and in board order. */
export function filterAlarms(alarms: readonly WorkItemView[], filter: AlarmFilter, username: string): WorkItemView[] {
  return alarms.filter((alarm) => matchesAlarmFilter(alarm, filter, username)).sort(compareAlarms);
}

/** Distinct regions, and the sites of the chosen region (all sites without one), sorted. */
export function filterOptions(alarms: readonly WorkItemView[], region: string): { regions: string[]; sites: string[] } {
  const regions = new Set<string>();
  const sites = new Set<string>();
  for (const alarm of alarms) {
    if (alarm.region !== undefined && alarm.region !== '') regions.add(alarm.region);
    if (alarm.site !== undefined && alarm.site !== '' && (region === '' || alarm.region === region)) sites.add(alarm.site);
  }
  const sorted = (values: Set<string>): string[] => [...values].sort((a, b) => a.localeCompare(b));
  return { regions: sorted(regions), sites: sorted(sites) };
}

export function isFiltered(filter: AlarmFilter): boolean {
  return (
    filter.severities.length > 0 ||
    filter.ack !== 'all' ||
    filter.region !== '' ||
    filter.site !== '' ||
    filter.assignment !== 'all' ||
    filter.search.trim() !== ''
  );
}

/** Adds or removes one severity, keeping the canonical order. */
export function toggleSeverity(selected: readonly Severity[], severity: Severity): Severity[] {
  const next = new Set(selected);
  if (next.has(severity)) next.delete(severity);
  else next.add(severity);
  return SEVERITIES.filter((s) => next.has(s));
}
