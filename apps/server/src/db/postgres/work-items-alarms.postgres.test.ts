import { describe } from 'vitest';
import { describeAlertmanagerGroupsStoreContract } from '../../../test-support/contracts/alertmanager-groups-store.contract';
import { describeTmfAlarmsStoreContract } from '../../../test-support/contracts/tmf-alarms-store.contract';
import { describeWorkItemsStoreContract, WORK_ITEMS_AT_RISK_PCT } from '../../../test-support/contracts/work-items-store.contract';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { openPostgresStore } from '../../../test-support/postgres/open-postgres-store';
import type { ThrowawayPostgres } from '../../../test-support/postgres/throwaway-postgres';
import { PgAlertmanagerGroupsStore } from './alertmanager-groups.postgres';
import { PgTmfAlarmsStore } from './tmf-alarms.postgres';
import { PgWorkItemsStore } from './work-items.postgres';


/** The work-items, TMF alarms and Alertmanager groups contracts on a real PostgreSQL server: a fresh migrated database per test. */
describeWithPostgres('PostgreSQL work items and alarms', (server: () => ThrowawayPostgres) => {
  describeWorkItemsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgWorkItemsStore(pg, WORK_ITEMS_AT_RISK_PCT)));
  describeTmfAlarmsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgTmfAlarmsStore(pg)));
  describeAlertmanagerGroupsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgAlertmanagerGroupsStore(pg)));

  // the store whose SQL compares text by order (a key range); the others order by numbers and ids only
  describe('on an ICU en-US database', () => {
    describeAlertmanagerGroupsStoreContract('PostgreSQL, ICU collation', openPostgresStore(server, (pg) => new PgAlertmanagerGroupsStore(pg), { icuLocale: 'en-US' }));
  });
});
