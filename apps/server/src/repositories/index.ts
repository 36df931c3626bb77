import type { Db } from '../db/database';
import { SqliteApiKeyStore } from '../db/sqlite/api-keys.sqlite';
import { SqliteDeliveryStore } from '../db/sqlite/deliveries.sqlite';
import { SqliteIngestStore } from '../db/sqlite/ingest-store.sqlite';
import { SqliteLoginFailureStore } from '../db/sqlite/login-failures.sqlite';
import { SqliteSessionStore } from '../db/sqlite/sessions.sqlite';
import { SqliteUnitOfWork } from '../db/sqlite/unit-of-work.sqlite';
import type { ApiKeyStore, LoginFailureStore, SessionStore } from '../services/ports/auth-stores';
import type { DeliveryStore } from '../services/ports/delivery-store';
import type { IngestStore } from '../services/ports/ingest-store';
import type { UnitOfWork } from '../services/ports/unit-of-work';
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

export interface Repositories {
  db: Db;
  /** the only way services make several writes atomic */
  uow: UnitOfWork;
  /** the ingest path's port: load, decide, commit per batch */
  ingestStore: IngestStore;
  people: PeopleRepository;
  sessions: SessionStore;
  loginFailures: LoginFailureStore;
  apiKeys: ApiKeyStore;
  events: EventsRepository;
  workItems: WorkItemsRepository;
  ledger: LedgerRepository;
  progress: ProgressRepository;
  leaderboard: LeaderboardRepository;
  feed: FeedRepository;
  insights: InsightsRepository;
  subscriptions: SubscriptionsRepository;
  /** outbound deliveries: claimed under a lease by the delivery worker, read by the admin's delivery log */
  deliveries: DeliveryStore;
  audit: AuditRepository;
  kudos: KudosRepository;
  participation: ParticipationRepository;
  leagues: LeagueRepository;
  ruleSets: RuleSetsRepository;
  gates: GatesRepository;
  missions: MissionsRepository;
  proposals: ProposalsRepository;
  integrationNotices: IntegrationNoticesRepository;
  actorAliases: ActorAliasesRepository;
  retention: RetentionRepository;
}

export function createRepositories(db: Db, atRiskPct: number): Repositories {
  const uow = new SqliteUnitOfWork(db);
  return {
    db,
    uow,
    ingestStore: new SqliteIngestStore(db, uow, atRiskPct),
    people: new PeopleRepository(db),
    sessions: new SqliteSessionStore(db),
    loginFailures: new SqliteLoginFailureStore(db),
    apiKeys: new SqliteApiKeyStore(db),
    events: new EventsRepository(db),
    workItems: new WorkItemsRepository(db, atRiskPct),
    ledger: new LedgerRepository(db),
    progress: new ProgressRepository(db),
    leaderboard: new LeaderboardRepository(db),
    feed: new FeedRepository(db),
    insights: new InsightsRepository(db),
    subscriptions: new SubscriptionsRepository(db),
    deliveries: new SqliteDeliveryStore(db),
    audit: new AuditRepository(db),
    kudos: new KudosRepository(db),
    participation: new ParticipationRepository(db),
    leagues: new LeagueRepository(db),
    ruleSets: new RuleSetsRepository(db),
    gates: new GatesRepository(db),
    missions: new MissionsRepository(db),
    proposals: new ProposalsRepository(db),
    integrationNotices: new IntegrationNoticesRepository(db),
    actorAliases: new ActorAliasesRepository(db),
    retention: new RetentionRepository(db),
  };
}
