import { describeGatesStoreContract } from '../../../test-support/contracts/gates-store.contract';
import { describeKudosStoreContract } from '../../../test-support/contracts/kudos-store.contract';
import { describeMissionsStoreContract } from '../../../test-support/contracts/missions-store.contract';
import { openSqliteStore } from '../../../test-support/contracts/open-sqlite-store';
import { SqliteGatesStore } from './gates.sqlite';
import { SqliteKudosStore } from './kudos.sqlite';
import { SqliteMissionsStore } from './missions.sqlite';

/** The missions, gates and kudos contracts on a real SQLite file, migrated from empty. */
describeMissionsStoreContract('SQLite', openSqliteStore((db) => new SqliteMissionsStore(db)));
describeGatesStoreContract('SQLite', openSqliteStore((db) => new SqliteGatesStore(db)));
describeKudosStoreContract('SQLite', openSqliteStore((db) => new SqliteKudosStore(db)));
