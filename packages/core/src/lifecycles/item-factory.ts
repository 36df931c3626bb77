import { itemKeyOf, type EventAttributes, type OpsEvent } from '../event';
import { newClock, stopClock, targetsFor, type SlaTable } from '../sla';
import { copyToExtend } from '../compact';
import type { WorkItem } from '../work-item';
import { mergeChecklist } from '../job-details';

function parseTime(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

function defaultTitle(event: OpsEvent): string {
  const a = event.attributes ?? {};
  if (a.title) return a.title;
  if (event.stream === 'alarm') return `${a.probableCause ?? 'Alarm'}${a.alarmedObject ? ` on ${a.alarmedObject}` : ''}`;
  if (event.stream === 'order') return `Order ${event.externalKey}`;
  return `Truck-roll ${event.externalKey}${a.site ? ` to ${a.site}` : ''}`;
}

const NO_ATTRIBUTES: EventAttributes = {};

/** Copies the attributes an event carries onto an item (only those present). */
export function mergeAttributes(item: WorkItem, event: OpsEvent): WorkItem {
  return assignAttributes(copyToExtend(item), event);
}

/** mergeAttributes on an item the caller owns (just made, not stored anywhere): changed in place. */
export function assignAttributes(next: WorkItem, event: OpsEvent): WorkItem {
  const a = event.attributes ?? NO_ATTRIBUTES;
  if (a.title !== undefined) next.title = a.title;
  if (a.perceivedSeverity !== undefined) next.severity = a.perceivedSeverity;
  if (a.priority !== undefined) next.priority = a.priority;
  if (a.alarmedObject !== undefined) next.alarmedObject = a.alarmedObject;
  if (a.probableCause !== undefined) next.probableCause = a.probableCause;
  if (a.serviceAffecting !== undefined) next.serviceAffecting = a.serviceAffecting;
  if (a.customersAffected !== undefined) next.customersAffected = a.customersAffected;
  if (a.vip !== undefined) next.vip = a.vip;
  if (a.region !== undefined) next.region = a.region;
  if (a.site !== undefined) next.site = a.site;
  if (a.customer !== undefined) next.customer = a.customer;
  if (a.technician !== undefined) next.assignee = a.technician;
  if (a.notes !== undefined) next.notes = a.notes;
  if (a.firstTimeFix !== undefined) next.firstTimeFix = a.firstTimeFix;
  if (a.address !== undefined) next.address = a.address;
  if (a.location !== undefined) next.location = a.location;
  if (a.contact !== undefined) next.contact = a.contact;
  if (a.accessNotes !== undefined) next.accessNotes = a.accessNotes;
  if (a.checklist !== undefined) next.checklist = mergeChecklist(next.checklist, a.checklist);
  const start = parseTime(a.appointmentStart);
  if (start !== undefined) next.appointmentStart = start;
  const end = parseTime(a.appointmentEnd);
  if (end !== undefined) next.appointmentEnd = end;
  const requested = parseTime(a.requestedCompletionDate);
  if (requested !== undefined) next.requestedCompletionDate = requested;
  return next;
}

/** SLA clocks for an item opened at `openedAt`, from the configured table. */
export function slaClocksFor(item: WorkItem, openedAt: number, table: SlaTable): WorkItem['sla'] {
  const targets = targetsFor(table, item.stream, item.severity, item.priority);
  const response = newClock(openedAt, targets.responseMinutes);
  const resolution = newClock(openedAt, targets.resolutionMinutes);
  if (item.stream === 'truckroll' && item.appointmentEnd !== undefined) {
    // Be on site by the end of the appointment window.
    response.dueAt = Math.max(openedAt, item.appointmentEnd);
    const from = item.appointmentStart ?? openedAt;
    resolution.dueAt = Math.max(response.dueAt, from + targets.resolutionMinutes * 60_000);
  }
  if (item.stream === 'order' && item.requestedCompletionDate !== undefined && item.requestedCompletionDate > openedAt) {
    // The customer asked for a date: never earlier than the table's target.
    resolution.dueAt = Math.max(resolution.dueAt, item.requestedCompletionDate);
  }
  return { response, resolution };
}

const PENDING_CLOCKS: WorkItem['sla'] = Object.freeze({ response: newClock(0, 0), resolution: newClock(0, 0) });

/** A new item from the first event seen for it. */
export function createItem(event: OpsEvent, at: number, table: SlaTable, status: string): WorkItem {
  const base: WorkItem = {
    key: itemKeyOf(event),
    stream: event.stream,
    source: event.source,
    externalKey: event.externalKey,
    status,
    title: defaultTitle(event),
    serviceAffecting: false,
    customersAffected: 0,
    vip: false,
    count: 1,
    reraiseCount: 0,
    open: true,
    openedAt: at,
    // a placeholder that keeps the key's place: the clocks follow from the merged attributes below
    sla: PENDING_CLOCKS,
    lastEventAt: at,
    eventCount: 0,
  };
  if (event.stream === 'alarm') {
    base.ackState = 'unacknowledged';
    base.severity = 'warning';
  } else {
    base.priority = 2;
  }
  assignAttributes(base, event);
  base.sla = slaClocksFor(base, at, table);
  return base;
}

/** Recomputes due times after a severity or priority change, keeping start times and outcomes. */
export function retarget(item: WorkItem, table: SlaTable): WorkItem {
  const fresh = slaClocksFor(item, item.openedAt, table);
  const keep = (old: WorkItem['sla']['response'], next: WorkItem['sla']['response']): WorkItem['sla']['response'] =>
    old.stoppedAt !== undefined ? old : { ...old, dueAt: next.dueAt + old.pausedMs };
  return { ...item, sla: { response: keep(item.sla.response, fresh.response), resolution: keep(item.sla.resolution, fresh.resolution) } };
}

export function stopBoth(item: WorkItem, at: number, cancelled: boolean): WorkItem['sla'] {
  return { response: stopClock(item.sla.response, at, cancelled), resolution: stopClock(item.sla.resolution, at, cancelled) };
}

/** A completion (order or truck-roll) on an item the caller owns: responded if it was not yet, resolved and closed now. */
export function resolve(item: WorkItem, at: number, actor: string | undefined): void {
  if (item.respondedAt === undefined) {
    item.respondedAt = at;
    if (actor !== undefined) item.respondedBy = actor;
  }
  item.resolvedAt = at;
  item.closedAt = at;
  item.open = false;
  if (actor !== undefined) item.resolvedBy = actor;
  item.sla = stopBoth(item, at, false);
}
