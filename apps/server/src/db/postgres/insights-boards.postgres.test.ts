import { expect, it } from 'vitest';
import { describeInsightsStoreContract } from '../../../test-support/contracts/insights-store.contract';
import { describeLeaderboardStoreContract } from '../../../test-support/contracts/leaderboard-store.contract';
import { describeLeagueStoreContract } from '../../../test-support/contracts/league-store.contract';
import { describeParticipationStoreContract } from '../../../test-support/contracts/participation-store.contract';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { openPostgresStore } from '../../../test-support/postgres/open-postgres-store';
import { PgExecutor } from './executor.postgres';
import { PgInsightsStore } from './insights.postgres';
import { PgLeaderboardStore } from './leaderboard.postgres';
import { PgLeagueStore } from './league.postgres';
import { migratePostgres } from './migrate.postgres';
import { PgParticipationStore } from './participation.postgres';
import { createPgPool } from './pool.postgres';

/** The insights, leaderboard, league and participation contracts on one throwaway PostgreSQL server (a fresh database per test). */
describeWithPostgres('PostgreSQL insights and boards', (server) => {
  describeInsightsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgInsightsStore(pg)));
  describeLeaderboardStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgLeaderboardStore(pg)));
  describeLeagueStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgLeagueStore(pg)));
  describeParticipationStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgParticipationStore(pg)));

  // The throwaway server's databases collate as C; a production database may not (en-US, say).
  it('keeps board order byte-wise (as SQLite) on a database whose default collation is a language one', async () => {
    const pool = createPgPool(await server().createDatabase({ icuLocale: 'en-US' }));
    try {
      await migratePostgres(pool);
      // this database really sorts otherwise by default
      const plain = await pool.query<{ s: string }>("SELECT s FROM unnest(ARRAY['pB', 'p_', 'pa']) AS s ORDER BY s");
      expect(plain.rows.map((r) => r.s)).not.toEqual(['pB', 'p_', 'pa']);
      await pool.query(
        ['pB', 'p_', 'pa', 'pc']
          .map((id) => `INSERT INTO people (id, username, display_name, role, password_hash, created_at) VALUES ('${id}', 'u-${id}', '${id}', 'engineer', 'x', 0);`)
          .join('\n'),
      );
      const store = new PgLeaderboardStore(new PgExecutor(pool));
      await store.addPointsMany(['pa', 'pB', 'p_', 'pc'].map((subjectId) => ({ scope: 'individual', window: 'week', period: '2026-11-23', subjectId, points: subjectId === 'pc' ? 99 : 5 })));
      expect((await store.individuals('week', '2026-11-23')).map((s) => s.subjectId)).toEqual(['pc', 'pB', 'p_', 'pa']);
      expect((await store.individuals('week', '2026-11-23', 'engineer')).map((s) => s.subjectId)).toEqual(['pc', 'pB', 'p_', 'pa']);
    } finally {
      await pool.end();
    }
  });
});
