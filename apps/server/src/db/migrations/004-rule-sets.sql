-- Versioned rule sets. Version 1 is the server's defaults; every publish adds a version. A version
-- scores the events from `effective_from_seq` (events.seq) until the next version's.
CREATE TABLE rule_sets (
  version            INTEGER PRIMARY KEY,
  config             TEXT NOT NULL,     -- JSON: the rule-set layer (rules, badges, multipliers, gates, region weights)
  published_at       INTEGER NOT NULL,
  published_by       TEXT REFERENCES people (id),  -- NULL: the server's defaults
  reason             TEXT NOT NULL,
  effective_from_seq INTEGER NOT NULL
);
CREATE INDEX rule_sets_from_seq ON rule_sets (effective_from_seq);
