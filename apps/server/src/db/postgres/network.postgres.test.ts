import { describeNetworkStoreContract } from '../../../test-support/contracts/network-store.contract';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { openPostgresStore } from '../../../test-support/postgres/open-postgres-store';
import { PgNetworkStore } from './network.postgres';

/** The NetworkStore contract on a throwaway PostgreSQL server (a fresh database per test). */
describeWithPostgres('PostgreSQL network store', (server) => {
  describeNetworkStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgNetworkStore(pg)));
});
