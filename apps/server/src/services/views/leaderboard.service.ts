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
import type { Repositories } from '../ports/repositories';
import type { Scope, Standing } from '../ports/leaderboard-store';
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
   * between. Called after start-up; a board not warmed is built on its first read instead, so a
   * failed load only stops the warming (and is handed to `onError`).
   */
  warm(onError: (error: unknown) => void = () => undefined): void {
    const keys = windowKeys(this.now(), this.config.timeZone);
    const jobs: (() => Promise<unknown>)[] = [];
    for (const window of ['all', 'month', 'week', 'day'] as const) {
      jobs.push(() => this.ranks.board('individual', window, keys[window]));
      for (const league of LEAGUES) jobs.push(() => this.ranks.board('individual', window, keys[window], league));
      jobs.push(() => this.ranks.board('team', window, keys[window]));
    }
    const next = async (): Promise<void> => {
      const job = jobs.shift();
      // the server may have been closed meanwhile
      if (!job || !this.repos.uow.isOpen()) return;
      await job();
      setImmediate(run).unref();
    };
    const run = (): void => {
      void next().catch(onError);
    };
    setImmediate(run).unref();
  }

  async leagueSettings(): Promise<LeagueSettings> {
    return { tiers: await this.repos.leagues.tiersEnabled() };
  }

  /** Admin: weekly tiers on or off (audited). */
  async setLeagueSettings(actorId: string, settings: LeagueSettings): Promise<LeagueSettings> {
    const now = this.now();
    await this.repos.uow.run(async () => {
      await this.repos.leagues.setTiersEnabled(settings.tiers);
      await this.repos.audit.record(now, { actorId, action: 'leagues.tiers', targetType: 'setting', targetId: 'leagues.tiers', details: settings });
    });
    return this.leagueSettings();
  }

  private async nameOf(scope: Scope, id: string): Promise<{ name: string; team?: string }> {
    if (scope === 'team') return { name: (await this.repos.people.findTeam(id))?.name ?? id };
    const person = await this.repos.people.findById(id);
    if (!person) return { name: id };
    const team = person.teamId ? (await this.repos.people.findTeam(person.teamId))?.name : undefined;
    return { name: person.displayName, ...(team ? { team } : {}) };
  }

  private async entry(scope: Scope, rank: number, s: Ranked): Promise<LeaderboardEntry> {
    return { rank, id: s.subjectId, points: s.points, ...(await this.nameOf(scope, s.subjectId)), ...(s.perHour !== undefined ? { perHour: s.perHour, hours: s.hours ?? 0 } : {}) };
  }

  async get(scope: Scope, window: Window, limit: number, viewer?: Viewer, around = 0, options: BoardOptions = {}): Promise<LeaderboardView> {
    const view = scope === 'individual' ? await this.individual(window, limit, viewer, around, options) : await this.teams(window, limit, viewer, around);
    if (scope === 'team') return view;
    const entries = await this.visibility.boardEntries(viewer, view.entries);
    const neighbours = view.around ? await this.visibility.boardEntries(viewer, view.around) : undefined;
    const me = view.me ? ((await this.visibility.boardEntries(viewer, [view.me]))[0] ?? view.me) : undefined;
    return {
      ...view,
      entries,
      ...(neighbours ? { around: neighbours } : {}),
      ...(me ? { me } : {}),
    };
  }

  /** Team boards: the top N and rank straight from the rank index. */
  private async teams(window: Window, limit: number, viewer: Viewer | undefined, around: number): Promise<LeaderboardView> {
    return this.fromIndex('team', window, limit, viewer?.teamId ?? undefined, around);
  }

  /** Top N, my rank and my neighbours from the in-memory rank index of the board (everyone, or one league). */
  private async fromIndex(scope: Scope, window: Window, limit: number, subjectId: string | undefined, around: number, cohort: BoardCohort = 'all'): Promise<LeaderboardView> {
    const period = windowKeys(this.now(), this.config.timeZone)[window];
    const board = await this.ranks.board(scope, window, period, cohort);
    const entries: LeaderboardEntry[] = [];
    let rank = 0;
    let previous: number | undefined;
    for (const [index, s] of board.top(limit).entries()) {
      if (s.points !== previous) rank = index + 1;
      previous = s.points;
      entries.push(await this.entry(scope, rank, s));
    }
    const myPoints = subjectId ? board.points(subjectId) : undefined;
    let neighbours: LeaderboardEntry[] | undefined;
    if (around > 0 && subjectId) {
      neighbours = [];
      for (const s of board.around(subjectId, around)) neighbours.push(await this.entry(scope, board.countAbove(s.points) + 1, s));
    }
    const me = myPoints !== undefined && subjectId ? await this.entry(scope, board.countAbove(myPoints) + 1, { subjectId, points: myPoints }) : undefined;
    return {
      scope,
      window,
      period,
      entries,
      ...(neighbours ? { around: neighbours } : {}),
      total: board.size,
      ...(me ? { me } : {}),
    };
  }

  private async individual(window: Window, limit: number, viewer: Viewer | undefined, around: number, options: BoardOptions): Promise<LeaderboardView> {
    const metric = options.metric ?? 'points';
    const myLeague = viewer ? leagueOf(viewer.role) : null;
    const league: League | 'all' = (options.league ?? 'mine') === 'mine' && myLeague ? myLeague : 'all';
    const keys = windowKeys(this.now(), this.config.timeZone);
    const period = keys[window];
    const tier = league !== 'all' && window === 'week' && viewer && (await this.repos.leagues.tiersEnabled()) ? await this.tierOf(viewer.id, keys.week) : undefined;
    const extra = { league, metric, ...(tier ? { tier } : {}) } as const;
    // By points, everyone or my league: from the in-memory rank index of that board.
    if (metric === 'points' && !tier) return { ...(await this.fromIndex('individual', window, limit, viewer?.id, around, league)), ...extra };

    let standings: Ranked[] = await this.repos.leaderboard.individuals(window, period, league === 'all' ? undefined : league);
    if (tier) {
      const tiers = await this.repos.leagues.tiersOf(keys.week);
      standings = standings.filter((s) => (tiers.get(s.subjectId)?.tier ?? 'bronze') === tier);
    }
    if (metric === 'perHour') standings = await this.perHour(standings, window, keys.day, period);
    const value = (s: Ranked): number => (metric === 'perHour' ? (s.perHour ?? 0) : s.points);
    const ranked: LeaderboardEntry[] = [];
    for (const [index, s] of standings.entries()) {
      const previous = standings[index - 1];
      const rank = previous !== undefined && value(previous) === value(s) ? (ranked[index - 1]?.rank ?? index + 1) : index + 1;
      ranked.push(await this.entry('individual', rank, s));
    }
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
  private async perHour(standings: Ranked[], window: Window, today: string, period: string): Promise<Ranked[]> {
    const schedules = await this.repos.leaderboard.schedulesById();
    const start = async (personId: string): Promise<string | undefined> => {
      if (window === 'day') return today;
      if (window === 'week') return period;
      if (window === 'month') return `${period}-01`;
      return this.repos.leaderboard.firstLedgerDay(personId);
    };
    const withHours: (Ranked & { hours: number; perHour: number })[] = [];
    for (const s of standings) {
      const schedule = schedules.get(s.subjectId);
      const from = (await start(s.subjectId)) ?? today;
      const hours = scheduledHours(from, today, schedule?.workDays ?? this.config.defaultWorkDays, schedule?.hoursPerDay ?? 8);
      withHours.push({ ...s, hours, perHour: pointsPerHour(s.points, hours) });
    }
    return withHours.sort((a, b) => b.perHour - a.perHour || b.points - a.points || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
  }

  /** My tier this week; the week's tiers are worked out from last week's on first use and stored. */
  private async tierOf(personId: string, week: string): Promise<LeagueTier> {
    const stored = await this.repos.leagues.tiersOf(week);
    const mine = stored.get(personId);
    if (mine) return mine.tier;
    await this.ensureWeek(week, stored);
    // Newcomers start in bronze.
    return (await this.repos.leagues.tiersOf(week)).get(personId)?.tier ?? 'bronze';
  }

  private async ensureWeek(week: string, stored: Map<string, { league: League; tier: LeagueTier }>): Promise<void> {
    const lastWeek = dayFromNumber(dayNumber(week) - 7);
    const previous = await this.repos.leagues.tiersOf(lastWeek);
    const people = await this.repos.people.listActive();
    const rows: { personId: string; league: League; tier: LeagueTier }[] = [];
    await this.repos.uow.run(async () => {
      for (const league of LEAGUES) {
        const members = people.filter((p) => p.role === league && !stored.has(p.id));
        if (members.length === 0) continue;
        const previousTiers: Record<string, LeagueTier> = {};
        const points: Record<string, number> = {};
        for (const s of await this.repos.leaderboard.individuals('week', lastWeek, league)) points[s.subjectId] = s.points;
        for (const [id, t] of previous) if (t.league === league) previousTiers[id] = t.tier;
        const next = assignLeagueTiers(previousTiers, points);
        for (const p of members) rows.push({ personId: p.id, league, tier: next[p.id] ?? 'bronze' });
      }
      await this.repos.leagues.saveTiers(week, rows);
    });
  }
}
