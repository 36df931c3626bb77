import type { IncidentRole } from './incidents';
import { flatString } from './compact';
import { instantOf, isoOf } from './instant';
import type { JobAddress, JobChecklistEntry, JobContact, JobLocation } from './job-details';
import type { Severity } from './severity';

/** The three work streams. SLA events belong to the stream of the item they concern. */
export const STREAMS = ['alarm', 'order', 'truckroll'] as const;
export type Stream = (typeof STREAMS)[number];

/** TMF642: raised, updated (severity, count), acknowledged / unacknowledged, cleared. */
export const ALARM_TRANSITIONS = ['raised', 'updated', 'acknowledged', 'unacknowledged', 'commented', 'cleared', 'grouped'] as const;
/** TMF622 ProductOrder states; the transition names the state entered. */
export const ORDER_TRANSITIONS = [
  'acknowledged',
  'inProgress',
  'held',
  'pending',
  'completed',
  'failed',
  'cancelled',
  'rejected',
] as const;
/** Field work order (truck-roll). */
/** `rated`: the customer's satisfaction score (1..5) recorded after a completed visit. */
/** `checklistTicked`: the technician ticked or unticked a checklist item (the status stays; no points). */
export const TRUCKROLL_TRANSITIONS = ['open', 'dispatched', 'onSite', 'completed', 'unableToComplete', 'cancelled', 'rated', 'checklistTicked'] as const;
/** Raised by OpsQuest's own SLA timer for any stream. */
export const SLA_TRANSITIONS = ['slaAtRisk', 'slaBreached'] as const;

export type AlarmTransition = (typeof ALARM_TRANSITIONS)[number];
export type OrderTransition = (typeof ORDER_TRANSITIONS)[number];
export type TruckRollTransition = (typeof TRUCKROLL_TRANSITIONS)[number];
export type SlaTransition = (typeof SLA_TRANSITIONS)[number];
export type Transition = AlarmTransition | OrderTransition | TruckRollTransition | SlaTransition;

export const TRANSITIONS_BY_STREAM: Record<Stream, readonly Transition[]> = {
  alarm: [...ALARM_TRANSITIONS, ...SLA_TRANSITIONS],
  order: [...ORDER_TRANSITIONS, ...SLA_TRANSITIONS],
  truckroll: [...TRUCKROLL_TRANSITIONS, ...SLA_TRANSITIONS],
};

export type SlaTarget = 'response' | 'resolution';

/**
 * Attributes an event may carry. All optional: an event carries what changed.
 * Names follow the standards (TMF642 alarm fields, TMF622 order fields).
 */
export interface EventAttributes {
  title?: string;
  /** alarm */
  perceivedSeverity?: Severity;
  /** when the alarm was raised, for events that may arrive first (a clear for an alarm never seen raised) */
  alarmRaisedTime?: string;
  alarmedObject?: string;
  probableCause?: string;
  specificProblem?: string;
  serviceAffecting?: boolean;
  customersAffected?: number;
  count?: number;
  /** order and truck-roll: "0" (highest) to "4" as a number */
  priority?: number;
  requestedCompletionDate?: string;
  vip?: boolean;
  channel?: string;
  /** truck-roll */
  technician?: string;
  appointmentStart?: string;
  appointmentEnd?: string;
  firstTimeFix?: boolean;
  /** customer satisfaction score 1..5, on a `rated` truck-roll event */
  csat?: number;
  notes?: string;
  customer?: string;
  /** truck-roll job details (job-details.ts): each replaces what the item had */
  address?: JobAddress;
  location?: JobLocation;
  contact?: JobContact;
  accessNotes?: string;
  checklist?: JobChecklistEntry[];
  /** a `checklistTicked` event: which item, ticked or not */
  checklistItemId?: string;
  checklistDone?: boolean;
  /** where */
  region?: string;
  site?: string;
  /** SLA events: which clock */
  slaTarget?: SlaTarget;
  /**
   * Stamped by OpsQuest on an alarm raised inside a maintenance window (maintenance.ts), never taken
   * from a sender: the alarm is planned work. Kept in the event log, so a replay decides the same.
   */
  maintenanceWindowId?: string;
  /**
   * A source's own correlation (TMF642 parentAlarm / correlatedAlarm / isRootCause): the ids of the
   * alarms this one is a child of, or the root cause of, in the same source. The door turns them into
   * the incident stamps below.
   */
  parentAlarms?: string[];
  correlatedAlarms?: string[];
  rootCause?: boolean;
  /**
   * Stamped by OpsQuest, never taken from a sender (incidents.ts): the incident an alarm's new life
   * (or a `grouped` event) puts it in and its role there; on an incident root's clear, the customers
   * the whole incident affected.
   */
  incidentId?: string;
  incidentRole?: IncidentRole;
  incidentCustomers?: number;
}

/**
 * OpsQuest's own event shape. Everything that happens, from integrations and from people's
 * actions in the console alike, is one of these in the append-only event log.
 */
export interface OpsEvent {
  /** Optional idempotency key from the sender; when absent the natural key is used. */
  eventId?: string;
  /** The system of record of the work item (alertmanager, tmf642, bss, fieldforce, ...). */
  source: string;
  stream: Stream;
  /** The work item's id in its source. */
  externalKey: string;
  transition: Transition;
  /** When it happened, by the source's clock (ISO 8601). MTTA/MTTR use this, not receive time. */
  occurredAt: string;
  /** Username of the person who acted; absent means automation. */
  actor?: string;
  attributes?: EventAttributes;
}

/** The work item an event concerns. */
export function itemKeyOf(event: Pick<OpsEvent, 'stream' | 'source' | 'externalKey'>): string {
  return flatString(`${event.stream}:${event.source}:${event.externalKey}`);
}

/** The key under which an event is stored once: the sender's id, or source + item + transition + time. */
export function dedupKeyOf(event: OpsEvent): string {
  if (event.eventId !== undefined && event.eventId !== '') return flatString(`${event.source}#${event.eventId}`);
  const target = event.attributes?.slaTarget ? `:${event.attributes.slaTarget}` : '';
  // One instant has many spellings (Z, .000Z, +00:00): key on the instant, not the text.
  const ms = instantOf(event.occurredAt);
  const when = Number.isNaN(ms) ? event.occurredAt : isoOf(ms, event.occurredAt);
  return flatString(`${itemKeyOf(event)}|${event.transition}${target}|${when}`);
}
