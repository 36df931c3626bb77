/**
 * An Alertmanager group as people read it: its labels in Prometheus notation,
 * `{alertname="SiteDown", site="NTH-1"}`, sorted by name. Without labels, the groupKey as sent
 * (or `{}`, the group of everything).
 */
export function formatGroupLabels(labels: Readonly<Record<string, string>>, groupKey: string | null = null): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return groupKey !== null && groupKey.trim() !== '' ? groupKey : '{}';
  return `{${names.map((name) => `${name}=${JSON.stringify(labels[name] ?? '')}`).join(', ')}}`;
}

/** "1 alert", "12 alerts". */
export function alertCount(n: number): string {
  return `${n} ${n === 1 ? 'alert' : 'alerts'}`;
}

/** "12 alerts of group {alertname="SiteDown"} were not received" (one alert: "was"). */
export function notReceivedText(missing: number, labels: Readonly<Record<string, string>>, groupKey: string | null = null): string {
  return `${alertCount(missing)} of group ${formatGroupLabels(labels, groupKey)} ${missing === 1 ? 'was' : 'were'} not received`;
}
