-- Leaderboard ranks are read from in-memory rank indexes (RankCache), built from the aggregates'
-- primary key range of one board. The SQL rank index only doubled the pages every ingest commit
-- writes for the aggregates; the rare reads that still sort a board in SQL (points per hour,
-- weekly tiers) sort one period's rows.
DROP INDEX leaderboard_rank;
