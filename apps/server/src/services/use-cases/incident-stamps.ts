import { incidentIdOf, incidentPlaceOf, itemKeyOf, planIncidentRuns, type EventAttributes, type IncidentRole, type IncidentRun, type OpsEvent, type PlaceRaise } from '@opsquest/core';
import type { AlarmIncidentState, IncidentStore } from '../ports/incident-store';
import type { IngestInput } from './ingest.service';

/** How the server's own incident events reach the ingest (children cleared with their root, merge, split, re-root). */
export const INCIDENT_VIA = 'incident';

/** The batch with its stamps, and the positions of the events the door put in (their answers are not the sender's). */
export interface StampedBatch {
  inputs: IngestInput[];
  injected: ReadonlySet<number>;
  /** incidents whose root this batch may clear that have other alarms: their open children are cleared after the commit */
  sweep: ReadonlySet<string>;
}

const NONE: ReadonlySet<never> = new Set();

/** An alarm's life as the door tracks it through the batch: stored, then changed by the batch's own raises and clears. */
interface Life {
  open: boolean;
  openedAt: number;
  closedAt?: number;
  incidentId?: string;
  incidentRoot?: boolean;
}

const isAlarm = (e: OpsEvent): boolean => e.stream === 'alarm';

/** The event without any incident stamp a sender put on it (only the server's own incident events keep theirs). */
function unstamped(event: OpsEvent): OpsEvent {
  const a = event.attributes;
  if (a === undefined || (a.incidentId === undefined && a.incidentRole === undefined && a.incidentCustomers === undefined)) return event;
  const { incidentId: _id, incidentRole: _role, incidentCustomers: _customers, ...rest } = a;
  return { ...event, attributes: rest };
}

function stamped(event: OpsEvent, stamp: Partial<Pick<EventAttributes, 'incidentId' | 'incidentRole' | 'incidentCustomers'>>): OpsEvent {
  return { ...event, attributes: { ...(event.attributes ?? {}), ...stamp } };
}

/** An event of the alarm with this item key (`alarm:<source>:<externalKey>`; sources have no colon), by the server. */
export function alarmEventOf(itemKey: string, transition: 'grouped' | 'cleared', occurredAt: string, attributes: EventAttributes, actor?: string): OpsEvent | undefined {
  const match = /^alarm:([^:]+):(.+)$/s.exec(itemKey);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { source: match[1], externalKey: match[2], stream: 'alarm', transition, occurredAt, ...(actor !== undefined ? { actor } : {}), attributes };
}

/** A `grouped` event: the server moving an open alarm into an incident (or making it the root), at `occurredAt`. */
export function groupedEvent(itemKey: string, occurredAt: string, incidentId: string | undefined, role: IncidentRole | undefined, actor?: string): OpsEvent | undefined {
  return alarmEventOf(itemKey, 'grouped', occurredAt, incidentId !== undefined && role !== undefined ? { incidentId, incidentRole: role } : {}, actor);
}

/**
 * Incidents are decided at the door (core incidents.ts): each alarm raise that starts a life gets the
 * incident it belongs to stamped on its attributes, and an incident root's clear gets the customers
 * the whole incident affected. In order of precedence:
 * 1. the source's own correlation: a raise naming parent alarms (TMF642 parentAlarm) joins the
 *    parent's incident (the parent, if it was alone, becomes its root by a `grouped` event put before
 *    it); a raise saying it is the root cause of correlated alarms opens an incident and takes the
 *    open ones in (`grouped` events after it);
 * 2. otherwise the alarm's place (site, or network element): raises there within `windowMs` of each
 *    other are one run, and each run claims the place's incident with one atomic upsert (it joins the
 *    place's open incident when that one's latest raise is within the window, else opens its own).
 * Stamps a sender put on an event are dropped. One round on the store per batch with alarm raises or
 * clears (`IncidentStore.round`): the alarms' states read, then one claim for all the runs of raises
 * and, for root clears, one statement that closes their incidents to new alarms and measures them.
 */
export async function stampIncidents(inputs: IngestInput[], store: IncidentStore, windowMs: number): Promise<StampedBatch> {
  const out = inputs.map((input) => (input.via === INCIDENT_VIA || !isAlarm(input.event) ? input : withEvent(input, unstamped(input.event))));
  const keys = new Set<string>();
  for (const { event } of out) {
    if (!isAlarm(event) || (event.transition !== 'raised' && event.transition !== 'cleared')) continue;
    keys.add(itemKeyOf(event));
    for (const id of [...(event.attributes?.parentAlarms ?? []), ...(event.attributes?.correlatedAlarms ?? [])]) keys.add(itemKeyOf({ ...event, externalKey: id }));
  }
  if (keys.size === 0) return { inputs: out, injected: NONE, sweep: NONE };
  // one round on the store: the alarms' states in, the places to claim and the incidents to close out
  const before = new Map<number, OpsEvent[]>();
  const after = new Map<number, OpsEvent[]>();
  const stamps = new Map<number, { incidentId: string; incidentRole: IncidentRole }>();
  const rootClears = new Map<number, string>();
  let runs: IncidentRun[] = [];
  const { claims, sizes } = await store.round([...keys], (stored) => {
    const planned = planStamps(out, stored, windowMs, { before, after, stamps, rootClears });
    runs = planned.runs;
    return {
      claims: runs.map((run) => ({ place: run.place, incidentId: incidentIdOf(run.first.itemKey, run.first.at), rootKey: run.first.itemKey, firstAt: run.first.at, lastAt: run.lastAt, windowMs })),
      closing: [...new Set(rootClears.values())],
    };
  });
  runs.forEach((run, i) => {
    const claim = claims[i];
    if (!claim) return;
    stamps.set(run.first.index, { incidentId: claim.incidentId, incidentRole: claim.rootKey === run.first.itemKey ? 'root' : 'child' });
    for (const raise of run.rest) stamps.set(raise.index, { incidentId: claim.incidentId, incidentRole: raise.itemKey === claim.rootKey ? 'root' : 'child' });
  });

  // root causes to be cleared: their incidents were closed to new alarms and measured (their stored
  // alarms' customers); those with other alarms are swept after the commit
  const sweep = new Set<string>();
  for (const [incidentId, size] of sizes) if (size.alarms > 1) sweep.add(incidentId);
  for (const stamp of stamps.values()) if (stamp.incidentRole === 'child') sweep.add(stamp.incidentId);

  if (stamps.size === 0 && rootClears.size === 0 && before.size === 0 && after.size === 0) return { inputs: out, injected: NONE, sweep };
  const result: IngestInput[] = [];
  const injected = new Set<number>();
  const inject = (event: OpsEvent): void => {
    injected.add(result.length);
    result.push({ event, via: INCIDENT_VIA, futureTime: 'receiveTime' });
  };
  out.forEach((input, index) => {
    for (const event of before.get(index) ?? []) inject(event);
    const stamp = stamps.get(index);
    const cleared = rootClears.get(index);
    if (stamp) result.push(withEvent(input, stamped(input.event, stamp)));
    else if (cleared !== undefined) result.push(withEvent(input, stamped(input.event, { incidentCustomers: sizes.get(cleared)?.customers ?? 0 })));
    else result.push(input);
    for (const event of after.get(index) ?? []) inject(event);
  });
  return { inputs: result, injected, sweep };
}

