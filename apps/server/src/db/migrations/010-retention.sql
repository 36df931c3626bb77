-- Retention of raw payloads (RetentionService): finds events whose raw payload is older than the
-- cutoff without scanning the event log. Partial: only rows that still hold a raw payload are
-- indexed, so the index shrinks as payloads are pruned and events without one cost nothing.
CREATE INDEX events_raw_received ON events (received_at) WHERE raw IS NOT NULL;
