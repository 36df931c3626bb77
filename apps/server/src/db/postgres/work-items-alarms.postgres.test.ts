import type { QueryResultRow } from 'pg';
import { describe } from 'vitest';
import { describeAlertmanagerGroupsStoreContract } from '../../../test-support/contracts/alertmanager-groups-store.contract';
import type { OpenStore, StoreFixture } from '../../../test-support/contracts/store-fixture';
import { describeTmfAlarmsStoreContract } from '../../../test-support/contracts/tmf-alarms-store.contract';
import { describeWorkItemsStoreContract, WORK_ITEMS_AT_RISK_PCT } from '../../../test-support/contracts/work-items-store.contract';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { openPostgresStore } from '../../../test-support/postgres/open-postgres-store';
import type { ThrowawayPostgres } from '../../../test-support/postgres/throwaway-postgres';
import { PgAlertmanagerGroupsStore } from './alertmanager-groups.postgres';
import { PgExecutor } from './executor.postgres';
import { migratePostgres } from './migrate.postgres';
import { createPgPool } from './pool.postgres';
import { PgTmfAlarmsStore } from './tmf-alarms.postgres';
import { PgUnitOfWork } from './unit-of-work.postgres';
import { PgWorkItemsStore } from './work-items.postgres';

let icuDatabases = 0;

/**
 * The store on a database whose default collation is ICU's en-US, as a production server's often is
 * (the throwaway server's own databases use C): text compared and sorted in linguistic order there,
 * where ';' sorts before ':' and case is a tie-break, so byte-order assumptions show.
 */
function openOnIcuDatabase<S>(server: () => ThrowawayPostgres, make: (pg: PgExecutor) => S): OpenStore<S> {
  return async (): Promise<StoreFixture<S>> => {
    icuDatabases += 1;
    const name = `opsquest_icu_${process.pid}_${icuDatabases}`;
    const admin = createPgPool(server().url(), 1);
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'`);
    } finally {
      await admin.end();
    }
    const pool = createPgPool(server().url(name));
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

/** The work-items, TMF alarms and Alertmanager groups contracts on a real PostgreSQL server: a fresh migrated database per test. */
describeWithPostgres('PostgreSQL work items and alarms', (server: () => ThrowawayPostgres) => {
  describeWorkItemsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgWorkItemsStore(pg, WORK_ITEMS_AT_RISK_PCT)));
  describeTmfAlarmsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgTmfAlarmsStore(pg)));
  describeAlertmanagerGroupsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgAlertmanagerGroupsStore(pg)));

  // the store whose SQL compares text by order (a key range); the others order by numbers and ids only
  describe('on an ICU en-US database', () => {
    describeAlertmanagerGroupsStoreContract('PostgreSQL, ICU collation', openOnIcuDatabase(server, (pg) => new PgAlertmanagerGroupsStore(pg)));
  });
});
