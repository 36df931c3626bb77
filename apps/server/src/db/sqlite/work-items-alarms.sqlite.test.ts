import { describeAlertmanagerGroupsStoreContract } from '../../../test-support/contracts/alertmanager-groups-store.contract';
import { openSqliteStore } from '../../../test-support/contracts/open-sqlite-store';
import { describeTmfAlarmsStoreContract } from '../../../test-support/contracts/tmf-alarms-store.contract';
import { describeWorkItemsStoreContract, WORK_ITEMS_AT_RISK_PCT } from '../../../test-support/contracts/work-items-store.contract';
import { SqliteAlertmanagerGroupsStore } from './alertmanager-groups.sqlite';
import { SqliteTmfAlarmsStore } from './tmf-alarms.sqlite';
import { SqliteWorkItemsStore } from './work-items.sqlite';

/** The work-items, TMF alarms and Alertmanager groups contracts on a real SQLite file. */
describeWorkItemsStoreContract('SQLite', openSqliteStore((db) => new SqliteWorkItemsStore(db, WORK_ITEMS_AT_RISK_PCT)));
describeTmfAlarmsStoreContract('SQLite', openSqliteStore((db) => new SqliteTmfAlarmsStore(db)));
describeAlertmanagerGroupsStoreContract('SQLite', openSqliteStore((db) => new SqliteAlertmanagerGroupsStore(db)));
