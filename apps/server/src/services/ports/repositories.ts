import type { ActorAliasesStore } from './actor-aliases-store';
import type { AlertmanagerGroupsStore } from './alertmanager-groups-store';
import type { ApiKeyStore, LoginFailureStore, SessionStore } from './auth-stores';
import type { AuditStore } from './audit-store';
import type { ClusterJobs } from './cluster-jobs';
import type { DeliveryStore } from './delivery-store';
import type { EventsStore } from './events-store';
import type { FeedStore } from './feed-store';
import type { GatesStore } from './gates-store';
import type { IngestStore } from './ingest-store';
import type { InsightsStore } from './insights-store';
import type { IntegrationNoticesStore } from './integration-notices-store';
import type { KudosStore } from './kudos-store';
import type { LeaderboardStore } from './leaderboard-store';
import type { LeagueStore } from './league-store';
import type { LedgerStore } from './ledger-store';
import type { MaintenanceStore } from './maintenance-store';
import type { IncidentStore } from './incident-store';
import type { MissionsStore } from './missions-store';
import type { NetworkStore } from './network-store';
import type { ParticipationStore } from './participation-store';
import type { PeopleStore } from './people-store';
import type { ProgressStore } from './progress-store';
import type { ProposalsStore } from './proposals-store';
import type { RetentionStore } from './retention-store';
import type { RuleSetsStore } from './rule-sets-store';
import type { SubscriptionsStore } from './subscriptions-store';
import type { TmfAlarmsStore } from './tmf-alarms-store';
import type { UnitOfWork } from './unit-of-work';
import type { WorkItemsStore } from './work-items-store';

/**
 * Every persistence port the services, live parts and integrations use: interfaces only. The
 * adapters are chosen once at start-up: SQLite's (db/sqlite/create-sqlite-stores.ts) by default,
 * PostgreSQL's (db/postgres/) where DATABASE_URL names a server.
 */
export interface Repositories {
  /** the only way services make several writes atomic */
  uow: UnitOfWork;
  /** the ingest path's port: load, decide, commit per batch */
  ingestStore: IngestStore;
  people: PeopleStore;
  sessions: SessionStore;
  loginFailures: LoginFailureStore;
  apiKeys: ApiKeyStore;
  events: EventsStore;
  workItems: WorkItemsStore;
  ledger: LedgerStore;
  progress: ProgressStore;
  leaderboard: LeaderboardStore;
  feed: FeedStore;
  insights: InsightsStore;
  /** recurring faults, repeat customers and sites, customers protected */
  network: NetworkStore;
  subscriptions: SubscriptionsStore;
  /** outbound deliveries: claimed under a lease by the delivery worker, read by the admin's delivery log */
  deliveries: DeliveryStore;
  audit: AuditStore;
  kudos: KudosStore;
  participation: ParticipationStore;
  leagues: LeagueStore;
  ruleSets: RuleSetsStore;
  gates: GatesStore;
  missions: MissionsStore;
  proposals: ProposalsStore;
  integrationNotices: IntegrationNoticesStore;
  actorAliases: ActorAliasesStore;
  /** planned work: maintenance windows */
  maintenance: MaintenanceStore;
  /** incidents: alarms' places claimed at the door, an incident's alarms */
  incidents: IncidentStore;
  retention: RetentionStore;
  /** the TMF642 API's reads of alarm work items */
  tmfAlarms: TmfAlarmsStore;
  /** the Alertmanager truncation check's reads of open alarms by group */
  alertmanagerGroups: AlertmanagerGroupsStore;
  /** background jobs (SLA timer, retention, session purge) run by one node at a time */
  jobs: ClusterJobs;
}
