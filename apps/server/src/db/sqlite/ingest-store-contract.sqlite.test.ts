import { describeIngestStoreContract } from '../../../test-support/contracts/ingest-store.contract';
import { openSqliteStore } from '../../../test-support/contracts/open-sqlite-store';
import { SqliteIngestStore } from './ingest-store.sqlite';
import { SqliteUnitOfWork } from './unit-of-work.sqlite';

/** The IngestStore contract on a real SQLite file, migrated from empty. */
describeIngestStoreContract(
  'SQLite',
  openSqliteStore((db) => new SqliteIngestStore(db, SqliteUnitOfWork.of(db), 75)),
);
