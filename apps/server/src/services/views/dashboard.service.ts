import { dayFromNumber, dayNumber, localParts, outcomeStats, startOfLocalDay, windowKeys, type EngineConfig, type WorkItem } from '@opsquest/core';
import { SHIFT_HOURS, SHIFTS, shiftOfHour, type DashboardDay, type DashboardQuery, type DashboardView, type Shift } from '@opsquest/contracts';
import { forbidden } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { Principal } from '../use-cases/auth.service';
import { customersProtectedByUsername, customersProtectedOf, UNTIL_NOW } from './customers-protected';

/** A lead's trends: MTTA, MTTR, SLA attainment, backlog, points per person, activity per shift. */
export class DashboardService {
  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Leads see their own team (or all teams' totals); admins any team. */
  scope(query: { teamId?: string | undefined }, viewer: Principal): string | null {
    if (viewer.role !== 'lead' && viewer.role !== 'admin') throw forbidden('The dashboard is for leads and admins');
    if (query.teamId === undefined) return viewer.role === 'lead' ? viewer.teamId : null;
    if (viewer.role === 'lead' && query.teamId !== viewer.teamId) throw forbidden('A lead sees the dashboard of their own team');
    return query.teamId;
  }

  /** Work closed since `since`; for a team, the work its members responded to or resolved. */
  async closedInScope(since: number, teamId: string | null): Promise<WorkItem[]> {
    const members = teamId ? new Set((await this.repos.people.listActive()).filter((p) => p.teamId === teamId).map((p) => p.username.toLowerCase())) : undefined;
    const inScope = (item: WorkItem): boolean =>
      !members || (item.resolvedBy !== undefined && members.has(item.resolvedBy.toLowerCase())) || (item.respondedBy !== undefined && members.has(item.respondedBy.toLowerCase()));
    return (await this.repos.workItems.closedSince(since)).filter(inScope);
  }

  async get(query: DashboardQuery, viewer: Principal): Promise<DashboardView> {
    const teamId = this.scope(query, viewer);
    const tz = this.config.timeZone;
    const today = windowKeys(this.now(), tz).day;
    const first = dayNumber(today) - (query.days - 1);
    const dayKeys = Array.from({ length: query.days }, (_, i) => dayFromNumber(first + i));
    const firstDay = dayKeys[0] ?? today;
    const since = startOfLocalDay(firstDay, tz);
    const index = new Map(dayKeys.map((d, i) => [d, i]));

    const closedByDay: WorkItem[][] = dayKeys.map(() => []);
    const closed = await this.closedInScope(since, teamId);
    for (const item of closed) {
      const i = index.get(localParts(item.closedAt ?? item.lastEventAt, tz).day);
      if (i !== undefined) closedByDay[i]?.push(item);
    }
    const opened = dayKeys.map(() => 0);
    for (const at of await this.repos.insights.openedTimesSince(since)) {
      const i = index.get(localParts(at, tz).day);
      if (i !== undefined) opened[i] = (opened[i] ?? 0) + 1;
    }

    const ledger = await this.repos.insights.ledgerSinceDay(firstDay, teamId ?? undefined);
    const pointsByDay = dayKeys.map(() => 0);
    const activeByDay = dayKeys.map(() => new Set<string>());
    const byPerson = new Map<string, number[]>();
    const shifts: Record<Shift, number> = { day: 0, evening: 0, night: 0 };
    for (const e of ledger) {
      const i = index.get(e.day);
      if (i === undefined) continue;
      pointsByDay[i] = (pointsByDay[i] ?? 0) + e.points;
      const series = byPerson.get(e.personId) ?? dayKeys.map(() => 0);
      series[i] = (series[i] ?? 0) + e.points;
      byPerson.set(e.personId, series);
      if (e.points > 0 && !e.ruleId.startsWith('badge:')) {
        activeByDay[i]?.add(e.personId);
        shifts[shiftOfHour(localParts(e.at, tz).hour)] += 1;
      }
    }

    const days: DashboardDay[] = dayKeys.map((day, i) => {
      const stats = outcomeStats(closedByDay[i] ?? []);
      return {
        day,
        mttaMinutes: stats.mttaMinutes,
        mttrMinutes: stats.mttrMinutes,
        slaAttainmentPct: stats.slaAttainmentPct,
        closed: stats.closed,
        opened: opened[i] ?? 0,
        points: pointsByDay[i] ?? 0,
        activePeople: activeByDay[i]?.size ?? 0,
      };
    });
    const active = await this.repos.people.listActive();
    const names = new Map(active.map((p) => [p.id, p.displayName]));
    const protectedBy = await customersProtectedByUsername(this.repos, since, UNTIL_NOW);
    return {
      teamId,
      days,
      backlog: await this.repos.workItems.openCounts(),
      pointsByPerson: [...byPerson.entries()]
        .map(([personId, series]) => ({ personId, name: names.get(personId) ?? personId, byDay: series }))
        .sort((a, b) => b.byDay.reduce((s, n) => s + n, 0) - a.byDay.reduce((s, n) => s + n, 0)),
      activityByShift: SHIFTS.map((shift) => ({ shift, hours: SHIFT_HOURS[shift], actions: shifts[shift] })),
      totals: outcomeStats(closed),
      customersProtected: customersProtectedOf(protectedBy, teamId === null ? active : active.filter((p) => p.teamId === teamId)),
    };
  }
}
