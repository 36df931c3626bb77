import { outcomeStats, outcomeStatsByStream, startOfLocalDay, windowKeys, type EngineConfig, type Window } from '@opsquest/core';
import type { StatsView } from '@opsquest/contracts';
import type { Repositories } from '../ports/repositories';

/** Outcome trends for leads: MTTA, MTTR and SLA attainment of the work closed in a window. */
export class StatsService {
  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {}

  windowStart(window: Window): number | null {
    const keys = windowKeys(this.now(), this.config.timeZone);
    if (window === 'all') return null;
    const day = window === 'month' ? `${keys.month}-01` : keys[window];
    return startOfLocalDay(day, this.config.timeZone);
  }

  async get(window: Window): Promise<StatsView> {
    const since = this.windowStart(window);
    const items = await this.repos.workItems.closedSince(since ?? 0);
    return {
      window,
      period: windowKeys(this.now(), this.config.timeZone)[window],
      since: since === null ? null : new Date(since).toISOString(),
      overall: outcomeStats(items),
      byStream: outcomeStatsByStream(items),
      open: await this.repos.workItems.openCounts(),
    };
  }
}
