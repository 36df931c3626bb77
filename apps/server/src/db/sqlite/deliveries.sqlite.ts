import type { DeliveryRow, DeliveryStore } from '../../services/ports/delivery-store';
import type { Db } from '../database';
import { byId, DELIVERY_COLUMNS, MAX_ERROR_CHARS, toDeliveryRow, type RawDelivery } from '../delivery-rows';

/**
 * SQLite's DeliveryStore. A claim is one UPDATE … RETURNING: SQLite runs one writer at a time, so
 * the rows it picks cannot be picked by another connection before its lease is written.
 */
export class SqliteDeliveryStore implements DeliveryStore {
  private readonly claim;
  private readonly markDelivered;
  private readonly markRetry;
  private readonly forSubscription;
  private readonly pending;

  constructor(db: Db) {
    this.claim = db.prepare<{ now: number; limit: number; until: number; claimant: string }, RawDelivery>(
      `UPDATE deliveries SET lease_until = @until, leased_by = @claimant
       WHERE id IN (
         SELECT id FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
         ORDER BY id LIMIT @limit
       )
       RETURNING ${DELIVERY_COLUMNS}`,
    );
    this.markDelivered = db.prepare(
      "UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_status = ?, last_error = NULL, delivered_at = ?, lease_until = NULL, leased_by = NULL WHERE id = ?",
    );
    this.markRetry = db.prepare(
      'UPDATE deliveries SET status = ?, attempts = attempts + 1, last_status = ?, last_error = ?, next_attempt_at = ?, lease_until = NULL, leased_by = NULL WHERE id = ?',
    );
    this.forSubscription = db.prepare<[string, number], RawDelivery>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT ?`);
    // counted from the partial index deliveries_due (pending rows only)
    this.pending = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM deliveries WHERE status = 'pending'");
  }

  async claimDue(now: number, limit: number, leaseMs: number, claimant: string): Promise<DeliveryRow[]> {
    return this.claim.all({ now, limit, until: now + leaseMs, claimant }).map(toDeliveryRow).sort(byId);
  }

  async delivered(id: number, status: number, now: number): Promise<void> {
    this.markDelivered.run(status, now, id);
  }

  async retryLater(id: number, status: number | null, error: string, nextAttemptAt: number, gaveUp: boolean): Promise<void> {
    this.markRetry.run(gaveUp ? 'failed' : 'pending', status, error.slice(0, MAX_ERROR_CHARS), nextAttemptAt, id);
  }

  async list(subscriptionId: string, limit: number): Promise<DeliveryRow[]> {
    return this.forSubscription.all(subscriptionId, limit).map(toDeliveryRow);
  }

  async countPending(): Promise<number> {
    return this.pending.get()?.n ?? 0;
  }
}
