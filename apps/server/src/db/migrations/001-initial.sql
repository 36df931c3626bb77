-- OpsQuest initial schema. Forward-only: never edit a migration that has shipped; add a new file.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE teams (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE people (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('engineer', 'technician', 'lead', 'admin')),
  team_id       TEXT REFERENCES teams (id),
  password_hash TEXT NOT NULL,
  work_days     TEXT,            -- JSON array of ISO weekdays, NULL = organisation default
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL
);
CREATE INDEX people_team ON people (team_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,   -- sha256 of the cookie value; the token itself is never stored
  person_id  TEXT NOT NULL REFERENCES people (id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_keys (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  key_hash     TEXT NOT NULL UNIQUE,
  scopes       TEXT NOT NULL,    -- JSON array
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);

-- The append-only event log: everything that happened, once.
CREATE TABLE events (
  seq          INTEGER PRIMARY KEY,
  event_key    TEXT NOT NULL UNIQUE,
  item_key     TEXT NOT NULL,
  stream       TEXT NOT NULL,
  source       TEXT NOT NULL,
  external_key TEXT NOT NULL,
  transition   TEXT NOT NULL,
  occurred_at  INTEGER NOT NULL,
  received_at  INTEGER NOT NULL,
  actor        TEXT,
  via          TEXT NOT NULL,   -- console, api, simulator, sla-timer, ...
  payload      TEXT NOT NULL,   -- the normalised OpsQuest event (JSON)
  raw          TEXT,            -- the payload as the sender sent it, when it differs
  applied      INTEGER NOT NULL,
  reason       TEXT             -- why it was not applied
);
CREATE INDEX events_item ON events (item_key, seq);

-- Current state of each work item, derived from its events.
CREATE TABLE work_items (
  id                INTEGER PRIMARY KEY,
  item_key          TEXT NOT NULL UNIQUE,
  stream            TEXT NOT NULL,
  status            TEXT NOT NULL,
  open              INTEGER NOT NULL,
  severity_rank     INTEGER NOT NULL,
  priority          INTEGER,
  assignee          TEXT,
  appointment_start INTEGER,
  response_due_at   INTEGER,
  resolution_due_at INTEGER,
  next_sla_check_at INTEGER,      -- when the SLA timer must look at this item next
  opened_at         INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  state             TEXT NOT NULL  -- the core WorkItem (JSON)
);
CREATE INDEX work_items_open ON work_items (open, stream, severity_rank, resolution_due_at);
CREATE INDEX work_items_assignee ON work_items (assignee, open);
CREATE INDEX work_items_sla ON work_items (next_sla_check_at) WHERE next_sla_check_at IS NOT NULL;

-- The append-only points ledger. Corrections are reversing entries.
CREATE TABLE ledger (
  seq          INTEGER PRIMARY KEY,
  entry_id     TEXT NOT NULL UNIQUE,
  person_id    TEXT NOT NULL,
  team_id      TEXT,
  points       INTEGER NOT NULL,
  rule_id      TEXT NOT NULL,
  rule_version INTEGER NOT NULL,
  event_key    TEXT NOT NULL,
  item_key     TEXT NOT NULL,
  reason       TEXT NOT NULL,
  at           INTEGER NOT NULL,
  day          TEXT NOT NULL,
  week         TEXT NOT NULL,
  month        TEXT NOT NULL,
  reversal_of  TEXT
);
CREATE INDEX ledger_person ON ledger (person_id, seq);
CREATE INDEX ledger_event ON ledger (event_key);

CREATE TABLE progress (
  person_id TEXT PRIMARY KEY,
  xp        INTEGER NOT NULL,
  counters  TEXT NOT NULL         -- badge counters (JSON)
);

CREATE TABLE streaks (
  person_id       TEXT PRIMARY KEY,
  current         INTEGER NOT NULL,
  best            INTEGER NOT NULL,
  last_active_day TEXT
);

CREATE TABLE badges_earned (
  person_id TEXT NOT NULL,
  badge_id  TEXT NOT NULL,
  earned_at INTEGER NOT NULL,
  event_key TEXT NOT NULL,
  PRIMARY KEY (person_id, badge_id)
);

-- Leaderboard aggregates per window period, updated in the same transaction as the ledger.
CREATE TABLE leaderboard (
  scope      TEXT NOT NULL,       -- individual | team
  win        TEXT NOT NULL,       -- day | week | month | all
  period     TEXT NOT NULL,       -- 2026-11-24 | 2026-11-23 (Monday) | 2026-11 | all
  subject_id TEXT NOT NULL,
  points     INTEGER NOT NULL,
  PRIMARY KEY (scope, win, period, subject_id)
) WITHOUT ROWID;
CREATE INDEX leaderboard_rank ON leaderboard (scope, win, period, points DESC, subject_id);

-- What the activity feed shows, newest last.
CREATE TABLE feed (
  seq       INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  kind      TEXT NOT NULL,
  text      TEXT NOT NULL,
  person_id TEXT,
  team_id   TEXT,
  points    INTEGER
);
CREATE INDEX feed_team ON feed (team_id, seq);
