import type { Db } from '../database';
import { type SubscriptionKind, type SubscriptionRow, type SubscriptionsStore } from '../../services/ports/subscriptions-store';
import { type RawSubscription, toSubscription } from '../rows/subscriptions-rows';

/** The delivery log's rows moved behind the DeliveryStore port (services/ports/delivery-store.ts). */

/**
 * Webhook and hub subscriptions, and the queueing of deliveries to them (inside the ingest
 * transaction: the transactional outbox). Sending them and their log are the DeliveryStore port's.
 */
export class SqliteSubscriptionsStore implements SubscriptionsStore {
  private readonly insert;
  private readonly active;
  private readonly all;
  private readonly byId;
  private readonly revoke;
  private readonly enqueueStmt;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO subscriptions (id, kind, name, callback_url, event_types, query, secret, created_at, created_by) VALUES (@id, @kind, @name, @callbackUrl, @eventTypes, @query, @secret, @createdAt, @createdBy)',
    );
    this.active = db.prepare<[], RawSubscription>('SELECT * FROM subscriptions WHERE revoked_at IS NULL ORDER BY created_at, id');
    this.all = db.prepare<[SubscriptionKind], RawSubscription>('SELECT * FROM subscriptions WHERE kind = ? ORDER BY created_at DESC');
    this.byId = db.prepare<[string], RawSubscription>('SELECT * FROM subscriptions WHERE id = ?');
    this.revoke = db.prepare('UPDATE subscriptions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.enqueueStmt = db.prepare(
      "INSERT INTO deliveries (subscription_id, event_type, payload, status, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', ?, ?)",
    );
  }

  async create(row: Omit<SubscriptionRow, 'revokedAt'>): Promise<void> {
    this.insert.run({ ...row, eventTypes: JSON.stringify(row.eventTypes) });
  }

  /**
   * Active subscriptions, oldest first. Read from the table every time (a few rows): a cache here
   * kept a subscription created in a unit that rolled back, and would miss another node's changes.
   */
  async listActive(): Promise<SubscriptionRow[]> {
    return this.active.all().map(toSubscription);
  }

  async list(kind: SubscriptionKind): Promise<SubscriptionRow[]> {
    return this.all.all(kind).map(toSubscription);
  }

  async find(id: string): Promise<SubscriptionRow | undefined> {
    const r = this.byId.get(id);
    return r ? toSubscription(r) : undefined;
  }

  async revokeOne(id: string, now: number): Promise<boolean> {
    return this.revoke.run(now, id).changes > 0;
  }

  async enqueue(subscriptionId: string, eventType: string, payload: string, now: number): Promise<void> {
    this.enqueueStmt.run(subscriptionId, eventType, payload, now, now);
  }
}
