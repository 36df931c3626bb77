import { windowKeys, type EngineConfig, type Window } from '@opsquest/core';
import type { LeaderboardEntry, LeaderboardView } from '@opsquest/contracts';
import type { Repositories } from '../repositories';
import type { Scope } from '../repositories/leaderboard.repository';

/** Leaderboards per scope and window, read from the aggregates (never from the ledger). */
export class LeaderboardService {
  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {}

  private nameOf(scope: Scope, id: string): { name: string; team?: string } {
    if (scope === 'team') return { name: this.repos.people.findTeam(id)?.name ?? id };
    const person = this.repos.people.findById(id);
    if (!person) return { name: id };
    const team = person.teamId ? this.repos.people.findTeam(person.teamId)?.name : undefined;
    return { name: person.displayName, ...(team ? { team } : {}) };
  }

  get(scope: Scope, window: Window, limit: number, viewer?: { personId: string; teamId: string | null }, around = 0): LeaderboardView {
    const period = windowKeys(this.now(), this.config.timeZone)[window];
    const board = this.repos.leaderboard;
    const standings = board.topN(scope, window, period, limit);
    const entries: LeaderboardEntry[] = [];
    let rank = 0;
    let previous: number | undefined;
    standings.forEach((s, index) => {
      if (s.points !== previous) rank = index + 1;
      previous = s.points;
      entries.push({ rank, id: s.subjectId, points: s.points, ...this.nameOf(scope, s.subjectId) });
    });
    const subjectId = scope === 'team' ? viewer?.teamId : viewer?.personId;
    const mine = subjectId ? board.rankOf(scope, window, period, subjectId) : undefined;
    const neighbours =
      around > 0 && subjectId
        ? board.around(scope, window, period, subjectId, around).map((s) => ({
            rank: board.countAbove(scope, window, period, s.points) + 1,
            id: s.subjectId,
            points: s.points,
            ...this.nameOf(scope, s.subjectId),
          }))
        : undefined;
    return {
      scope,
      window,
      period,
      entries,
      ...(neighbours ? { around: neighbours } : {}),
      total: board.count(scope, window, period),
      ...(mine && subjectId ? { me: { rank: mine.rank, id: subjectId, points: mine.points, ...this.nameOf(scope, subjectId) } } : {}),
    };
  }
}
