-- Several nodes, one delivery each (SQLite 014): a worker claims due deliveries by leasing them until
-- lease_until (claims lock with FOR UPDATE SKIP LOCKED, so racing nodes never take the same row), a
-- 2xx or a failed attempt clears the lease, and a crashed node's deliveries are claimed again once
-- their leases have run out.
ALTER TABLE deliveries ADD COLUMN lease_until BIGINT;
ALTER TABLE deliveries ADD COLUMN leased_by TEXT;
