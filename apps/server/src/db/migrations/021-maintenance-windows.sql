-- Planned work (#19): maintenance windows declared by leads, admins or integrations (scope
-- maintenance:write). Alarms raised inside a window's scope and time are planned work: the ingest
-- stamps the window's id on the raise event (kept in the event log, so replays decide the same), and
-- the core starts no SLA clock and pays nothing for them. Rows are never deleted; cancelling ends a
-- window early (cancelled_at).
CREATE TABLE maintenance_windows (
  id           TEXT PRIMARY KEY,          -- mw-<base36 time>-<hex>
  title        TEXT NOT NULL,
  reference    TEXT,                      -- the sender's change or ticket id
  scope        TEXT NOT NULL,             -- JSON: { regions: [], sites: [], elements: [] }
  starts_at    INTEGER NOT NULL,
  ends_at      INTEGER NOT NULL,
  declared_at  INTEGER NOT NULL,
  declared_by  TEXT NOT NULL,             -- a person's name, or "API key <name>"
  actor_id     TEXT,                      -- the person who declared it (NULL: an integration)
  cancelled_at INTEGER,
  cancelled_by TEXT
);
-- The windows that may cover a batch's raises, and the current and recent lists.
CREATE INDEX maintenance_windows_ends ON maintenance_windows (ends_at);
-- Alarms by when their life began: how many alarms each window marked (and the health views).
CREATE INDEX work_items_opened ON work_items (stream, opened_at);
