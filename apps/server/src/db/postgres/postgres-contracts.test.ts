import { describeAuthStoresContract } from '../../../test-support/contracts/auth-stores.contract';
import type { PersistenceFixture } from '../../../test-support/contracts/persistence-fixture';
import { describeUnitOfWorkContract } from '../../../test-support/contracts/unit-of-work.contract';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import type { ThrowawayPostgres } from '../../../test-support/postgres/throwaway-postgres';
import { PgApiKeyStore } from './api-keys.postgres';
import { PgExecutor } from './executor.postgres';
import { PgLoginFailureStore } from './login-failures.postgres';
import { migratePostgres } from './migrate.postgres';
import { createPgPool } from './pool.postgres';
import { PgSessionStore } from './sessions.postgres';
import { PgUnitOfWork } from './unit-of-work.postgres';

/** The same persistence contracts as SQLite's, on a real PostgreSQL server: a fresh migrated database per test. */
describeWithPostgres('PostgreSQL adapters', (server: () => ThrowawayPostgres) => {
  const open = async (): Promise<PersistenceFixture> => {
    const pool = createPgPool(await server().createDatabase());
    await migratePostgres(pool);
    await pool.query("INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-1', 'ann', 'Ann', 'engineer', NULL, 'x', 0)");
    const pg = new PgExecutor(pool);
    return {
      uow: new PgUnitOfWork(pg),
      sessions: new PgSessionStore(pg),
      loginFailures: new PgLoginFailureStore(pg),
      apiKeys: new PgApiKeyStore(pg),
      personId: 'p-1',
      close: () => pool.end(),
    };
  };
  describeUnitOfWorkContract('PostgreSQL', open);
  describeAuthStoresContract('PostgreSQL', open);
});
