import type { Severity } from './severity';
import type { SlaTarget } from './event';
import type { WorkItem } from './work-item';
import { scopeCovers, type MaintenanceScope } from './maintenance';

/** Conditions rules and badges test against the work item after the transition (data, not code). */
export type Condition =
  | { kind: 'severityIn'; values: Severity[] }
  | { kind: 'priorityAtMost'; value: number }
  | { kind: 'flag'; flag: 'serviceAffecting' | 'vip' | 'firstTimeFix'; equals: boolean }
  | { kind: 'slaMet'; target: SlaTarget }
  | { kind: 'nightShift' }
  | { kind: 'csatAtLeast'; value: number }
  | { kind: 'byPerson' }
  /** the item's region, site or network element is one of these (planned work as a mission) */
  | { kind: 'inScope'; scope: MaintenanceScope };

export interface ConditionContext {
  item: WorkItem;
  /** local hour of the event in the organisation's zone */
  localHour: number;
  night: { startHour: number; endHour: number };
  hasPerson: boolean;
}

export function isNightHour(hour: number, night: { startHour: number; endHour: number }): boolean {
  return night.startHour > night.endHour ? hour >= night.startHour || hour < night.endHour : hour >= night.startHour && hour < night.endHour;
}

export function conditionHolds(condition: Condition, ctx: ConditionContext): boolean {
  const { item } = ctx;
  switch (condition.kind) {
    case 'severityIn':
      return item.severity !== undefined && condition.values.includes(item.severity);
    case 'priorityAtMost':
      return item.priority !== undefined && item.priority <= condition.value;
    case 'flag':
      return (item[condition.flag] ?? false) === condition.equals;
    case 'slaMet':
      return item.sla[condition.target].outcome === 'met';
    case 'nightShift':
      return isNightHour(ctx.localHour, ctx.night);
    case 'byPerson':
      return ctx.hasPerson;
    case 'csatAtLeast':
      return item.csat !== undefined && item.csat >= condition.value;
    case 'inScope':
      return scopeCovers(condition.scope, item);
  }
}

export function allHold(conditions: readonly Condition[] | undefined, ctx: ConditionContext): boolean {
  if (!conditions) return true;
  for (const c of conditions) if (!conditionHolds(c, ctx)) return false;
  return true;
}
