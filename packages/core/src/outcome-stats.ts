import { isIncidentChild } from './incidents';
import type { Stream } from './event';
import { timeToResolve, timeToRespond, type WorkItem } from './work-item';

/** MTTA, MTTR and SLA attainment over closed work items, from the source's own timestamps. */
export interface OutcomeStats {
  closed: number;
  /** mean time to acknowledge/respond in minutes; items never acknowledged are left out */
  mttaMinutes: number | null;
  /** mean time to resolve in minutes (automatic clears count too) */
  mttrMinutes: number | null;
  slaMet: number;
  slaBreached: number;
  /** share of resolution SLAs met, of those with a verdict (cancelled ones are left out) */
  slaAttainmentPct: number | null;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export function outcomeStats(items: readonly WorkItem[]): OutcomeStats {
  let respondSum = 0;
  let respondN = 0;
  let resolveSum = 0;
  let resolveN = 0;
  let met = 0;
  let breached = 0;
  let closed = 0;
  for (const item of items) {
    // planned work (a maintenance window's alarms) is not a fault: it counts in no MTTA, MTTR or SLA
    // nor is an incident's child: the incident counts once, through its root cause
    if (item.maintenanceWindowId !== undefined || isIncidentChild(item)) continue;
    closed += 1;
    const tta = timeToRespond(item);
    if (tta !== undefined) {
      respondSum += tta;
      respondN += 1;
    }
    const ttr = timeToResolve(item);
    if (ttr !== undefined) {
      resolveSum += ttr;
      resolveN += 1;
    }
    const outcome = item.sla.resolution.outcome;
    if (outcome === 'met') met += 1;
    else if (outcome === 'breached') breached += 1;
  }
  return {
    closed,
    mttaMinutes: respondN ? round1(respondSum / respondN / 60_000) : null,
    mttrMinutes: resolveN ? round1(resolveSum / resolveN / 60_000) : null,
    slaMet: met,
    slaBreached: breached,
    slaAttainmentPct: met + breached ? round1((met / (met + breached)) * 100) : null,
  };
}

export function outcomeStatsByStream(items: readonly WorkItem[]): Record<Stream, OutcomeStats> {
  return {
    alarm: outcomeStats(items.filter((i) => i.stream === 'alarm')),
    order: outcomeStats(items.filter((i) => i.stream === 'order')),
    truckroll: outcomeStats(items.filter((i) => i.stream === 'truckroll')),
  };
}
export * from './outcome-compare';
