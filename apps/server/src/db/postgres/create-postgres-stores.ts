import type { Repositories } from '../../services/ports/repositories';
import { PgActorAliasesStore } from './actor-aliases.postgres';
import { PgMaintenanceStore } from './maintenance.postgres';
import { PgIncidentStore } from './incidents.postgres';
import { PgAlertmanagerGroupsStore } from './alertmanager-groups.postgres';
import { PgApiKeyStore } from './api-keys.postgres';
import { PgAuditStore } from './audit.postgres';
import { PgClusterJobs } from './cluster-jobs.postgres';
import { PgDeliveryStore } from './deliveries.postgres';
import { PgEventsStore } from './events.postgres';
import { PgExecutor } from './executor.postgres';
import { PgFeedStore } from './feed.postgres';
import { PgGatesStore } from './gates.postgres';
import { PgIngestStore } from './ingest-store.postgres';
import { PgInsightsStore } from './insights.postgres';
import { PgIntegrationNoticesStore } from './integration-notices.postgres';
import { PgKudosStore } from './kudos.postgres';
import { PgLeaderboardStore } from './leaderboard.postgres';
import { PgLeagueStore } from './league.postgres';
import { PgLedgerStore } from './ledger.postgres';
import { PgLoginFailureStore } from './login-failures.postgres';
import { PgMissionsStore } from './missions.postgres';
import { PgNetworkStore } from './network.postgres';
import { PgParticipationStore } from './participation.postgres';
import { PgPeopleStore } from './people.postgres';
import { PgProgressStore } from './progress.postgres';
import { PgProposalsStore } from './proposals.postgres';
import { PgRetentionStore } from './retention.postgres';
import { PgRuleSetsStore } from './rule-sets.postgres';
import { PgSessionStore } from './sessions.postgres';
import { PgSubscriptionsStore } from './subscriptions.postgres';
import { PgTmfAlarmsStore } from './tmf-alarms.postgres';
import { PgUnitOfWork } from './unit-of-work.postgres';
import { PgWorkItemsStore } from './work-items.postgres';
import type { PgPool } from './pool.postgres';

/** PostgreSQL's adapters of every port, and the pool they share (for health checks and shutdown). */
export interface PostgresRepositories extends Repositories {
  pool: PgPool;
  pg: PgExecutor;
}

/**
 * The PostgreSQL adapters of every port, on one pool. A statement joins the unit of work open in
 * its async context (PgExecutor); outside one it runs on any pooled connection, so no guard is
 * needed (each unit has a connection of its own).
 */
export function createPostgresRepositories(pool: PgPool, atRiskPct: number): PostgresRepositories {
  const pg = new PgExecutor(pool);
  const uow = new PgUnitOfWork(pg);
  return {
    pool,
    pg,
    uow,
    ingestStore: new PgIngestStore(pg, uow, atRiskPct),
    people: new PgPeopleStore(pg),
    sessions: new PgSessionStore(pg),
    loginFailures: new PgLoginFailureStore(pg),
    apiKeys: new PgApiKeyStore(pg),
    events: new PgEventsStore(pg),
    workItems: new PgWorkItemsStore(pg, atRiskPct),
    ledger: new PgLedgerStore(pg),
    progress: new PgProgressStore(pg),
    leaderboard: new PgLeaderboardStore(pg),
    feed: new PgFeedStore(pg),
    insights: new PgInsightsStore(pg),
    network: new PgNetworkStore(pg),
    subscriptions: new PgSubscriptionsStore(pg),
    deliveries: new PgDeliveryStore(pg),
    audit: new PgAuditStore(pg),
    kudos: new PgKudosStore(pg),
    participation: new PgParticipationStore(pg),
    leagues: new PgLeagueStore(pg),
    ruleSets: new PgRuleSetsStore(pg),
    gates: new PgGatesStore(pg),
    missions: new PgMissionsStore(pg),
    proposals: new PgProposalsStore(pg),
    integrationNotices: new PgIntegrationNoticesStore(pg),
    actorAliases: new PgActorAliasesStore(pg),
    maintenance: new PgMaintenanceStore(pg),
    incidents: new PgIncidentStore(pg),
    retention: new PgRetentionStore(pg),
    tmfAlarms: new PgTmfAlarmsStore(pg),
    alertmanagerGroups: new PgAlertmanagerGroupsStore(pg),
    jobs: new PgClusterJobs(pool),
  };
}
