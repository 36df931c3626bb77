import { describeEventsStoreContract } from '../../../test-support/contracts/events-store.contract';
import { describeLedgerStoreContract } from '../../../test-support/contracts/ledger-store.contract';
import { describeRetentionStoreContract } from '../../../test-support/contracts/retention-store.contract';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { openPostgresStore } from '../../../test-support/postgres/open-postgres-store';
import { PgEventsStore } from './events.postgres';
import { PgLedgerStore } from './ledger.postgres';
import { PgRetentionStore } from './retention.postgres';

describeWithPostgres('PostgreSQL events, ledger and retention', (server) => {
  describeEventsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgEventsStore(pg)));
  describeLedgerStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgLedgerStore(pg)));
  describeRetentionStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgRetentionStore(pg)));
});
