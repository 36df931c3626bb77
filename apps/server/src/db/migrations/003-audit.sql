-- An append-only audit log of what leads and admins did: rule changes, adjustments, approvals.
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor_id    TEXT,              -- the person who did it (NULL: the system)
  action      TEXT NOT NULL,     -- e.g. rules.published, points.adjusted, mission.approved
  target_type TEXT,
  target_id   TEXT,
  reason      TEXT,
  details     TEXT               -- JSON
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, seq);
