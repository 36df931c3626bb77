import type { DeliveryRow, DeliveryStore } from '../../services/ports/delivery-store';
import { byId, DELIVERY_COLUMNS, MAX_ERROR_CHARS, toDeliveryRow, type RawDelivery } from '../delivery-rows';
import type { PgExecutor } from './executor.postgres';

/**
 * PostgreSQL's DeliveryStore, for several nodes on one database. A claim locks the rows it picks
 * (FOR UPDATE SKIP LOCKED: rows another node is claiming right now are passed over, not waited for,
 * and a row whose lease another node has just written is re-checked and dropped), then leases them
 * in the same statement: no two nodes get the same delivery.
 */
export class PgDeliveryStore implements DeliveryStore {
  constructor(private readonly pg: PgExecutor) {}

  async claimDue(now: number, limit: number, leaseMs: number, claimant: string): Promise<DeliveryRow[]> {
    const rows = await this.pg.rows<RawDelivery>(
      `UPDATE deliveries SET lease_until = $3, leased_by = $4
       WHERE id IN (
         SELECT id FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY id LIMIT $2
         FOR UPDATE SKIP LOCKED
       )
       RETURNING ${DELIVERY_COLUMNS}`,
      [now, limit, now + leaseMs, claimant],
    );
    return rows.map(toDeliveryRow).sort(byId);
  }

  async delivered(id: number, status: number, now: number): Promise<void> {
    await this.pg.run(
      "UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_status = $1, last_error = NULL, delivered_at = $2, lease_until = NULL, leased_by = NULL WHERE id = $3",
      [status, now, id],
    );
  }

  async retryLater(id: number, status: number | null, error: string, nextAttemptAt: number, gaveUp: boolean): Promise<void> {
    await this.pg.run(
      'UPDATE deliveries SET status = $1, attempts = attempts + 1, last_status = $2, last_error = $3, next_attempt_at = $4, lease_until = NULL, leased_by = NULL WHERE id = $5',
      [gaveUp ? 'failed' : 'pending', status, error.slice(0, MAX_ERROR_CHARS), nextAttemptAt, id],
    );
  }

  async list(subscriptionId: string, limit: number): Promise<DeliveryRow[]> {
    return (await this.pg.rows<RawDelivery>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE subscription_id = $1 ORDER BY id DESC LIMIT $2`, [subscriptionId, limit])).map(toDeliveryRow);
  }

  async countPending(): Promise<number> {
    return (await this.pg.one<{ n: number }>("SELECT count(*)::integer AS n FROM deliveries WHERE status = 'pending'"))?.n ?? 0;
  }
}
