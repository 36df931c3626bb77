import {
  badgeIconNameOf,
  compareOutcomes,
  dayFromNumber,
  dayNumber,
  EMPTY_STREAK,
  localParts,
  outcomeStats,
  startOfLocalDay,
  streakView,
  trackStandings,
  weekdayOf,
  windowKeys,
  type EngineConfig,
  type WorkDays,
  type WorkItem,
} from '@opsquest/core';
import {
  SHIFT_HOURS,
  SHIFTS,
  shiftOfHour,
  STREAK_BUCKETS,
  type CompeteView,
  type EngagementView,
  type InsightsQuery,
  type MasteryView,
  type OutcomeChange,
  type OutcomeTrendsView,
  type OutcomeWindow,
  type PersonalBests,
  type Shift,
  type StreakBucket,
} from '@opsquest/contracts';
import { forbidden, notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { AuditRow } from '../ports/audit-store';
import type { PersonRow } from '../ports/people-store';
import type { Principal } from '../use-cases/auth.service';
import type { DashboardService } from './dashboard.service';
import { canSeePerson } from './people.service';

const DAY_MS = 86_400_000;
/** Before/after windows around a change. */
export const CHANGE_WINDOW_DAYS = 14;
const MAX_CHANGES = 10;
const COMPARE_WEEKS = 8;

export function streakBucket(current: number): StreakBucket {
  if (current <= 0) return '0';
  if (current <= 2) return '1–2';
  if (current <= 4) return '3–4';
  if (current <= 9) return '5–9';
  return '10+';
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Monday (local day key) of the week a local day falls in. */
function mondayOf(day: string): string {
  return dayFromNumber(dayNumber(day) - (weekdayOf(day) - 1));
}

function isWorkingDay(day: string, workDays: WorkDays): boolean {
  return workDays.length === 0 || workDays.includes(weekdayOf(day));
}

/** How many people were active before and after a change, in words. */
export function activeVerdict(before: OutcomeWindow, after: OutcomeWindow): string {
  if (after.activePeople === before.activePeople) return `Active people unchanged (${before.activePeople})`;
  return `Active people ${after.activePeople > before.activePeople ? 'up' : 'down'} from ${before.activePeople} to ${after.activePeople}`;
}

interface Activity {
  personId: string;
  at: number;
  /** an event with this person as actor (else: points) */
  action: boolean;
}

function field(details: unknown, key: string): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const value = (details as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function changeLabel(row: AuditRow): string {
  if (row.action.startsWith('rules.')) {
    const version = field(row.details, 'version');
    return `Rules published${version !== undefined ? ` (version ${version})` : ''}${row.reason ? `: ${row.reason}` : ''}`;
  }
  const title = field(row.details, 'title') ?? field(row.details, 'name') ?? row.targetId ?? 'mission';
  return `Mission started: ${title}`;
}

/** Engagement and outcome trends for leads; mastery (tracks, bests, compete with yourself) for a person. */
export class InsightsService {
  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly dashboard: DashboardService,
    private readonly now: () => number = Date.now,
  ) {}

  private dayKeys(days: number): string[] {
    const today = windowKeys(this.now(), this.config.timeZone).day;
    const first = dayNumber(today) - (days - 1);
    return Array.from({ length: days }, (_, i) => dayFromNumber(first + i));
  }

  /** The people a team's (or everyone's) figures are about: active accounts, admins left out. */
  private async scopePeople(teamId: string | null): Promise<PersonRow[]> {
    return (await this.repos.people.listActive()).filter((p) => p.role !== 'admin' && (teamId === null || p.teamId === teamId));
  }

  /** Actions (events with a person as actor) and points (positive, not badge bonuses) of the people in scope since a local day. */
  private async activity(sinceDay: string, teamId: string | null, people: readonly PersonRow[]): Promise<Activity[]> {
    const byUsername = new Map(people.map((p) => [p.username.toLowerCase(), p.id]));
    const ids = new Set(people.map((p) => p.id));
    const since = startOfLocalDay(sinceDay, this.config.timeZone);
    const out: Activity[] = [];
    for (const e of await this.repos.insights.actorEvents(since, this.now() + DAY_MS)) {
      const personId = byUsername.get(e.actor.toLowerCase());
      if (personId !== undefined) out.push({ personId, at: e.at, action: true });
    }
    for (const e of await this.repos.insights.ledgerSinceDay(sinceDay, teamId ?? undefined)) {
      if (e.points > 0 && !e.reversal && !e.ruleId.startsWith('badge:') && ids.has(e.personId)) out.push({ personId: e.personId, at: e.at, action: false });
    }
    return out;
  }

  async engagement(query: InsightsQuery, viewer: Principal): Promise<EngagementView> {
    const teamId = this.dashboard.scope(query, viewer);
    const tz = this.config.timeZone;
    const dayKeys = this.dayKeys(query.days);
    const index = new Map(dayKeys.map((d, i) => [d, i]));
    const people = await this.scopePeople(teamId);
    const firstDay = dayKeys[0] ?? windowKeys(this.now(), tz).day;

    const activeByDay = dayKeys.map(() => new Set<string>());
    const actionsByDay = dayKeys.map(() => 0);
    const shifts: Record<Shift, number> = { day: 0, evening: 0, night: 0 };
    const active = new Set<string>();
    for (const a of await this.activity(firstDay, teamId, people)) {
      const parts = localParts(a.at, tz);
      const i = index.get(parts.day);
      if (i === undefined) continue;
      activeByDay[i]?.add(a.personId);
      active.add(a.personId);
      if (a.action) {
        actionsByDay[i] = (actionsByDay[i] ?? 0) + 1;
        shifts[shiftOfHour(parts.hour)] += 1;
      }
    }

    const today = windowKeys(this.now(), tz).day;
    const streaks: Record<StreakBucket, number> = { '0': 0, '1–2': 0, '3–4': 0, '5–9': 0, '10+': 0 };
    for (const p of people) {
      const state = (await this.repos.progress.find(p.id))?.streak ?? EMPTY_STREAK;
      streaks[streakBucket(streakView(state, today, p.workDays ?? this.config.defaultWorkDays).current)] += 1;
    }

    const weeks = [...new Set(dayKeys.map(mondayOf))];
    const perWeek = new Map(weeks.map((w) => [w, 0]));
    const ids = new Set(people.map((p) => p.id));
    const holders = new Map<string, number>();
    for (const e of await this.repos.insights.badgesEarned()) {
      if (!ids.has(e.personId)) continue;
      const day = localParts(e.earnedAt, tz).day;
      const week = mondayOf(day);
      if (index.has(day) && perWeek.has(week)) perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
      if (active.has(e.personId)) holders.set(e.badgeId, (holders.get(e.badgeId) ?? 0) + 1);
    }

    return {
      teamId,
      people: people.length,
      activePeople: active.size,
      byDay: dayKeys.map((day, i) => ({ day, activePeople: activeByDay[i]?.size ?? 0, actions: actionsByDay[i] ?? 0 })),
      actionsByShift: SHIFTS.map((shift) => ({ shift, hours: SHIFT_HOURS[shift], actions: shifts[shift] })),
      streakDistribution: STREAK_BUCKETS.map((bucket) => ({ bucket, people: streaks[bucket] })),
      badgesByWeek: weeks.map((week) => ({ week, earned: perWeek.get(week) ?? 0 })),
      badgeHolders: this.config.badges.map((b) => {
        const n = holders.get(b.id) ?? 0;
        return {
          badgeId: b.id,
          name: b.name,
          icon: badgeIconNameOf(b.icon),
          ...(b.tier !== undefined ? { tier: b.tier } : {}),
          hidden: b.hidden === true,
          holders: n,
          sharePct: active.size > 0 ? round1((n / active.size) * 100) : null,
        };
      }),
    };
  }

  /** Rule publications and mission starts (newest first), one per mission; a mission counts from when it starts. */
  private async changes(since: number): Promise<{ row: AuditRow; kind: 'rules' | 'mission'; at: number }[]> {
    const rules = (await this.repos.audit.recent(200, 'rules.published')).filter((r) => r.action === 'rules.published');
    const missions = new Map<string, AuditRow>();
    for (const r of await this.repos.audit.recent(500, 'mission.')) {
      if (r.action !== 'mission.created' && r.action !== 'mission.approved') continue;
      const key = r.targetId ?? `seq:${r.seq}`;
      const known = missions.get(key);
      // A proposed mission starts when it is approved: the later of the two rows marks the change.
      if (known === undefined || r.at > known.at) missions.set(key, r);
    }
    const startOf = async (row: AuditRow): Promise<number> => {
      const startsAt = row.targetId !== null ? (await this.repos.missions.find(row.targetId))?.startsAt : undefined;
      return Math.max(row.at, startsAt ?? row.at);
    };
    const missionChanges: { row: AuditRow; kind: 'mission'; at: number }[] = [];
    for (const row of missions.values()) missionChanges.push({ row, kind: 'mission', at: await startOf(row) });
    return [...rules.map((row) => ({ row, kind: 'rules' as const, at: row.at })), ...missionChanges]
      .filter((c) => c.at >= since && c.at <= this.now())
      .sort((a, b) => b.at - a.at || b.row.seq - a.row.seq)
      .slice(0, MAX_CHANGES);
  }

  async outcomes(query: InsightsQuery, viewer: Principal): Promise<OutcomeTrendsView> {
    const tz = this.config.timeZone;
    const dashboard = await this.dashboard.get({ days: query.days, ...(query.teamId !== undefined ? { teamId: query.teamId } : {}) }, viewer);
    const teamId = dashboard.teamId;
    const firstDay = dashboard.days[0]?.day ?? windowKeys(this.now(), tz).day;
    const changes = await this.changes(startOfLocalDay(firstDay, tz));
    const span = CHANGE_WINDOW_DAYS * DAY_MS;
    const earliest = Math.min(...changes.map((c) => c.at - span), this.now());
    const closed = changes.length > 0 ? await this.dashboard.closedInScope(earliest, teamId) : [];
    const activity = changes.length > 0 ? await this.activity(localParts(earliest, tz).day, teamId, await this.scopePeople(teamId)) : [];
    const closedBetween = (from: number, to: number): WorkItem[] =>
      closed.filter((i: WorkItem) => {
        const at = i.closedAt ?? i.lastEventAt;
        return at >= from && at < to;
      });
    const window = (from: number, to: number): OutcomeWindow => {
      const stats = outcomeStats(closedBetween(from, to));
      return {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        closed: stats.closed,
        mttaMinutes: stats.mttaMinutes,
        mttrMinutes: stats.mttrMinutes,
        slaAttainmentPct: stats.slaAttainmentPct,
        activePeople: new Set(activity.filter((a) => a.at >= from && a.at < to).map((a) => a.personId)).size,
      };
    };
    return {
      teamId,
      days: dashboard.days.map((d) => ({ day: d.day, mttaMinutes: d.mttaMinutes, mttrMinutes: d.mttrMinutes, slaAttainmentPct: d.slaAttainmentPct, closed: d.closed })),
      changes: changes.map(({ row, kind, at }): OutcomeChange => {
        const end = Math.min(at + span, this.now() + 1);
        const before = window(at - span, at);
        const after = window(at, end);
        const comparisons = compareOutcomes(closedBetween(at - span, at), closedBetween(at, end), Math.min(span, this.now() - at));
        const verdicts = [...comparisons.map((c) => c.text), activeVerdict(before, after)];
        return { id: `audit-${row.seq}`, kind, at: new Date(at).toISOString(), day: localParts(at, tz).day, label: changeLabel(row), before, after, verdicts, comparisons };
      }),
    };
  }

  /** Skill tracks, personal bests and this week / today against my own averages. */
  async mastery(personId: string, viewer: Principal): Promise<MasteryView> {
    const person = await this.repos.people.findById(personId);
    if (!person) throw notFound(`Person ${personId} not found`);
    if (!canSeePerson(viewer, person)) throw forbidden('Only the person, their own lead or an admin may see this record');
    const progress = await this.repos.progress.find(person.id);
    const bestDay = await this.repos.insights.bestDay(person.id);
    const bestWeek = await this.repos.insights.bestWeek(person.id);
    const resolvedPerDay = new Map<string, number>();
    for (const at of await this.repos.insights.resolvedTimes(person.username)) {
      const day = localParts(at, this.config.timeZone).day;
      resolvedPerDay.set(day, (resolvedPerDay.get(day) ?? 0) + 1);
    }
    let mostResolved: PersonalBests['mostResolvedInDay'] = null;
    for (const [day, items] of resolvedPerDay) {
      if (mostResolved === null || items > mostResolved.items || (items === mostResolved.items && day > mostResolved.day)) mostResolved = { day, items };
    }
    return {
      personId: person.id,
      tracks: trackStandings(progress?.counters ?? {}),
      bests: {
        bestDay: bestDay ? { day: bestDay.day, points: bestDay.points } : null,
        bestWeek: bestWeek ? { week: bestWeek.week, points: bestWeek.points } : null,
        longestStreak: progress?.streak.best ?? 0,
        mostResolvedInDay: mostResolved,
      },
      compete: await this.compete(person),
    };
  }

  private async compete(person: PersonRow): Promise<CompeteView> {
    const today = windowKeys(this.now(), this.config.timeZone).day;
    const weekStart = mondayOf(today);
    const from = dayNumber(weekStart) - COMPARE_WEEKS * 7;
    const byDay = new Map((await this.repos.insights.pointsByDay(person.id, dayFromNumber(from))).map((r) => [r.day, r.points]));
    const points = (day: string): number => byDay.get(day) ?? 0;
    // Only weeks and days since my first points count toward my average (a newcomer is not compared with empty weeks).
    const firstActive = [...byDay.keys()].filter((d) => (byDay.get(d) ?? 0) !== 0).sort()[0];
    const start = firstActive === undefined ? dayNumber(weekStart) : Math.max(from, dayNumber(mondayOf(firstActive)));
    const weeks = Math.max(0, Math.floor((dayNumber(weekStart) - start) / 7));
    let weekSum = 0;
    for (let n = dayNumber(weekStart) - weeks * 7; n < dayNumber(weekStart); n += 1) weekSum += points(dayFromNumber(n));
    let thisWeek = 0;
    for (let n = dayNumber(weekStart); n <= dayNumber(today); n += 1) thisWeek += points(dayFromNumber(n));

    const workDays = person.workDays ?? this.config.defaultWorkDays;
    const dayStart = firstActive === undefined ? dayNumber(today) : Math.max(from, dayNumber(firstActive));
    let daySum = 0;
    let daysCounted = 0;
    for (let n = dayStart; n < dayNumber(today); n += 1) {
      const day = dayFromNumber(n);
      if (!isWorkingDay(day, workDays)) continue;
      daySum += points(day);
      daysCounted += 1;
    }
    return {
      week: { start: weekStart, points: thisWeek, averagePoints: weeks > 0 ? Math.round(weekSum / weeks) : 0, weeksCounted: weeks },
      today: { day: today, points: points(today), averagePoints: daysCounted > 0 ? Math.round(daySum / daysCounted) : 0, daysCounted, workingDay: isWorkingDay(today, workDays) },
    };
  }
}
