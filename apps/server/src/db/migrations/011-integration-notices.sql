-- Alertmanager, nothing lost (issue #15). An integration key may name the Alertmanagers it is
-- allowed to make OpsQuest fetch a truncated group from, and map its sender's own severity labels.
ALTER TABLE api_keys ADD COLUMN alertmanager_urls TEXT NOT NULL DEFAULT '[]'; -- JSON array of base URLs
ALTER TABLE api_keys ADD COLUMN severity_map TEXT NOT NULL DEFAULT '{}';      -- JSON object: label (lower-case) -> severity

-- What an integration sent that did not become alarms, for the admins (and, for open truncation
-- gaps, everyone who sees the alarm board): 'truncated' is an Alertmanager group whose missing
-- alerts could not be fetched (open until a later notification of the group comes complete);
-- 'refused' is a request (or alert) answered 400 / 413 / 415. The same thing again is the same
-- open row, its occurrences counted up.
CREATE TABLE integration_notices (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('truncated', 'refused')),
  source       TEXT NOT NULL,             -- the integration route: alertmanager, tmf642, tmf622, workorder, events, import
  key_id       TEXT,                      -- the API key that sent it
  group_key    TEXT,                      -- Alertmanager's groupKey, when known
  group_labels TEXT NOT NULL DEFAULT '{}', -- JSON object
  missing      INTEGER NOT NULL,          -- alerts not received or refused, in the latest occurrence
  status       INTEGER,                   -- the HTTP status answered (refused), NULL when accepted
  reason       TEXT NOT NULL,             -- the latest reason, in words
  reason_class TEXT NOT NULL DEFAULT '',  -- what makes two refusals "the same": the reason with its numbers blanked ('' for truncated)
  first_at     INTEGER NOT NULL,
  last_at      INTEGER NOT NULL,
  occurrences  INTEGER NOT NULL DEFAULT 1,
  resolved_at  INTEGER
);

-- One open notice per (kind, source, key, group, status, reason class): recording the same one
-- again is an upsert on this index (NULLs folded, since a unique index treats NULLs as distinct).
CREATE UNIQUE INDEX integration_notices_open ON integration_notices (
  kind, source, IFNULL(key_id, ''), IFNULL(group_key, ''), IFNULL(status, 0), reason_class
) WHERE resolved_at IS NULL;
-- The admin list (open first, newest first) and the alarm board's open gaps.
CREATE INDEX integration_notices_last ON integration_notices (last_at DESC);
CREATE INDEX integration_notices_gaps ON integration_notices (last_at DESC) WHERE kind = 'truncated' AND resolved_at IS NULL;
