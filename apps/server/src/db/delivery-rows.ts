import type { DeliveryRow, DeliveryStatus } from '../services/ports/delivery-store';

/** A deliveries row as both adapters read it, and how it becomes a DeliveryRow. */
export interface RawDelivery {
  id: number;
  subscription_id: string;
  event_type: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
  lease_until: number | null;
  leased_by: string | null;
}

export const DELIVERY_COLUMNS =
  'id, subscription_id, event_type, payload, status, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at, lease_until, leased_by';

/** What a failed attempt keeps of its error. */
export const MAX_ERROR_CHARS = 500;

export const toDeliveryRow = (r: RawDelivery): DeliveryRow => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  eventType: r.event_type,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
  leaseUntil: r.lease_until,
  leasedBy: r.leased_by,
});

/** Claims come back in no set order from UPDATE … RETURNING: oldest first, as they were picked. */
export const byId = (a: DeliveryRow, b: DeliveryRow): number => a.id - b.id;
