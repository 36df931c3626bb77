import { SqliteIncidentStore } from './incidents.sqlite';
import { describeIncidentStoreContract } from '../../../test-support/contracts/incident-store.contract';
import { describeActorAliasesStoreContract } from '../../../test-support/contracts/actor-aliases-store.contract';
import { describeAuditStoreContract } from '../../../test-support/contracts/audit-store.contract';
import { describeIntegrationNoticesStoreContract } from '../../../test-support/contracts/integration-notices-store.contract';
import { openSqliteStore } from '../../../test-support/contracts/open-sqlite-store';
import { describeSubscriptionsStoreContract } from '../../../test-support/contracts/subscriptions-store.contract';
import { SqliteActorAliasesStore } from './actor-aliases.sqlite';
import { SqliteAuditStore } from './audit.sqlite';
import { SqliteMaintenanceStore } from './maintenance.sqlite';
import { describeMaintenanceStoreContract } from '../../../test-support/contracts/maintenance-store.contract';
import { SqliteIntegrationNoticesStore } from './integration-notices.sqlite';
import { SqliteSubscriptionsStore } from './subscriptions.sqlite';

/** The integration-notices, subscriptions, actor-aliases, audit and maintenance-window contracts on SQLite (the same tests run on PostgreSQL). */
describeIntegrationNoticesStoreContract('SQLite', openSqliteStore((db) => new SqliteIntegrationNoticesStore(db)));
describeSubscriptionsStoreContract('SQLite', openSqliteStore((db) => new SqliteSubscriptionsStore(db)));
describeActorAliasesStoreContract('SQLite', openSqliteStore((db) => new SqliteActorAliasesStore(db)));
describeAuditStoreContract('SQLite', openSqliteStore((db) => new SqliteAuditStore(db)));
describeMaintenanceStoreContract('SQLite', openSqliteStore((db) => new SqliteMaintenanceStore(db)));
describeIncidentStoreContract('SQLite', openSqliteStore((db) => new SqliteIncidentStore(db)));
