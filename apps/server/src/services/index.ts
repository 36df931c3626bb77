import type { EngineConfig } from '@opsquest/core';
import type { Repositories } from './ports/repositories';
import { AuthService } from './use-cases/auth.service';
import { IngestService } from './use-cases/ingest.service';
import { LeaderboardService } from './views/leaderboard.service';
import { RankCache } from './live/rank-cache';
import { MissionProgressHook } from './use-cases/mission-progress.hook';
import { MissionsService } from './use-cases/missions.service';
import { ProposalsService } from './use-cases/proposals.service';
import { ProfileService } from './views/profile.service';
import { StatsService } from './views/stats.service';
import { DashboardService } from './views/dashboard.service';
import { InsightsService } from './views/insights.service';
import { NetworkHealthService } from './views/network-health.service';
import { CustomersService } from './views/customers.service';
import { PeopleService } from './views/people.service';
import { WallService } from './views/wall.service';
import { ActorMappingService } from './use-cases/actor-mapping.service';
import { IntegrationAdminService } from './use-cases/integration-admin.service';
import { IntegrationNoticesService } from './live/integration-notices.service';
import { Rulebook } from './live/rulebook.service';
import { ReviewService } from './use-cases/review.service';
import { RulesService } from './use-cases/rules.service';
import { AdjustmentsService } from './use-cases/adjustments.service';
import { WorkItemsService } from './use-cases/work-items.service';
import { KudosService } from './use-cases/kudos.service';
import { ParticipationService } from './use-cases/participation.service';
import { Visibility } from './views/visibility';
import { AuditLogService } from './views/audit-log.service';
import { MaintenanceService } from './use-cases/maintenance.service';
import { IncidentsService } from './use-cases/incidents.service';

export interface Services {
  repos: Repositories;
  /** the live engine configuration: the same object the rulebook updates in place */
  engine: EngineConfig;
  rulebook: Rulebook;
  review: ReviewService;
  auth: AuthService;
  ingest: IngestService;
  profile: ProfileService;
  leaderboard: LeaderboardService;
  workItems: WorkItemsService;
  stats: StatsService;
  people: PeopleService;
  dashboard: DashboardService;
  insights: InsightsService;
  /** open alarms by region and site, MTTR per week, recurring faults */
  networkHealth: NetworkHealthService;
  /** customers and sites with repeat faults or visits */
  customers: CustomersService;
  wall: WallService;
  integrationAdmin: IntegrationAdminService;
  /** unknown actors mapped to people, with back-pay */
  actorMapping: ActorMappingService;
  /** truncated Alertmanager groups and refused integration requests (admins; open gaps on the alarm board) */
  integrationNotices: IntegrationNoticesService;
  kudos: KudosService;
  participation: ParticipationService;
  visibility: Visibility;
  /** reading the audit log (admins, and leads their own team's part) */
  auditLog: AuditLogService;
  rules: RulesService;
  adjustments: AdjustmentsService;
  missions: MissionsService;
  proposals: ProposalsService;
  /** in-memory rank indexes of the leaderboards */
  ranks: RankCache;
  /** planned work: maintenance windows */
  maintenance: MaintenanceService;
  /** incidents: merge, split, re-root */
  incidents: IncidentsService;
}

/** Clock limits: how far ahead a source time may be, how long an offline-queued action's own time is believed. */
export interface ClockPolicy {
  maxSkewMs: number;
  maxOfflineMs: number;
}

/** Builds the services and puts the stored rule set and co-created badges in force (reads the store: await it before serving). */
export async function createServices(repos: Repositories, engine: EngineConfig, now: () => number, clock: ClockPolicy = { maxSkewMs: 5 * 60_000, maxOfflineMs: 72 * 3_600_000 }): Promise<Services> {
  const ingest = new IngestService(repos, engine, now, { maxSkewMs: clock.maxSkewMs });
  const workItems = new WorkItemsService(repos, ingest, engine, now, clock.maxOfflineMs);
  // Rank indexes in memory follow every committed batch's aggregate changes (the pipeline runs them
  // before the live fan-out tells browsers to read the boards).
  const ranks = new RankCache(repos);
  ingest.pipeline.after('ranks', (batch) => ranks.apply(batch.boards.values()));
  const leaderboard = new LeaderboardService(repos, engine, now, ranks);
  const profile = new ProfileService(repos, engine, now);
  const rulebook = new Rulebook(engine);
  // Version 1 is the defaults; the newest published rule set is put in force before anything is scored.
  const rules = new RulesService(repos, rulebook, now);
  await rules.load();
  ingest.followRules({ version: () => rulebook.version, reload: () => rules.reload() });
  const missions = new MissionsService(repos, engine, now);
  // Mission progress moves in the same transaction as the events, for every ingest (the demo seed
  // included); the pipeline runs it before the outbox (app.ts) so mission rewards are in the award webhooks.
  const missionProgress = new MissionProgressHook(repos, ingest, engine);
  ingest.pipeline.during('missions', (batch, at) => missionProgress.onBatch(batch, at));
  const proposals = new ProposalsService(repos, missions, rulebook, now);
  // approved co-created badges are awarded by the engine from start-up on
  await proposals.loadCustomBadges();
  const dashboard = new DashboardService(repos, engine, now);
  return {
    repos,
    engine,
    rulebook,
    review: new ReviewService(repos, ingest, engine),
    auth: new AuthService(repos, now),
    ingest,
    profile,
    leaderboard,
    workItems,
    stats: new StatsService(repos, engine, now),
    people: new PeopleService(repos, profile, engine, now),
    dashboard,
    insights: new InsightsService(repos, engine, dashboard, now),
    networkHealth: new NetworkHealthService(repos, engine, now),
    customers: new CustomersService(repos, now),
    wall: new WallService(repos, leaderboard, engine, now),
    integrationAdmin: new IntegrationAdminService(repos, now),
    actorMapping: new ActorMappingService(repos, ingest, engine),
    integrationNotices: new IntegrationNoticesService(repos, now),
    kudos: new KudosService(repos, ingest, engine, now),
    participation: new ParticipationService(repos, now),
    visibility: new Visibility(repos),
    auditLog: new AuditLogService(repos),
    rules,
    adjustments: new AdjustmentsService(repos, ingest),
    missions,
    proposals,
    ranks,
    maintenance: new MaintenanceService(repos, now, missions),
    incidents: new IncidentsService(repos, ingest, workItems, now),
  };
}
