import type { Db } from '../db/database';
import { ActorAliasesRepository } from './actor-aliases.repository';
import { ApiKeysRepository } from './api-keys.repository';
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
import { SessionsRepository } from './sessions.repository';
import { LoginFailuresRepository } from './login-failures.repository';
import { SubscriptionsRepository } from './subscriptions.repository';
import { WorkItemsRepository } from './work-items.repository';

export interface Repositories {
  db: Db;
  people: PeopleRepository;
  sessions: SessionsRepository;
  loginFailures: LoginFailuresRepository;
  apiKeys: ApiKeysRepository;
  events: EventsRepository;
  workItems: WorkItemsRepository;
  ledger: LedgerRepository;
  progress: ProgressRepository;
  leaderboard: LeaderboardRepository;
  feed: FeedRepository;
  insights: InsightsRepository;
  subscriptions: SubscriptionsRepository;
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
}

export function createRepositories(db: Db, atRiskPct: number): Repositories {
  return {
    db,
    people: new PeopleRepository(db),
    sessions: new SessionsRepository(db),
    loginFailures: new LoginFailuresRepository(db),
    apiKeys: new ApiKeysRepository(db),
    events: new EventsRepository(db),
    workItems: new WorkItemsRepository(db, atRiskPct),
    ledger: new LedgerRepository(db),
    progress: new ProgressRepository(db),
    leaderboard: new LeaderboardRepository(db),
    feed: new FeedRepository(db),
    insights: new InsightsRepository(db),
    subscriptions: new SubscriptionsRepository(db),
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
  };
}
