-- Incidents (#19): one fault, many alarms. The door stamps each alarm's new life with the incident it
-- belongs to (kept on the raise event in the log, so replays decide the same); the item keeps it in
-- its state and here, so an incident's alarms are found by one index read (the customers it affected
-- when its root cause is cleared, the children cleared with it, merge / split / re-root).
ALTER TABLE work_items ADD COLUMN incident_id TEXT;
CREATE INDEX work_items_incident ON work_items (incident_id, open) WHERE incident_id IS NOT NULL;

-- Each place's (site's, or network element's) latest incident: raises there within the window of its
-- latest raise join it. Claimed by one atomic upsert per run of raises, so two nodes taking one storm
-- agree on one incident without a lock held across their batches. Closed when its root is cleared.
CREATE TABLE incident_claims (
  place          TEXT PRIMARY KEY,       -- site:<name> or element:<name>, lower case
  incident_id    TEXT NOT NULL,
  root_key       TEXT NOT NULL,          -- the root cause's item key
  opened_at      INTEGER NOT NULL,
  last_raised_at INTEGER NOT NULL,
  closed         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX incident_claims_incident ON incident_claims (incident_id);
