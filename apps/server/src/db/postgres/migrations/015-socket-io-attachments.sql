-- PostgreSQL only (no SQLite twin: one SQLite node has no cluster). @socket.io/postgres-adapter
-- broadcasts socket.io packets between nodes with NOTIFY; a packet larger than a NOTIFY payload
-- (8,000 bytes) is stored here and the notification names its row. The adapter deletes rows older
-- than its cleanup interval itself.
CREATE TABLE IF NOT EXISTS socket_io_attachments (
  id BIGSERIAL UNIQUE,
  created_at TIMESTAMPTZ DEFAULT NOW(),
  payload BYTEA
);
