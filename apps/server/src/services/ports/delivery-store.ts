/**
 * The persistence port of outbound deliveries (award webhooks and TMF hub notifications): what the
 * delivery worker sends and the admin's delivery log reads. Deliveries are queued inside the ingest
 * transaction (SqliteSubscriptionsStore.enqueue, the transactional outbox); this port takes them from
 * there. Several nodes may run a worker on one database: a claimed delivery carries a lease, so each
 * delivery is sent by one node at a time, and a crashed node's deliveries are picked up once its
 * leases run out. Adapters: db/sqlite/deliveries.sqlite.ts, db/postgres/deliveries.postgres.ts.
 */

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRow {
  id: number;
  subscriptionId: string;
  eventType: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
  /** until when a worker holds the delivery (epoch ms); null when none does */
  leaseUntil: number | null;
  /** which worker holds (or last held) the lease; null when none does */
  leasedBy: string | null;
}

export interface DeliveryStore {
  /**
   * Atomically takes up to `limit` pending deliveries due at `now` (next attempt at or before it)
   * that no live lease holds (none, or one that ended at or before `now`), oldest first, and leases
   * them to `claimant` until `now + leaseMs`. No two claims, from any node, get the same delivery
   * while its lease lives.
   */
  claimDue(now: number, limit: number, leaseMs: number, claimant: string): Promise<DeliveryRow[]>;
  /** A 2xx answer: the delivery is done (one more attempt, its HTTP status kept); the lease is cleared. */
  delivered(id: number, status: number, now: number): Promise<void>;
  /**
   * A failed attempt: one more attempt with its status (null: no answer) and error (kept to 500
   * characters); due again at `nextAttemptAt`, or `failed` for good when `gaveUp`. The lease is cleared.
   */
  retryLater(id: number, status: number | null, error: string, nextAttemptAt: number, gaveUp: boolean): Promise<void>;
  /** A subscription's deliveries, newest first (the admin's delivery log). */
  list(subscriptionId: string, limit: number): Promise<DeliveryRow[]>;
  /** How many deliveries are not delivered yet and not given up (pending: due, waiting to retry, or being sent), every node's: the outbox backlog. */
  countPending(): Promise<number>;
}
