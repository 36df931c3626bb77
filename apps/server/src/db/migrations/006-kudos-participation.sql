-- Kudos, participation settings (opt-out), weekly league tiers, scheduled hours per day.

-- Peer recognition: a message from one person to another; the budget is counted per giver and local day.
CREATE TABLE kudos (
  id             TEXT PRIMARY KEY,
  from_person_id TEXT NOT NULL REFERENCES people (id),
  to_person_id   TEXT NOT NULL REFERENCES people (id),
  message        TEXT NOT NULL,     -- plain text, 1..280 characters
  at             INTEGER NOT NULL,
  day            TEXT NOT NULL,     -- the giver's local day (organisation time zone)
  CHECK (from_person_id <> to_person_id)
);
CREATE INDEX kudos_giver_day ON kudos (from_person_id, day);
CREATE INDEX kudos_recipient ON kudos (to_person_id, at);

-- Per-person participation settings; a missing row means every switch is on.
CREATE TABLE participation (
  person_id     TEXT PRIMARY KEY REFERENCES people (id),
  public_boards INTEGER NOT NULL DEFAULT 1,
  show_in_feed  INTEGER NOT NULL DEFAULT 1,
  accept_kudos  INTEGER NOT NULL DEFAULT 1,
  updated_at    INTEGER NOT NULL
);

-- Weekly league tiers (when 'leagues.tiers' is on), written lazily for each week.
CREATE TABLE league_tiers (
  week      TEXT NOT NULL,          -- the Monday of the week, as in leaderboard periods
  person_id TEXT NOT NULL,
  league    TEXT NOT NULL,          -- engineer | technician
  tier      TEXT NOT NULL CHECK (tier IN ('bronze', 'silver', 'gold')),
  PRIMARY KEY (week, person_id)
) WITHOUT ROWID;
CREATE INDEX league_tiers_cohort ON league_tiers (week, league, tier);

-- The second person a feed line is about (the giver of kudos), so visibility can hide both.
ALTER TABLE feed ADD COLUMN other_person_id TEXT;

-- Scheduled working hours per work day, for "points per scheduled hour".
ALTER TABLE people ADD COLUMN hours_per_day REAL NOT NULL DEFAULT 8 CHECK (hours_per_day > 0 AND hours_per_day <= 24);
