import type { JobAddress, JobChecklistItem, JobContact, JobLocation } from './job-details';
import type { Severity } from './severity';
import type { Stream } from './event';
import type { SlaClockState } from './sla';

/** Points given for a resolution, remembered so that undone work can be reversed. */
export interface AwardRef {
  entryId: string;
  personId: string;
  teamId: string | null;
  points: number;
  ruleId: string;
  ruleVersion: number;
}

/** An award held until its person follows up on the item before `until` (epoch ms). */
export interface PendingAward {
  award: AwardRef;
  reason: string;
  until: number;
}

/**
 * The current state of one alarm, order or truck-roll, derived from its events.
 * Times are epoch milliseconds from the source's clock.
 */
export interface WorkItem {
  key: string;
  stream: Stream;
  source: string;
  externalKey: string;
  /** alarm: raised | updated | cleared; order: TMF622 state; truck-roll: work-order state */
  status: string;
  /** alarms only (TMF642 ackState) */
  ackState?: 'acknowledged' | 'unacknowledged';
  title: string;
  severity?: Severity;
  priority?: number;
  alarmedObject?: string;
  probableCause?: string;
  serviceAffecting: boolean;
  customersAffected: number;
  vip: boolean;
  region?: string;
  site?: string;
  customer?: string;
  /** who holds it: the acknowledging engineer, the order handler, the technician */
  assignee?: string;
  appointmentStart?: number;
  appointmentEnd?: number;
  requestedCompletionDate?: number;
  firstTimeFix?: boolean;
  /** the customer's satisfaction score after a truck-roll (1..5) */
  csat?: number;
  notes?: string;
  /** truck-roll: where to go, whom to call, how to get in, what to check (job-details.ts) */
  address?: JobAddress;
  location?: JobLocation;
  contact?: JobContact;
  accessNotes?: string;
  checklist?: JobChecklistItem[];
  /** TMF642 count: how many times the alarm was raised or repeated */
  count: number;
  /** raised again after a clear */
  reraiseCount: number;
  /** the latest raise seen while open (a late clear older than it did not hold) */
  lastRaisedAt?: number;
  /** false once cleared, completed, failed, cancelled, rejected or unable to complete */
  open: boolean;
  openedAt: number;
  respondedAt?: number;
  respondedBy?: string;
  resolvedAt?: number;
  resolvedBy?: string;
  closedAt?: number;
  sla: { response: SlaClockState; resolution: SlaClockState };
  /** what the last resolution paid, badge counters and badges included, so a re-raise can take it back */
  lastResolution?: { at: number; awards: AwardRef[]; counterDeltas?: Record<string, number>; badges?: string[] };
  /** awards waiting for the same person's follow-up (an acknowledge pays once work follows) */
  pendingAwards?: PendingAward[];
  /** alarms raised inside a maintenance window: planned work (no SLA clock, no MTTA/MTTR, no points) */
  maintenanceWindowId?: string;
  /** alarms grouped into an incident (incidents.ts): its id, and whether this alarm is its root cause */
  incidentId?: string;
  incidentRoot?: boolean;
  lastEventAt: number;
  eventCount: number;
}

export function isOpen(item: WorkItem): boolean {
  return item.open;
}

/** Mean time to acknowledge (ms); undefined when never acknowledged. */
export function timeToRespond(item: WorkItem): number | undefined {
  return item.respondedAt === undefined ? undefined : Math.max(0, item.respondedAt - item.openedAt);
}

/** Time to resolve (ms), from the source's raise and clear timestamps. */
export function timeToResolve(item: WorkItem): number | undefined {
  return item.resolvedAt === undefined ? undefined : Math.max(0, item.resolvedAt - item.openedAt);
}
