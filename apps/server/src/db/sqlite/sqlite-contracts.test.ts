import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAuthStoresContract } from '../../../test-support/contracts/auth-stores.contract';
import type { PersistenceFixture } from '../../../test-support/contracts/persistence-fixture';
import { describeUnitOfWorkContract } from '../../../test-support/contracts/unit-of-work.contract';
import { openDatabase } from '../database';
import { migrate } from '../migrate';
import { SqlitePeopleStore } from './people.sqlite';
import { SqliteApiKeyStore } from './api-keys.sqlite';
import { SqliteLoginFailureStore } from './login-failures.sqlite';
import { SqliteSessionStore } from './sessions.sqlite';
import { SqliteUnitOfWork } from './unit-of-work.sqlite';

/** The persistence contracts on a real SQLite file, migrated from empty. */
async function openSqlite(): Promise<PersistenceFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-contract-'));
  const db = openDatabase(join(dir, 'opsquest.db'));
  migrate(db);
  await new SqlitePeopleStore(db).createPerson({ id: 'p-1', username: 'ann', displayName: 'Ann', role: 'engineer', teamId: null, passwordHash: 'x', workDays: null }, 0);
  return {
    uow: SqliteUnitOfWork.of(db),
    sessions: new SqliteSessionStore(db),
    loginFailures: new SqliteLoginFailureStore(db),
    apiKeys: new SqliteApiKeyStore(db),
    personId: 'p-1',
    close: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeUnitOfWorkContract('SQLite', openSqlite);
describeAuthStoresContract('SQLite', openSqlite);
