-- Quality gates: awards kept out of the ledger (over a cap, or a burst held for the lead to review),
-- and what OpsQuest remembers of each site and customer to judge first-time fixes.

CREATE TABLE withheld_awards (
  entry_id        TEXT PRIMARY KEY,  -- the ledger entry it would have been
  person_id       TEXT NOT NULL,
  team_id         TEXT,
  points          INTEGER NOT NULL,
  rule_id         TEXT NOT NULL,
  rule_version    INTEGER NOT NULL,
  event_key       TEXT NOT NULL,
  item_key        TEXT NOT NULL,
  reason          TEXT NOT NULL,     -- the award's own reason
  at              INTEGER NOT NULL,
  why             TEXT NOT NULL CHECK (why IN ('burst', 'cap')),
  detail          TEXT NOT NULL,     -- why it was withheld, in words
  status          TEXT NOT NULL CHECK (status IN ('held', 'released', 'rejected', 'final')),
  decided_by      TEXT,
  decided_at      INTEGER,
  decision_reason TEXT
);
CREATE INDEX withheld_person ON withheld_awards (person_id, at);
CREATE INDEX withheld_review ON withheld_awards (status, team_id, at) WHERE status = 'held';

CREATE TABLE site_history (
  key   TEXT PRIMARY KEY,   -- site:<id> | customer:<id>
  state TEXT NOT NULL       -- core SiteHistory (JSON)
);
