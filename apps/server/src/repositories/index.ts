import type { Db } from '../db/database';
import { SqliteApiKeyStore } from '../db/sqlite/api-keys.sqlite';
import { SqliteDeliveryStore } from '../db/sqlite/deliveries.sqlite';
import { SqliteIngestStore } from '../db/sqlite/ingest-store.sqlite';
import { SqliteLoginFailureStore } from '../db/sqlite/login-failures.sqlite';
import { SqliteSessionStore } from '../db/sqlite/sessions.sqlite';
import { guardedBy } from '../db/sqlite/standalone-guard';
import { SqliteUnitOfWork } from '../db/sqlite/unit-of-work.sqlite';
import type { ApiKeyStore, LoginFailureStore, SessionStore } from '../services/ports/auth-stores';
import type { DeliveryStore } from '../services/ports/delivery-store';
import type { IngestStore } from '../services/ports/ingest-store';
import type { UnitOfWork } from '../services/ports/unit-of-work';
import type { ActorAliasesStore } from '../services/ports/actor-aliases-store';
import type { AuditStore } from '../services/ports/audit-store';
import type { EventsStore } from '../services/ports/events-store';
import type { FeedStore } from '../services/ports/feed-store';
import type { GatesStore } from '../services/ports/gates-store';
import type { InsightsStore } from '../services/ports/insights-store';
import type { IntegrationNoticesStore } from '../services/ports/integration-notices-store';
import type { KudosStore } from '../services/ports/kudos-store';
import type { LeaderboardStore } from '../services/ports/leaderboard-store';
import type { LeagueStore } from '../services/ports/league-store';
import type { LedgerStore } from '../services/ports/ledger-store';
import type { MissionsStore } from '../services/ports/missions-store';
import type { ParticipationStore } from '../services/ports/participation-store';
import type { PeopleStore } from '../services/ports/people-store';
import type { ProgressStore } from '../services/ports/progress-store';
import type { ProposalsStore } from '../services/ports/proposals-store';
import type { RetentionStore } from '../services/ports/retention-store';
import type { RuleSetsStore } from '../services/ports/rule-sets-store';
import type { SubscriptionsStore } from '../services/ports/subscriptions-store';
import type { WorkItemsStore } from '../services/ports/work-items-store';
import { ActorAliasesRepository } from './actor-aliases.repository';
import { AuditRepository } from './audit.repository';
import { EventsRepository } from './events.repository';
import { FeedRepository } from './feed.repository';
import { GatesRepository } from './gates.repository';
import { InsightsRepository } from './insights.repository';
import { IntegrationNoticesRepository } from './integration-notices.repository';
import { KudosRepository } from './kudos.repository';
import { LeagueRepository } from './league.repository';
import { ParticipationRepository } from './participation.repository';
import { LeaderboardRepository } from './leaderboard.repository';
import { LedgerRepository } from './ledger.repository';
import { MissionsRepository } from './missions.repository';
import { PeopleRepository } from './people.repository';
import { ProgressRepository } from './progress.repository';
import { RuleSetsRepository } from './rule-sets.repository';
import { ProposalsRepository } from './proposals.repository';
import { RetentionRepository } from './retention.repository';
import { SubscriptionsRepository } from './subscriptions.repository';
import { WorkItemsRepository } from './work-items.repository';

/** The ports services use: interfaces only (services/ports/); createRepositories picks the SQLite adapters. */
export interface Repositories {
  db: Db;
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
  retention: RetentionStore;
}

/**
 * The SQLite adapters of every port. Each is guarded (db/sqlite/standalone-guard.ts): a call made
 * outside a unit of work waits for another caller's open unit rather than joining its transaction.
 */
export function createRepositories(db: Db, atRiskPct: number): Repositories {
  const uow = SqliteUnitOfWork.of(db);
  const g = <T extends object>(adapter: T): T => guardedBy(uow, adapter);
  return {
    db,
    uow,
    ingestStore: new SqliteIngestStore(db, uow, atRiskPct),
    people: g(new PeopleRepository(db)),
    sessions: g(new SqliteSessionStore(db)),
    loginFailures: g(new SqliteLoginFailureStore(db)),
    apiKeys: g(new SqliteApiKeyStore(db)),
    events: g(new EventsRepository(db)),
    workItems: g(new WorkItemsRepository(db, atRiskPct)),
    ledger: g(new LedgerRepository(db)),
    progress: g(new ProgressRepository(db)),
    leaderboard: g(new LeaderboardRepository(db)),
    feed: g(new FeedRepository(db)),
    insights: g(new InsightsRepository(db)),
    subscriptions: g(new SubscriptionsRepository(db)),
    deliveries: g(new SqliteDeliveryStore(db)),
    audit: g(new AuditRepository(db)),
    kudos: g(new KudosRepository(db)),
    participation: g(new ParticipationRepository(db)),
    leagues: g(new LeagueRepository(db)),
    ruleSets: g(new RuleSetsRepository(db)),
    gates: g(new GatesRepository(db)),
    missions: g(new MissionsRepository(db)),
    proposals: g(new ProposalsRepository(db)),
    integrationNotices: g(new IntegrationNoticesRepository(db)),
    actorAliases: g(new ActorAliasesRepository(db)),
    retention: g(new RetentionRepository(db)),
  };
}