/** What the door decides from the stored states, written into `into`; the runs of raises to claim places for. */
interface Decided {
  before: Map<number, OpsEvent[]>;
  after: Map<number, OpsEvent[]>;
  stamps: Map<number, { incidentId: string; incidentRole: IncidentRole }>;
  rootClears: Map<number, string>;
}

/**
 * From the stored alarms' states, in batch order (pure and synchronous): which raises start a life,
 * the source's own correlation (stamps, and `grouped` events before or after), the raises to group
 * by place (their runs), and which clears are an incident root's.
 */
function planStamps(out: readonly IngestInput[], stored: ReadonlyMap<string, AlarmIncidentState>, windowMs: number, into: Decided): { runs: IncidentRun[] } {
  const { before, after, stamps, rootClears } = into;
  const lives = new Map<string, Life>();
  const lifeOf = (key: string): Life | undefined => lives.get(key) ?? stored.get(key);
  const placeRaises: PlaceRaise[] = [];
  out.forEach(({ event, via }, index) => {
    if (!isAlarm(event) || via === INCIDENT_VIA) return;
    const key = itemKeyOf(event);
    const at = Date.parse(event.occurredAt);
    const life = lifeOf(key);
    if (event.transition === 'cleared') {
      if (life?.open && life.incidentRoot === true && life.incidentId !== undefined && at >= life.openedAt) rootClears.set(index, life.incidentId);
      if (life?.open && at >= life.openedAt) lives.set(key, { ...life, open: false, closedAt: at });
      return;
    }
    if (event.transition !== 'raised' || event.attributes?.maintenanceWindowId !== undefined) return;
    // a raise of an open alarm repeats it; one older than its clear repeats the life the clear ended
    const startsLife = life === undefined || (!life.open && at >= (life.closedAt ?? 0));
    if (!startsLife) return;
    const a = event.attributes;
    const parent = (a?.parentAlarms ?? []).map((id) => itemKeyOf({ ...event, externalKey: id })).find((k) => k !== key && lifeOf(k)?.open === true);
    const parentLife = parent !== undefined ? lifeOf(parent) : undefined;
    if (parent !== undefined && parentLife !== undefined) {
      let incidentId = parentLife.incidentId;
      if (incidentId === undefined) {
        incidentId = incidentIdOf(parent, parentLife.openedAt);
        const root = groupedEvent(parent, event.occurredAt, incidentId, 'root');
        if (root) before.set(index, [...(before.get(index) ?? []), root]);
        lives.set(parent, { ...parentLife, incidentId, incidentRoot: true });
      }
      stamps.set(index, { incidentId, incidentRole: 'child' });
      lives.set(key, { open: true, openedAt: at, incidentId, incidentRoot: false });
      return;
    }
    if (a?.rootCause === true) {
      const incidentId = incidentIdOf(key, at);
      stamps.set(index, { incidentId, incidentRole: 'root' });
      lives.set(key, { open: true, openedAt: at, incidentId, incidentRoot: true });
      const children: OpsEvent[] = [];
      for (const id of a.correlatedAlarms ?? []) {
        const childKey = itemKeyOf({ ...event, externalKey: id });
        const childLife = lifeOf(childKey);
        if (childKey === key || childLife?.open !== true || childLife.incidentRoot === true) continue;
        const child = groupedEvent(childKey, event.occurredAt, incidentId, 'child');
        if (child) children.push(child);
        lives.set(childKey, { ...childLife, incidentId, incidentRoot: false });
      }
      if (children.length > 0) after.set(index, children);
      return;
    }
    const place = incidentPlaceOf({ site: a?.site, alarmedObject: a?.alarmedObject });
    lives.set(key, { open: true, openedAt: at });
    if (place !== undefined && windowMs > 0 && !Number.isNaN(at)) placeRaises.push({ index, itemKey: key, place, at });
  });

  return { runs: planIncidentRuns(placeRaises, windowMs) };
}

function withEvent(input: IngestInput, event: OpsEvent): IngestInput {
  return event === input.event ? input : { ...input, event };
}
