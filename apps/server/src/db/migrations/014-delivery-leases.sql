-- Several nodes, one delivery each (#17): a worker claims due deliveries by leasing them until
-- lease_until, so no other node sends them meanwhile; a 2xx or a failed attempt clears the lease,
-- and a crashed node's deliveries are claimed again once their leases have run out.
ALTER TABLE deliveries ADD COLUMN lease_until INTEGER;
ALTER TABLE deliveries ADD COLUMN leased_by TEXT;
