import type { EventAttributes, OpsEvent, TruckRollTransition } from '@opsquest/core';
import type { WorkOrderChange, WorkOrderState } from './workorder.schema';

export const WORKORDER_SOURCE = 'workorder';

/** Work-order state -> truck-roll transition. */
export const TRANSITION_BY_STATE: Record<WorkOrderState, TruckRollTransition> = {
  open: 'open',
  planned: 'dispatched',
  inProgress: 'onSite',
  completed: 'completed',
  cancelled: 'cancelled',
  unableToComplete: 'unableToComplete',
  rated: 'rated',
};

/** The technician's own doing (arriving, finishing, giving up): they are the actor and earn the points. */
const TECHNICIAN_ACTS = new Set<WorkOrderState>(['inProgress', 'completed', 'unableToComplete']);

/** A work-order state change as an OpsQuest truck-roll event. */
export function mapWorkOrderChange(change: WorkOrderChange): OpsEvent {
  const attributes: EventAttributes = {};
  if (change.title !== undefined) attributes.title = change.title;
  if (change.technician !== undefined) attributes.technician = change.technician;
  if (change.site !== undefined) attributes.site = change.site;
  if (change.region !== undefined) attributes.region = change.region;
  if (change.customer !== undefined) attributes.customer = change.customer;
  if (change.priority !== undefined) attributes.priority = change.priority;
  if (change.appointment !== undefined) {
    attributes.appointmentStart = change.appointment.start;
    attributes.appointmentEnd = change.appointment.end;
  }
  if (change.firstTimeFix !== undefined) attributes.firstTimeFix = change.firstTimeFix;
  if (change.notes !== undefined) attributes.notes = change.notes;
  if (change.csat !== undefined) attributes.csat = change.csat;
  if (change.vip !== undefined) attributes.vip = change.vip;
  if (change.address !== undefined) attributes.address = change.address;
  if (change.location !== undefined) attributes.location = change.location;
  if (change.contact !== undefined) attributes.contact = change.contact;
  if (change.accessNotes !== undefined) attributes.accessNotes = change.accessNotes;
  if (change.checklist !== undefined) attributes.checklist = change.checklist;
  const actor = change.technician !== undefined && TECHNICIAN_ACTS.has(change.state) ? change.technician : undefined;
  return {
    ...(change.eventId !== undefined ? { eventId: change.eventId } : {}),
    source: change.source ?? WORKORDER_SOURCE,
    stream: 'truckroll',
    externalKey: change.workOrderId,
    transition: TRANSITION_BY_STATE[change.state],
    occurredAt: change.occurredAt,
    ...(actor !== undefined ? { actor } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
}
