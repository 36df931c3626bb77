import type { OpsEvent } from './event';
import { slaClocksFor, stopBoth } from './lifecycles/item-factory';
import type { SlaTable } from './sla';
import type { WorkItem } from './work-item';

/**
 * Incidents: one fault, many alarms. A fibre cut raises hundreds of alarms at one site within a
 * minute; they are one piece of work, worked and scored as one.
 *
 * Which incident an alarm belongs to is decided at the door (the server stamps `incidentId` and
 * `incidentRole` on the raise, from the source's own correlation or from the alarm's place and time,
 * see `planIncidentRuns`), and kept on the event in the log, so a replay decides the same. From the
 * stamp the engine decides the rest:
 * - a child starts no SLA clock (both stop at once as cancelled), counts in no MTTA/MTTR/SLA, moves
 *   no mission and pays nothing: nobody is punished or rewarded for the flood;
 * - the root cause's clear pays for the whole incident, weighted by the customers the incident
 *   affected (`incidentCustomers`, stamped at the door on the root's clear), and closes it: the
 *   server then clears the children (their clears pay nothing);
 * - a `grouped` event (from a person merging, splitting or re-rooting, or from a source naming a
 *   parent alarm) moves an open alarm into an incident, out of one, or makes it the root.
 */

/** Why a child's transitions pay nothing, in the words the answer shows. */
export const INCIDENT_CHILD_REASON = 'part of an incident: clearing its root cause pays for the whole incident';

/** Moving alarms between incidents is bookkeeping: it pays nobody. */
export const INCIDENT_REGROUP_REASON = 'regrouping alarms into incidents pays nothing';

export type IncidentRole = 'root' | 'child';

/** Attributes only OpsQuest stamps (a sender's are dropped at the door). */
export const INCIDENT_ATTRIBUTES = ['incidentId', 'incidentRole', 'incidentCustomers'] as const;

/** Where an alarm belongs for correlation: its site, or the network element of its alarmed object. */
export function incidentPlaceOf(item: { site?: string | undefined; alarmedObject?: string | undefined }): string | undefined {
  const site = item.site?.trim();
  if (site !== undefined && site !== '') return `site:${site.toLowerCase()}`;
  const object = item.alarmedObject?.trim();
  const slash = object?.indexOf('/') ?? -1;
  if (object !== undefined && slash > 0) return `element:${object.slice(0, slash).toLowerCase()}`;
  return undefined;
}

export function isIncidentChild(item: Pick<WorkItem, 'incidentId' | 'incidentRoot'>): boolean {
  return item.incidentId !== undefined && item.incidentRoot !== true;
}

export function isIncidentRoot(item: Pick<WorkItem, 'incidentId' | 'incidentRoot'>): boolean {
  return item.incidentId !== undefined && item.incidentRoot === true;
}

/** The same item out of any incident. */
export function outOfIncident(item: WorkItem): WorkItem {
  if (item.incidentId === undefined && item.incidentRoot === undefined) return item;
  const { incidentId: _id, incidentRoot: _root, ...rest } = item;
  return rest;
}

/**
 * An alarm's item placed in an incident (or out of one) at `at`. A child's clocks stop as cancelled;
 * an alarm that stops being a child (split out, or made the root) starts fresh clocks at `at`, so its
 * MTTA and MTTR run from when it became a piece of work of its own.
 */
export function placeInIncident(item: WorkItem, id: string | undefined, role: IncidentRole | undefined, at: number, slaTable: SlaTable): WorkItem {
  const wasChild = isIncidentChild(item);
  const alone = outOfIncident(item);
  if (id === undefined || role === undefined) return wasChild ? { ...alone, sla: slaClocksFor(alone, at, slaTable) } : alone;
  if (role === 'child') return { ...alone, incidentId: id, incidentRoot: false, sla: wasChild ? item.sla : stopBoth(item, at, true) };
  const root: WorkItem = { ...alone, incidentId: id, incidentRoot: true };
  return wasChild ? { ...root, sla: slaClocksFor(root, at, slaTable) } : root;
}

/** A life that starts: in the incident the door stamped on its raise, else in none. */
export function startIncidentLife(item: WorkItem, event: OpsEvent, at: number, slaTable: SlaTable): WorkItem {
  const a = event.attributes;
  if (a?.incidentId === undefined || a.incidentRole === undefined) return outOfIncident(item);
  return placeInIncident(outOfIncident(item), a.incidentId, a.incidentRole, at, slaTable);
}

// ---------------------------------------------------------------------------------------------
// The door's plan: raises at one place within the window of each other are one run (one incident).

export interface PlaceRaise {
  /** the raise's position in the batch */
  index: number;
  itemKey: string;
  place: string;
  at: number;
}

/** A run of raises at one place, each within `windowMs` of the one before: the first claims the place. */
export interface IncidentRun {
  place: string;
  first: PlaceRaise;
  /** the run's other raises, in time order */
  rest: PlaceRaise[];
  /** the run's latest raise time (the window slides with the storm) */
  lastAt: number;
}

/**
 * A batch's alarm raises grouped into runs per place: in time order, a raise more than `windowMs`
 * after the run's latest starts a new run. Pure and deterministic (ties by batch position).
 */
export function planIncidentRuns(raises: readonly PlaceRaise[], windowMs: number): IncidentRun[] {
  const byPlace = new Map<string, PlaceRaise[]>();
  for (const raise of raises) {
    const list = byPlace.get(raise.place);
    if (list) list.push(raise);
    else byPlace.set(raise.place, [raise]);
  }
  const runs: IncidentRun[] = [];
  for (const [place, list] of [...byPlace.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort((a, b) => a.at - b.at || a.index - b.index);
    let run: IncidentRun | undefined;
    for (const raise of list) {
      if (run && raise.at - run.lastAt <= windowMs) {
        run.rest.push(raise);
        run.lastAt = Math.max(run.lastAt, raise.at);
        continue;
      }
      run = { place, first: raise, rest: [], lastAt: raise.at };
      runs.push(run);
    }
  }
  return runs;
}

/** A new incident's id: its root's item key and the time its life started. */
export function incidentIdOf(rootKey: string, at: number): string {
  return `inc:${rootKey}@${at}`;
}

/** Whether a raise at `at` joins an incident whose latest raise was at `lastAt`. */
export function joinsIncident(lastAt: number, openedAt: number, at: number, windowMs: number): boolean {
  return windowMs > 0 && at <= lastAt + windowMs && at >= openedAt - windowMs;
}
