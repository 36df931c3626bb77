/** The delivery log's rows moved behind the DeliveryStore port (services/ports/delivery-store.ts). */
export type { DeliveryRow } from './delivery-store';

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

/**
 * Webhook and hub subscriptions, and the queueing of deliveries to them (inside the ingest
 * transaction: the transactional outbox). Sending them and their log are the DeliveryStore port's.
 */
export interface SubscriptionsStore {
  create(row: Omit<SubscriptionRow, 'revokedAt'>): Promise<void>;
  /** Active subscriptions (cached: read on every ingest batch, changed rarely). */
  listActive(): Promise<SubscriptionRow[]>;
  list(kind: SubscriptionKind): Promise<SubscriptionRow[]>;
  find(id: string): Promise<SubscriptionRow | undefined>;
  revokeOne(id: string, now: number): Promise<boolean>;
  enqueue(subscriptionId: string, eventType: string, payload: string, now: number): Promise<void>;
}

