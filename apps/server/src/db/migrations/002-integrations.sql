-- Integration keys get an owner and a visible prefix; outbound webhooks and TMF hub listeners
-- with a durable delivery log (a transactional outbox: deliveries are queued in the same
-- transaction as the events that cause them).

ALTER TABLE api_keys ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN created_by TEXT;

CREATE TABLE subscriptions (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('webhook', 'hub')),
  name         TEXT NOT NULL,
  callback_url TEXT NOT NULL,
  event_types  TEXT NOT NULL,     -- JSON array of event types it receives
  query        TEXT,              -- TMF hub query, kept as given
  secret       TEXT,              -- HMAC-SHA256 signing secret (webhooks)
  created_at   INTEGER NOT NULL,
  created_by   TEXT,
  revoked_at   INTEGER
);

CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY,
  subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
  event_type      TEXT NOT NULL,
  payload         TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_status     INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  delivered_at    INTEGER
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_subscription ON deliveries (subscription_id, id);
