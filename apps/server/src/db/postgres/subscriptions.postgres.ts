import type { SubscriptionKind, SubscriptionRow, SubscriptionsStore } from '../../services/ports/subscriptions-store';
import type { PgExecutor } from './executor.postgres';
import { type RawSubscription, toSubscription } from '../rows/subscriptions-rows';

const COLUMNS = 'id, kind, name, callback_url, event_types, query, secret, created_at, created_by, revoked_at';

/**
 * PostgreSQL's SubscriptionsStore. Unlike SQLite's, it keeps no in-memory cache of the active
 * subscriptions: another node may create or revoke one at any time (and a cache filled inside a
 * unit of work that rolls back would keep what never committed), so every ingest batch reads them.
 * Deliveries are queued on the unit of work's connection (the transactional outbox).
 */
export class PgSubscriptionsStore implements SubscriptionsStore {
  constructor(private readonly pg: PgExecutor) {}

  async create(row: Omit<SubscriptionRow, 'revokedAt'>): Promise<void> {
    await this.pg.run(
      'INSERT INTO subscriptions (id, kind, name, callback_url, event_types, query, secret, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [row.id, row.kind, row.name, row.callbackUrl, JSON.stringify(row.eventTypes), row.query, row.secret, row.createdAt, row.createdBy],
    );
  }

  /** Active subscriptions, oldest first (SQLite answers them in insertion order; PostgreSQL has no rowid, so creation time, then id). */
  async listActive(): Promise<SubscriptionRow[]> {
    return (await this.pg.rows<RawSubscription>(`SELECT ${COLUMNS} FROM subscriptions WHERE revoked_at IS NULL ORDER BY created_at, id COLLATE "C"`)).map(toSubscription);
  }

  async list(kind: SubscriptionKind): Promise<SubscriptionRow[]> {
    return (await this.pg.rows<RawSubscription>(`SELECT ${COLUMNS} FROM subscriptions WHERE kind = $1 ORDER BY created_at DESC`, [kind])).map(toSubscription);
  }

  async find(id: string): Promise<SubscriptionRow | undefined> {
    const r = await this.pg.one<RawSubscription>(`SELECT ${COLUMNS} FROM subscriptions WHERE id = $1`, [id]);
    return r ? toSubscription(r) : undefined;
  }

  async revokeOne(id: string, now: number): Promise<boolean> {
    return (await this.pg.run('UPDATE subscriptions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, id])) > 0;
  }

  async enqueue(subscriptionId: string, eventType: string, payload: string, now: number): Promise<void> {
    await this.pg.run(
      "INSERT INTO deliveries (subscription_id, event_type, payload, status, next_attempt_at, created_at) VALUES ($1, $2, $3, 'pending', $4, $4)",
      [subscriptionId, eventType, payload, now],
    );
  }
}
