import type { Db } from '../database';
import { SqliteApiKeyStore } from './api-keys.sqlite';
import { SqliteDeliveryStore } from './deliveries.sqlite';
import { SqliteIngestStore } from './ingest-store.sqlite';
import { SqliteLoginFailureStore } from './login-failures.sqlite';
import { SqliteSessionStore } from './sessions.sqlite';
import { guardedBy } from './standalone-guard';
import { SqliteUnitOfWork } from './unit-of-work.sqlite';
import { SqliteActorAliasesStore } from './actor-aliases.sqlite';
import { SqliteMaintenanceStore } from './maintenance.sqlite';
import { SqliteIncidentStore } from './incidents.sqlite';
import { SqliteAuditStore } from './audit.sqlite';
import { SqliteEventsStore } from './events.sqlite';
import { SqliteFeedStore } from './feed.sqlite';
import { SqliteGatesStore } from './gates.sqlite';
import { SqliteInsightsStore } from './insights.sqlite';
import { SqliteIntegrationNoticesStore } from './integration-notices.sqlite';
import { SqliteKudosStore } from './kudos.sqlite';
import { SqliteLeagueStore } from './league.sqlite';
import { SqliteParticipationStore } from './participation.sqlite';
import { SqliteLeaderboardStore } from './leaderboard.sqlite';
import { SqliteLedgerStore } from './ledger.sqlite';
import { SqliteMissionsStore } from './missions.sqlite';
import { SqliteNetworkStore } from './network.sqlite';
import { SqlitePeopleStore } from './people.sqlite';
import { SqliteProgressStore } from './progress.sqlite';
import { SqliteRuleSetsStore } from './rule-sets.sqlite';
import { SqliteProposalsStore } from './proposals.sqlite';
import { SqliteRetentionStore } from './retention.sqlite';
import { SqliteSubscriptionsStore } from './subscriptions.sqlite';
import { SqliteWorkItemsStore } from './work-items.sqlite';
import { SqliteTmfAlarmsStore } from './tmf-alarms.sqlite';
import { SqliteAlertmanagerGroupsStore } from './alertmanager-groups.sqlite';
import type { Repositories } from '../../services/ports/repositories';

/** SQLite's adapters of every port, and the database handle they share (for the SQLite-only tools: backups, checkpoints, benches). */
export interface SqliteRepositories extends Repositories {
  db: Db;
}

/**
 * The SQLite adapters of every port. Each is guarded (db/sqlite/standalone-guard.ts): a call made
 * outside a unit of work waits for another caller's open unit rather than joining its transaction.
 */
export function createRepositories(db: Db, atRiskPct: number): SqliteRepositories {
  const uow = SqliteUnitOfWork.of(db);
  const g = <T extends object>(adapter: T): T => guardedBy(uow, adapter);
  return {
    db,
    uow,
    ingestStore: new SqliteIngestStore(db, uow, atRiskPct),
    people: g(new SqlitePeopleStore(db)),
    sessions: g(new SqliteSessionStore(db)),
    loginFailures: g(new SqliteLoginFailureStore(db)),
    apiKeys: g(new SqliteApiKeyStore(db)),
    events: g(new SqliteEventsStore(db)),
    workItems: g(new SqliteWorkItemsStore(db, atRiskPct)),
    ledger: g(new SqliteLedgerStore(db)),
    progress: g(new SqliteProgressStore(db)),
    leaderboard: g(new SqliteLeaderboardStore(db)),
    feed: g(new SqliteFeedStore(db)),
    insights: g(new SqliteInsightsStore(db)),
    network: g(new SqliteNetworkStore(db)),
    subscriptions: g(new SqliteSubscriptionsStore(db)),
    deliveries: g(new SqliteDeliveryStore(db)),
    audit: g(new SqliteAuditStore(db)),
    kudos: g(new SqliteKudosStore(db)),
    participation: g(new SqliteParticipationStore(db)),
    leagues: g(new SqliteLeagueStore(db)),
    ruleSets: g(new SqliteRuleSetsStore(db)),
    gates: g(new SqliteGatesStore(db)),
    missions: g(new SqliteMissionsStore(db)),
    proposals: g(new SqliteProposalsStore(db)),
    integrationNotices: g(new SqliteIntegrationNoticesStore(db)),
    actorAliases: g(new SqliteActorAliasesStore(db)),
    maintenance: g(new SqliteMaintenanceStore(db)),
    incidents: g(new SqliteIncidentStore(db)),
    retention: g(new SqliteRetentionStore(db)),
    tmfAlarms: g(new SqliteTmfAlarmsStore(db)),
    alertmanagerGroups: g(new SqliteAlertmanagerGroupsStore(db)),
    // one node: a job's pass always runs
    jobs: { exclusively: (_job, work) => work() },
  };
}
