import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { guardedBy } from '../../src/db/sqlite/standalone-guard';
import { SqliteUnitOfWork } from '../../src/db/sqlite/unit-of-work.sqlite';
import type { OpenStore, StoreFixture } from './store-fixture';

/** A store's contract fixture on a real SQLite file, migrated from empty; the store guarded as createRepositories guards it. */
export function openSqliteStore<S extends object>(make: (db: Db) => S): OpenStore<S> {
  return async (): Promise<StoreFixture<S>> => {
    const dir = mkdtempSync(join(tmpdir(), 'opsquest-store-'));
    const db = openDatabase(join(dir, 'opsquest.db'));
    migrate(db);
    const uow = SqliteUnitOfWork.of(db);
    return {
      store: guardedBy(uow, make(db)),
      uow,
      seed: async (sql) => {
        db.exec(sql);
      },
      query: async <R>(sql: string) => db.prepare(sql).all() as R[],
      close: async () => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}
