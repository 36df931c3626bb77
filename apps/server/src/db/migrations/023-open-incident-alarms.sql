-- Open alarms in incidents (#19): a backstop pass clears an incident's children that are still open
-- after their root cause was cleared (the node that cleared it stopped before its after-commit sweep,
-- or a child joined on another node in that instant). It reads only these rows: the open alarms of
-- incidents, not every alarm that was ever in one.
CREATE INDEX work_items_open_incident ON work_items (incident_id) WHERE incident_id IS NOT NULL AND open = 1;
