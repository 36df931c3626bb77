import {
  assignLeagueTiers,
  dayFromNumber,
  dayNumber,
  leagueOf,
  LEAGUES,
  pointsPerHour,
  scheduledHours,
  windowKeys,
  type EngineConfig,
  type League,
  type LeagueTier,
  type Window,
} from '@opsquest/core';
import type { BoardLeague, BoardMetric, LeaderboardEntry, LeaderboardView, LeagueSettings } from '@opsquest/contracts';
import type { Repositories } from '../../repositories';
import type { Scope, Standing } from '../../repositories/leaderboard.repository';
import { RankCache, type BoardCohort } from '../live/rank-cache';
import { Visibility, type Viewer } from './visibility';

export interface BoardOptions {
  /** individual boards: 'mine' (my role's league; the default) or 'all' */
  league?: BoardLeague;
  metric?: BoardMetric;
}

interface Ranked extends Standing {
  perHour?: number;
  hours?: number;
}

/**
 * Leaderboards per scope and window, read from the aggregates (never from the ledger). Individual
 * boards can be narrowed to a league (same role) and, when weekly tiers are on, to my tier's
 * cohort, and ordered by points per scheduled working hour. Hidden people show as "Anonymous".
 */
export class LeaderboardService {
  private readonly visibility: Visibility;

  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
    private readonly ranks: RankCache = new RankCache(repos),
  ) {
    this.visibility = new Visibility(repos);
  }

  /**
   * Builds the rank indexes of the boards people open first (this day, week, month and all time;
   * everyone, each league, teams), one board per turn of the event loop so requests are served in
   * between. Called after start-up; a board not warmed is built on its first read instead.
   */
  warm(): void {
    const keys = windowKeys(this.now(), this.config.timeZone);
    const jobs: (() => void)[] = [];
    for (const window of ['all', 'month', 'week', 'day'] as const) {
      jobs.push(() => this.ranks.board('individual', window, keys[window]));
      for (const league of LEAGUES) jobs.push(() => this.ranks.board('individual', window, keys[window], league));
      jobs.push(() => this.ranks.board('team', window, keys[window]));
    }
    const next = (): void => {
      const job = jobs.shift();
      // the server may have been closed meanwhile
      if (!job || !this.repos.uow.isOpen()) return;
      job();
      setImmediate(next).unref();
    };
    setImmediate(next).unref();
  }

  leagueSettings(): LeagueSettings {
    return { tiers: this.repos.leagues.tiersEnabled() };
  }

  /** Admin: weekly tiers on or off (audited). */
  setLeagueSettings(actorId: string, settings: LeagueSettings): LeagueSettings {
    const now = this.now();
    this.repos.uow.runSync(() => {
      this.repos.leagues.setTiersEnabled(settings.tiers);
      this.repos.audit.record(now, { actorId, action: 'leagues.tiers', targetType: 'setting', targetId: 'leagues.tiers', details: settings });
    });
    return this.leagueSettings();
  }

  private nameOf(scope: Scope, id: string): { name: string; team?: string } {
    if (scope === 'team') return { name: this.repos.people.findTeam(id)?.name ?? id };
    const person = this.repos.people.findById(id);
    if (!person) return { name: id };
    const team = person.teamId ? this.repos.people.findTeam(person.teamId)?.name : undefined;
    return { name: person.displayName, ...(team ? { team } : {}) };
  }

  private entry(scope: Scope, rank: number, s: Ranked): LeaderboardEntry {
    return { rank, id: s.subjectId, points: s.points, ...this.nameOf(scope, s.subjectId), ...(s.perHour !== undefined ? { perHour: s.perHour, hours: s.hours ?? 0 } : {}) };
  }

  get(scope: Scope, window: Window, limit: number, viewer?: Viewer, around = 0, options: BoardOptions = {}): LeaderboardView {
    const view = scope === 'individual' ? this.individual(window, limit, viewer, around, options) : this.teams(window, limit, viewer, around);
    if (scope === 'team') return view;
    return {
      ...view,
      entries: this.visibility.boardEntries(viewer, view.entries),
      ...(view.around ? { around: this.visibility.boardEntries(viewer, view.around) } : {}),
      ...(view.me ? { me: this.visibility.boardEntries(viewer, [view.me])[0] ?? view.me } : {}),
    };
  }

  /** Team boards: the top N and rank straight from the rank index. */
  private teams(window: Window, limit: number, viewer: Viewer | undefined, around: number): LeaderboardView {
    return this.fromIndex('team', window, limit, viewer?.teamId ?? undefined, around);
  }

  /** Top N, my rank and my neighbours from the in-memory rank index of the board (everyone, or one league). */
  private fromIndex(scope: Scope, window: Window, limit: number, subjectId: string | undefined, around: number, cohort: BoardCohort = 'all'): LeaderboardView {
    const period = windowKeys(this.now(), this.config.timeZone)[window];
    const board = this.ranks.board(scope, window, period, cohort);
    const entries: LeaderboardEntry[] = [];
    let rank = 0;
    let previous: number | undefined;
    board.top(limit).forEach((s, index) => {
      if (s.points !== previous) rank = index + 1;
      previous = s.points;
      entries.push(this.entry(scope, rank, s));
    });
    const myPoints = subjectId ? board.points(subjectId) : undefined;
    const neighbours = around > 0 && subjectId ? board.around(subjectId, around).map((s) => this.entry(scope, board.countAbove(s.points) + 1, s)) : undefined;
    return {
      scope,
      window,
      period,
      entries,
      ...(neighbours ? { around: neighbours } : {}),
      total: board.size,
      ...(myPoints !== undefined && subjectId ? { me: this.entry(scope, board.countAbove(myPoints) + 1, { subjectId, points: myPoints }) } : {}),
    };
  }

  private individual(window: Window, limit: number, viewer: Viewer | undefined, around: number, options: BoardOptions): LeaderboardView {
    const metric = options.metric ?? 'points';
    const myLeague = viewer ? leagueOf(viewer.role) : null;
    const league: League | 'all' = (options.league ?? 'mine') === 'mine' && myLeague ? myLeague : 'all';
    const keys = windowKeys(this.now(), this.config.timeZone);
    const period = keys[window];
    const tier = league !== 'all' && window === 'week' && viewer && this.repos.leagues.tiersEnabled() ? this.tierOf(viewer.id, keys.week) : undefined;
    const extra = { league, metric, ...(tier ? { tier } : {}) } as const;
    // By points, everyone or my league: from the in-memory rank index of that board.
    if (metric === 'points' && !tier) return { ...this.fromIndex('individual', window, limit, viewer?.id, around, league), ...extra };

    let standings: Ranked[] = this.repos.leaderboard.individuals(window, period, league === 'all' ? undefined : league);
    if (tier) {
      const tiers = this.repos.leagues.tiersOf(keys.week);
      standings = standings.filter((s) => (tiers.get(s.subjectId)?.tier ?? 'bronze') === tier);
    }
    if (metric === 'perHour') standings = this.perHour(standings, window, keys.day, period);
    const value = (s: Ranked): number => (metric === 'perHour' ? (s.perHour ?? 0) : s.points);
    const ranked: LeaderboardEntry[] = [];
    standings.forEach((s, index) => {
      const previous = standings[index - 1];
      const rank = previous !== undefined && value(previous) === value(s) ? (ranked[index - 1]?.rank ?? index + 1) : index + 1;
      ranked.push(this.entry('individual', rank, s));
    });
    const myIndex = viewer ? ranked.findIndex((e) => e.id === viewer.id) : -1;
    return {
      scope: 'individual',
      window,
      period,
      entries: ranked.slice(0, limit),
      ...(around > 0 && myIndex >= 0 ? { around: ranked.slice(Math.max(0, myIndex - around), myIndex + around + 1) } : {}),
      ...(around > 0 && myIndex < 0 && viewer ? { around: [] } : {}),
      total: ranked.length,
      ...(myIndex >= 0 && ranked[myIndex] ? { me: ranked[myIndex] } : {}),
      ...extra,
    };
  }

  /** Points per scheduled working hour elapsed in the window (today counted as a full work day). */
  private perHour(standings: Ranked[], window: Window, today: string, period: string): Ranked[] {
    const schedules = this.repos.leaderboard.schedulesById();
    const start = (personId: string): string | undefined => {
      if (window === 'day') return today;
      if (window === 'week') return period;
      if (window === 'month') return `${period}-01`;
      return this.repos.leaderboard.firstLedgerDay(personId);
    };
    return standings
      .map((s) => {
        const schedule = schedules.get(s.subjectId);
        const from = start(s.subjectId) ?? today;
        const hours = scheduledHours(from, today, schedule?.workDays ?? this.config.defaultWorkDays, schedule?.hoursPerDay ?? 8);
        return { ...s, hours, perHour: pointsPerHour(s.points, hours) };
      })
      .sort((a, b) => b.perHour - a.perHour || b.points - a.points || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
  }

  /** My tier this week; the week's tiers are worked out from last week's on first use and stored. */
  private tierOf(personId: string, week: string): LeagueTier {
    const stored = this.repos.leagues.tiersOf(week);
    const mine = stored.get(personId);
    if (mine) return mine.tier;
    this.ensureWeek(week, stored);
    // Newcomers start in bronze.
    return this.repos.leagues.tiersOf(week).get(personId)?.tier ?? 'bronze';
  }

  private ensureWeek(week: string, stored: Map<string, { league: League; tier: LeagueTier }>): void {
    const lastWeek = dayFromNumber(dayNumber(week) - 7);
    const previous = this.repos.leagues.tiersOf(lastWeek);
    const people = this.repos.people.listActive();
    const rows: { personId: string; league: League; tier: LeagueTier }[] = [];
    this.repos.uow.runSync(() => {
      for (const league of LEAGUES) {
        const members = people.filter((p) => p.role === league && !stored.has(p.id));
        if (members.length === 0) continue;
        const previousTiers: Record<string, LeagueTier> = {};
        const points: Record<string, number> = {};
        for (const s of this.repos.leaderboard.individuals('week', lastWeek, league)) points[s.subjectId] = s.points;
        for (const [id, t] of previous) if (t.league === league) previousTiers[id] = t.tier;
        const next = assignLeagueTiers(previousTiers, points);
        for (const p of members) rows.push({ personId: p.id, league, tier: next[p.id] ?? 'bronze' });
      }
      this.repos.leagues.saveTiers(week, rows);
    });
  }
}
