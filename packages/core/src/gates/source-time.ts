import type { OpsEvent, Stream, Transition } from '../event';
import { instantOf } from '../instant';

/** How an event reached OpsQuest: its receive time bounds its source time; a history import may pay old work. */
export interface EventContext {
  receivedAt?: number;
  history?: boolean;
}

/**
 * A person's acknowledgement, clear, completion or resolution of an item whose start OpsQuest has
 * never seen is parked: stored, paying nothing until the start arrives (then applied in time order).
 * Automation's finishing events still create the item (a resolved alert seen only resolved counts for MTTR).
 */
export const PARKED_TRANSITIONS: Record<Stream, ReadonlySet<Transition>> = {
  alarm: new Set<Transition>(['acknowledged', 'cleared']),
  order: new Set<Transition>(['completed', 'failed', 'cancelled', 'rejected']),
  truckroll: new Set<Transition>(['completed', 'unableToComplete', 'cancelled', 'rated']),
};

export const PARKED_REASON = 'waiting for the start of this item (never seen): kept, pays nothing until the start arrives';

/** The time an event counts at: its source time, never later than when it reached OpsQuest. */
export function effectiveTime(event: Pick<OpsEvent, 'occurredAt'>, context: EventContext | undefined): number {
  const at = instantOf(event.occurredAt);
  return context?.receivedAt !== undefined && at > context.receivedAt ? context.receivedAt : at;
}
