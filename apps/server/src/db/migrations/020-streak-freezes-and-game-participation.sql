-- Rewards (#18): streak freezes banked by work (0 to 2; the core's streaks.ts earns and uses them),
-- and whether a lead or admin takes part in the game (NULL: the role's default, off for leads and
-- admins; engineers and technicians always take part).
ALTER TABLE streaks ADD COLUMN freezes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participation ADD COLUMN plays_game INTEGER;
