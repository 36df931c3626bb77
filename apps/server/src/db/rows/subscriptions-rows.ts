import type { SubscriptionKind, SubscriptionRow } from '../../services/ports/subscriptions-store';

/** A subscriptions row as both adapters read it (event types as JSON in TEXT), and how it becomes a SubscriptionRow. */
export interface RawSubscription {
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

export const toSubscription = (r: RawSubscription): SubscriptionRow => ({
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
