import type { Db } from '../db/database';

export type SubscriptionKind = 'webhook' | 'hub';

export interface SubscriptionRow {
  id: string;
  kind: SubscriptionKind;
  name: string;
  callbackUrl: string;
  eventTypes: string[];
  query: string | null;
  secret: string | null;
  createdAt: number;
  createdBy: string | null;
  revokedAt: number | null;
}

export interface DeliveryRow {
  id: number;
  subscriptionId: string;
  eventType: string;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

interface RawSubscription {
  id: string;
  kind: SubscriptionKind;
  name: string;
  callback_url: string;
  event_types: string;
  query: string | null;
  secret: string | null;
  created_at: number;
  created_by: string | null;
  revoked_at: number | null;
}

interface RawDelivery {
  id: number;
  subscription_id: string;
  event_type: string;
  payload: string;
  status: DeliveryRow['status'];
  attempts: number;
  next_attempt_at: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

const toSubscription = (r: RawSubscription): SubscriptionRow => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  callbackUrl: r.callback_url,
  eventTypes: JSON.parse(r.event_types) as string[],
  query: r.query,
  secret: r.secret,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
});

const toDelivery = (r: RawDelivery): DeliveryRow => ({
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
});

/** Webhook and hub subscriptions, and the durable log of deliveries to them. */
export class SubscriptionsRepository {
  private readonly insert;
  private readonly active;
  private readonly all;
  private readonly byId;
  private readonly revoke;
  private readonly enqueueStmt;
  private readonly due;
  private readonly markDelivered;
  private readonly markRetry;
  private readonly forSubscription;
  private cache: SubscriptionRow[] | undefined;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO subscriptions (id, kind, name, callback_url, event_types, query, secret, created_at, created_by) VALUES (@id, @kind, @name, @callbackUrl, @eventTypes, @query, @secret, @createdAt, @createdBy)',
    );
    this.active = db.prepare<[], RawSubscription>('SELECT * FROM subscriptions WHERE revoked_at IS NULL');
    this.all = db.prepare<[SubscriptionKind], RawSubscription>('SELECT * FROM subscriptions WHERE kind = ? ORDER BY created_at DESC');
    this.byId = db.prepare<[string], RawSubscription>('SELECT * FROM subscriptions WHERE id = ?');
    this.revoke = db.prepare('UPDATE subscriptions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.enqueueStmt = db.prepare(
      "INSERT INTO deliveries (subscription_id, event_type, payload, status, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', ?, ?)",
    );
    this.due = db.prepare<[number, number], RawDelivery>("SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?");
    this.markDelivered = db.prepare("UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_status = ?, last_error = NULL, delivered_at = ? WHERE id = ?");
    this.markRetry = db.prepare('UPDATE deliveries SET status = ?, attempts = attempts + 1, last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?');
    this.forSubscription = db.prepare<[string, number], RawDelivery>('SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT ?');
  }

  create(row: Omit<SubscriptionRow, 'revokedAt'>): void {
    this.insert.run({ ...row, eventTypes: JSON.stringify(row.eventTypes) });
    this.cache = undefined;
  }

  /** Active subscriptions (cached: read on every ingest batch, changed rarely). */
  listActive(): SubscriptionRow[] {
    this.cache ??= this.active.all().map(toSubscription);
    return this.cache;
  }

  list(kind: SubscriptionKind): SubscriptionRow[] {
    return this.all.all(kind).map(toSubscription);
  }

  find(id: string): SubscriptionRow | undefined {
    const r = this.byId.get(id);
    return r ? toSubscription(r) : undefined;
  }

  revokeOne(id: string, now: number): boolean {
    const changed = this.revoke.run(now, id).changes > 0;
    this.cache = undefined;
    return changed;
  }

  enqueue(subscriptionId: string, eventType: string, payload: string, now: number): void {
    this.enqueueStmt.run(subscriptionId, eventType, payload, now, now);
  }

  dueDeliveries(now: number, limit: number): DeliveryRow[] {
    return this.due.all(now, limit).map(toDelivery);
  }

  delivered(id: number, status: number, now: number): void {
    this.markDelivered.run(status, now, id);
  }

  retryLater(id: number, status: number | null, error: string, nextAttemptAt: number, gaveUp: boolean): void {
    this.markRetry.run(gaveUp ? 'failed' : 'pending', status, error.slice(0, 500), nextAttemptAt, id);
  }

  deliveries(subscriptionId: string, limit: number): DeliveryRow[] {
    return this.forSubscription.all(subscriptionId, limit).map(toDelivery);
  }
}
