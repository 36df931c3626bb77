import type { EngineConfig } from '@opsquest/core';
import type { Repositories } from '../repositories';
import { AuthService } from './auth.service';
import { IngestService } from './ingest.service';
import { LeaderboardService } from './leaderboard.service';
import { ProfileService } from './profile.service';
import { StatsService } from './stats.service';
import { DashboardService } from './dashboard.service';
import { PeopleService } from './people.service';
import { WallService } from './wall.service';
import { IntegrationAdminService } from './integration-admin.service';
import { Rulebook } from './rulebook.service';
import { WorkItemsService } from './work-items.service';

export interface Services {
  repos: Repositories;
  /** the live engine configuration: the same object the rulebook updates in place */
  engine: EngineConfig;
  rulebook: Rulebook;
  auth: AuthService;
  ingest: IngestService;
  profile: ProfileService;
  leaderboard: LeaderboardService;
  workItems: WorkItemsService;
  stats: StatsService;
  people: PeopleService;
  dashboard: DashboardService;
  wall: WallService;
  integrationAdmin: IntegrationAdminService;
}

export function createServices(repos: Repositories, engine: EngineConfig, now: () => number): Services {
  const ingest = new IngestService(repos, engine, now);
  const leaderboard = new LeaderboardService(repos, engine, now);
  const profile = new ProfileService(repos, engine, now);
  return {
    repos,
    engine,
    rulebook: new Rulebook(engine),
    auth: new AuthService(repos, now),
    ingest,
    profile,
    leaderboard,
    workItems: new WorkItemsService(repos, ingest, engine, now),
    stats: new StatsService(repos, engine, now),
    people: new PeopleService(repos, profile, engine, now),
    dashboard: new DashboardService(repos, engine, now),
    wall: new WallService(repos, leaderboard, engine, now),
    integrationAdmin: new IntegrationAdminService(repos, now),
  };
}
