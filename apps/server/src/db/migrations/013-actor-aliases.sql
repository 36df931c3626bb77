-- Unknown people are not people (#14): an admin maps a name that events give as their actor, and that
-- is no person here, to a person. From then on the name's events are that person's work; what it did
-- before was back-paid at the mapping (as a release of held work is paid). One mapping per name.
CREATE TABLE actor_aliases (
  actor      TEXT PRIMARY KEY COLLATE NOCASE,
  person_id  TEXT NOT NULL REFERENCES people (id),
  mapped_by  TEXT NOT NULL,
  mapped_at  INTEGER NOT NULL,
  -- what the mapping paid for the name's earlier work
  events     INTEGER NOT NULL,
  points     INTEGER NOT NULL
);
