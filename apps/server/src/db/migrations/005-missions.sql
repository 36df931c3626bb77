-- Missions (time-boxed goals), their versions, per-participant progress and per-item contributions,
-- and co-created proposals of missions and badges that leads approve or reject.
CREATE TABLE missions (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL,           -- the current version
  status      TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'rejected', 'completed', 'ended')),
  starts_at   INTEGER NOT NULL,
  ends_at     INTEGER NOT NULL,
  definition  TEXT NOT NULL,              -- JSON MissionDefinition of the current version
  created_at  INTEGER NOT NULL
);
CREATE INDEX missions_status ON missions (status, ends_at);

-- Every version ever published (editing a mission creates a new version).
CREATE TABLE mission_versions (
  mission_id  TEXT NOT NULL REFERENCES missions (id),
  version     INTEGER NOT NULL,
  definition  TEXT NOT NULL,
  created_by  TEXT,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (mission_id, version)
);

-- One row per participant: a person (person missions) or a team (team missions).
CREATE TABLE mission_progress (
  mission_id     TEXT NOT NULL REFERENCES missions (id),
  participant_id TEXT NOT NULL,
  progress       INTEGER NOT NULL DEFAULT 0,
  completed_at   INTEGER,
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (mission_id, participant_id)
);

-- What each item added, by whom, so a reversed clear can take its contribution back.
CREATE TABLE mission_contributions (
  mission_id     TEXT NOT NULL REFERENCES missions (id),
  participant_id TEXT NOT NULL,
  item_key       TEXT NOT NULL,
  person_id      TEXT NOT NULL,
  amount         INTEGER NOT NULL,
  at             INTEGER NOT NULL,
  PRIMARY KEY (mission_id, participant_id, item_key, person_id)
);
CREATE INDEX mission_contributions_item ON mission_contributions (item_key);

CREATE TABLE proposals (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('mission', 'badge')),
  status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  proposed_by  TEXT NOT NULL REFERENCES people (id),
  team_id      TEXT,
  title        TEXT NOT NULL,
  content      TEXT NOT NULL,             -- JSON: the mission draft or the badge proposal
  created_at   INTEGER NOT NULL,
  decided_by   TEXT REFERENCES people (id),
  decided_at   INTEGER,
  reason       TEXT,
  result_id    TEXT                       -- the mission or badge created on approval
);
CREATE INDEX proposals_team ON proposals (team_id, status, created_at);
CREATE INDEX proposals_person ON proposals (proposed_by, created_at);
CREATE UNIQUE INDEX proposals_result ON proposals (kind, result_id) WHERE result_id IS NOT NULL;
