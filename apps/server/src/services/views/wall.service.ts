import { clockView, type EngineConfig, type Window } from '@opsquest/core';
import type { WallView } from '@opsquest/contracts';
import type { Repositories } from '../ports/repositories';
import type { LeaderboardService } from './leaderboard.service';
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
      const clock = item.sla.response.stoppedAt === undefined ? item.sla.response : item.sla.resolution;
      const view = clockView(clock === item.sla.response ? 'response' : 'resolution', clock, now, this.config.atRiskPct);
      if (view.breached) breached += 1;
      else if (view.atRisk) atRisk += 1;
    }
    return {
      window,
      teams: (await this.leaderboard.get('team', window, 10)).entries,
      people: (await this.leaderboard.get('individual', window, 10, undefined, 0, { league: 'all' })).entries,
      openAlarmsBySeverity: await this.repos.insights.openAlarmsBySeverity(),
      slaAtRisk: atRisk,
      slaBreached: breached,
      recent: await this.visibility.feedItems(
        undefined,
        (await this.repos.feed.recent(15)).filter((f) => f.kind !== 'work'),
      ),
      at: new Date(now).toISOString(),
    };
  }
}
