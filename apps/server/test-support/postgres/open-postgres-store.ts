import type { QueryResultRow } from 'pg';
import { PgExecutor } from '../../src/db/postgres/executor.postgres';
import { migratePostgres } from '../../src/db/postgres/migrate.postgres';
import { createPgPool } from '../../src/db/postgres/pool.postgres';
import { PgUnitOfWork } from '../../src/db/postgres/unit-of-work.postgres';
import type { OpenStore, StoreFixture } from '../contracts/store-fixture';
import type { DatabaseOptions, ThrowawayPostgres } from './throwaway-postgres';

/** A store's contract fixture on a fresh, migrated database of a throwaway PostgreSQL server. */
export function openPostgresStore<S>(server: () => ThrowawayPostgres, make: (pg: PgExecutor) => S, database: DatabaseOptions = {}): OpenStore<S> {
  return async (): Promise<StoreFixture<S>> => {
    const pool = createPgPool(await server().createDatabase(database));
    await migratePostgres(pool);
    const pg = new PgExecutor(pool);
    return {
      store: make(pg),
      uow: new PgUnitOfWork(pg),
      seed: async (sql) => {
        await pool.query(sql);
      },
      query: async <R>(sql: string) => (await pool.query<QueryResultRow>(sql)).rows as R[],
      close: () => pool.end(),
    };
  };
}
