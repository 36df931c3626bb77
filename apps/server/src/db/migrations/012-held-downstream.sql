-- Held means held (#14): what a held award's event would have moved besides its points (badge steps,
-- the streak day, the change missions read), kept on the event's first held award as JSON so that a
-- lead's release applies all of it at once. NULL on every other withheld award.
ALTER TABLE withheld_awards ADD COLUMN downstream TEXT;
-- The consistency checker replays releases in the order they were decided.
CREATE INDEX withheld_awards_released ON withheld_awards (decided_at) WHERE status = 'released';
