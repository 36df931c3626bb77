import { startOfLocalDay, windowKeys, type EngineConfig, type Window } from '@opsquest/core';
import type { WallView } from '@opsquest/contracts';
import type { Repositories } from '../ports/repositories';
import { customersProtectedByUsername, customersProtectedOf, UNTIL_NOW } from './customers-protected';
import type { LeaderboardService } from './leaderboard.service';
import { slaStateOf } from './sla-state';
import { Visibility } from './visibility';

/**
 * The NOC TV wall in one read: team and top-people boards, open alarms, SLA risk, recent awards.
 * The wall is public (a TV in the room): people who hide from public boards show as "Anonymous"
 * and people hidden from the feed as "A teammate", whoever is signed in on the screen.
 */
export class WallService {
  private readonly visibility: Visibility;

  constructor(
    private readonly repos: Repositories,
    private readonly leaderboard: LeaderboardService,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.visibility = new Visibility(repos);
  }

  async get(window: Window): Promise<WallView> {
    const now = this.now();
    let atRisk = 0;
    let breached = 0;
    for (const { item } of await this.repos.workItems.list({ state: 'open', limit: 5000 })) {
      const state = slaStateOf(item, now, this.config.atRiskPct);
      if (state === 'breached') breached += 1;
      else if (state === 'atRisk') atRisk += 1;
    }
    return {
      window,
      teams: (await this.leaderboard.get('team', window, 10)).entries,
      people: (await this.leaderboard.get('individual', window, 10, undefined, 0, { league: 'all' })).entries,
      openAlarmsBySeverity: await this.repos.insights.openAlarmsBySeverity(),
      slaAtRisk: atRisk,
      slaBreached: breached,
      customersProtected: await this.customersProtected(window, now),
      recent: await this.visibility.feedItems(
        undefined,
        (await this.repos.feed.recent(15)).filter((f) => f.kind !== 'work'),
      ),
      at: new Date(now).toISOString(),
    };
  }

  /** Customers protected since the window began: everyone's (active people) and each team's. */
  private async customersProtected(window: Window, now: number): Promise<WallView['customersProtected']> {
    const tz = this.config.timeZone;
    const keys = windowKeys(now, tz);
    const from = window === 'all' ? 0 : startOfLocalDay(window === 'month' ? `${keys.month}-01` : keys[window], tz);
    const byUsername = await customersProtectedByUsername(this.repos, from, UNTIL_NOW);
    const people = await this.repos.people.listActive();
    return {
      total: customersProtectedOf(byUsername, people).customers,
      teams: (await this.repos.people.listTeams()).map((team) => ({ teamId: team.id, customers: customersProtectedOf(byUsername, people.filter((p) => p.teamId === team.id)).customers })),
    };
  }
}
