import { describeNetworkStoreContract } from '../../../test-support/contracts/network-store.contract';
import { openSqliteStore } from '../../../test-support/contracts/open-sqlite-store';
import { SqliteNetworkStore } from './network.sqlite';

describeNetworkStoreContract('SQLite', openSqliteStore((db) => new SqliteNetworkStore(db)));
