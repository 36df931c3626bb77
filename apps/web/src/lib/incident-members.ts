import type { WorkItemView } from '@opsquest/contracts';

/** One incident as the open-alarms list shows it, seen from one of its alarms. */
export interface IncidentMembers {
  /** the incident's root cause, when it is among the open alarms */
  root: WorkItemView | undefined;
  /** its other open alarms, in the list's order (the board's: most severe and most at risk first) */
  children: WorkItemView[];
  /** how many open alarms the incident has, the root included */
  size: number;
}

/**
 * Whether an alarm is grouped with others: a child, or a root with other open alarms. The server
 * starts every alarm that has a place (site, element) as the root of an incident of its own; alone,
 * that is no incident to speak of.
 */
export function isGrouped(alarm: WorkItemView, members: IncidentMembers | undefined): members is IncidentMembers {
  return members !== undefined && (alarm.incidentRoot === false || members.size > 1);
}

/**
 * The root cause and the other alarms of `alarm`'s incident, from a list of open alarms (the board's
 * cache). `alarm` itself counts as it is given (the alarm page's own copy may be newer than the
 * list's), and closed alarms do not count. Undefined when the alarm is in no incident.
 */
export function incidentMembers(alarm: WorkItemView, openAlarms: readonly WorkItemView[]): IncidentMembers | undefined {
  const incidentId = alarm.incidentId;
  if (incidentId === undefined) return undefined;
  const others = openAlarms.filter((a) => a.id !== alarm.id && a.open && a.incidentId === incidentId);
  const members = alarm.open ? [alarm, ...others] : others;
  const root = alarm.incidentRoot === true ? alarm : others.find((a) => a.incidentRoot === true);
  const children = others.filter((a) => a.id !== root?.id);
  return { root, children, size: members.length };
}

/** A place an alarm can be merged into: another incident (named by its root) or a lone alarm. */
export interface MergeTarget {
  /** the alarm to send as `into` */
  id: number;
  /** the alarm as the panel names it: title · site */
  name: string;
  /** the option's words: the name, and the incident's size for a root */
  label: string;
  /** open alarms in that incident (1 for a lone alarm) */
  size: number;
}

/** "LinkDown on OSL-1 · OSL-1": the title, and the site when the alarm names one. */
export function alarmLabel(alarm: Pick<WorkItemView, 'title' | 'site'>): string {
  return alarm.site === undefined || alarm.site === '' ? alarm.title : `${alarm.title} · ${alarm.site}`;
}

/**
 * Where `alarm` (and its incident) can be merged: the roots of the other open incidents and the
 * open alarms that are in no incident (or alone in one), in the list's order. Planned work is in no incident and
 * cannot take part; children of other incidents are reached through their root.
 */
export function mergeTargets(alarm: WorkItemView, openAlarms: readonly WorkItemView[]): MergeTarget[] {
  const sizes = new Map<string, number>();
  for (const a of openAlarms) if (a.open && a.incidentId !== undefined) sizes.set(a.incidentId, (sizes.get(a.incidentId) ?? 0) + 1);
  const targets: MergeTarget[] = [];
  for (const a of openAlarms) {
    if (a.id === alarm.id || !a.open || a.stream !== 'alarm' || a.maintenanceWindowId !== undefined) continue;
    if (a.incidentId === undefined) {
      targets.push({ id: a.id, name: alarmLabel(a), label: alarmLabel(a), size: 1 });
      continue;
    }
    if (a.incidentRoot !== true || a.incidentId === alarm.incidentId) continue;
    const size = sizes.get(a.incidentId) ?? 1;
    // an alarm alone in its incident (every alarm with a place starts as one) is offered as a lone alarm
    targets.push({ id: a.id, name: alarmLabel(a), label: size > 1 ? `${alarmLabel(a)} (incident of ${size} alarms)` : alarmLabel(a), size });
  }
  return targets;
}
