import { dayFromNumber, dayNumber, outcomeStats, SEVERITIES, startOfLocalDay, windowKeys, type EngineConfig, type Severity, type WorkItem } from '@opsquest/core';
import {
  RECURRING_WINDOWS,
  type MttrBucket,
  type MttrWeek,
  type NetworkHealthQuery,
  type NetworkHealthView,
  type OpenAlarmSummary,
  type RecurringFault,
  type RegionHealth,
  type SiteHealth,
} from '@opsquest/contracts';
import { forbidden } from '../domain-errors';
import type { RecurringFaultRow } from '../ports/network-store';
import type { Repositories } from '../ports/repositories';
import type { Principal } from '../use-cases/auth.service';
import { slaStateOf } from './sla-state';

const DAY_MS = 86_400_000;
/** Open alarms read at most (the wall reads as many). */
const OPEN_LIMIT = 5000;
const MAX_SITES = 50;
const MAX_RECURRING = 20;
const READERS = new Set(['engineer', 'lead', 'admin']);

interface Tally extends OpenAlarmSummary {
  oldest: number;
  sites: Set<string>;
  /** incidents with an open alarm folded under their root */
  incidentIds: Set<string>;
}

function emptyTally(): Tally {
  return { open: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>, total: 0, slaAtRisk: 0, slaBreached: 0, customersAffected: 0, incidents: 0, oldest: Infinity, sites: new Set(), incidentIds: new Set() };
}

const summary = (t: Tally): OpenAlarmSummary => ({ open: t.open, total: t.total, slaAtRisk: t.slaAtRisk, slaBreached: t.slaBreached, customersAffected: t.customersAffected, incidents: t.incidentIds.size });

/** Worst first: more criticals, then more majors, ..., then more breaches, more at risk, more open; then by name. */
function worstFirst(a: OpenAlarmSummary & { name: string }, b: OpenAlarmSummary & { name: string }): number {
  for (const s of SEVERITIES) if (a.open[s] !== b.open[s]) return b.open[s] - a.open[s];
  return b.slaBreached - a.slaBreached || b.slaAtRisk - a.slaAtRisk || b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Planned work (an alarm raised in a maintenance window: `maintenanceWindowId`) is not a fault of the network. */
const isFault = (item: WorkItem): boolean => !('maintenanceWindowId' in item) || item.maintenanceWindowId === undefined;

function toFault(row: RecurringFaultRow): RecurringFault {
  return {
    site: row.site,
    region: row.region,
    probableCause: row.probableCause,
    last30Days: row.recent,
    last90Days: row.total,
    lastSeen: new Date(row.lastSeenAt).toISOString(),
    open: row.open,
    customersAffected: row.customersAffected,
  };
}

/**
 * Network health for leads (engineers may read it): open alarms by region and site with their SLA
 * risk, MTTR per week and region (the core's outcomeStats, as the dashboard and insights compute
 * it), and recurring faults ranked by the NetworkStore.
 */
export class NetworkHealthService {
  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {}

  async get(query: NetworkHealthQuery, viewer: Principal): Promise<NetworkHealthView> {
    if (!READERS.has(viewer.role)) throw forbidden('Network health is for engineers, leads and admins');
    const now = this.now();
    const region = query.region ?? null;
    const inScope = (itemRegion: string | undefined): boolean => region === null || itemRegion === region;

    const byRegion = new Map<string | null, Tally>();
    const bySite = new Map<string, Tally & { region: string | null }>();
    let unsited = 0;
    const open = (await this.repos.workItems.list({ stream: 'alarm', state: 'open', limit: OPEN_LIMIT })).map((r) => r.item).filter(isFault);
    for (const item of open) {
      const regionTally = byRegion.get(item.region ?? null) ?? emptyTally();
      byRegion.set(item.region ?? null, regionTally);
      if (item.site) regionTally.sites.add(item.site);
      const tallies: Tally[] = [regionTally];
      if (inScope(item.region) && item.site) {
        const site = bySite.get(item.site) ?? { ...emptyTally(), region: item.region ?? null };
        bySite.set(item.site, site);
        tallies.push(site);
      } else if (inScope(item.region)) unsited += 1;
      const state = slaStateOf(item, now, this.config.atRiskPct);
      for (const t of tallies) {
        if (item.severity) t.open[item.severity] += 1;
        t.total += 1;
        if (state === 'atRisk') t.slaAtRisk += 1;
        if (state === 'breached') t.slaBreached += 1;
        t.customersAffected += item.customersAffected;
        t.oldest = Math.min(t.oldest, item.openedAt);
        if (item.incidentId !== undefined && item.incidentRoot !== true) t.incidentIds.add(item.incidentId);
      }
    }

    const { weeks, closed } = await this.closedByWeek(query.weeks);
    for (const item of closed) if (!byRegion.has(item.region ?? null)) byRegion.set(item.region ?? null, emptyTally());

    const regions: RegionHealth[] = [...byRegion.entries()]
      .map(([name, t]) => ({ region: name, ...summary(t), sites: t.sites.size, name: name ?? '' }))
      .sort(worstFirst)
      .map(({ name: _name, ...r }) => r);
    const sites: SiteHealth[] = [...bySite.entries()]
      .map(([site, t]) => ({ site, region: t.region, ...summary(t), oldestOpenAt: new Date(t.oldest).toISOString(), name: site }))
      .sort(worstFirst)
      .map(({ name: _name, ...s }) => s);

    const recurring = { since: now - RECURRING_WINDOWS.days * DAY_MS, recentSince: now - RECURRING_WINDOWS.recentDays * DAY_MS, minCount: RECURRING_WINDOWS.minAlarms, limit: MAX_RECURRING, ...(region !== null ? { region } : {}) };
    return {
      region,
      regions,
      sites: sites.slice(0, MAX_SITES),
      sitesTotal: sites.length,
      unsitedOpen: unsited,
      mttrByWeek: this.mttrTrend(weeks, closed.filter((i) => inScope(i.region))),
      recurring: {
        bySite: (await this.repos.network.recurringFaults({ ...recurring, byCause: false })).map(toFault),
        bySiteAndCause: (await this.repos.network.recurringFaults({ ...recurring, byCause: true })).map(toFault),
      },
      at: new Date(now).toISOString(),
    };
  }

  /** The trend's weeks (their Mondays, oldest first) and the alarms closed since the first one began. */
  private async closedByWeek(count: number): Promise<{ weeks: string[]; closed: WorkItem[] }> {
    const tz = this.config.timeZone;
    const thisWeek = dayNumber(windowKeys(this.now(), tz).week);
    const weeks = Array.from({ length: count }, (_, i) => dayFromNumber(thisWeek - (count - 1 - i) * 7));
    const since = startOfLocalDay(weeks[0] ?? dayFromNumber(thisWeek), tz);
    const closed = (await this.repos.workItems.closedSince(since)).filter((i) => i.stream === 'alarm');
    return { weeks, closed };
  }

  /** MTTR per week, in all and per region (every region that closed alarms in any of the weeks). */
  private mttrTrend(weeks: readonly string[], closed: readonly WorkItem[]): MttrWeek[] {
    const tz = this.config.timeZone;
    const buckets = new Map<string, WorkItem[]>(weeks.map((w) => [w, []]));
    const regions = new Set<string | null>();
    for (const item of closed) {
      const bucket = buckets.get(windowKeys(item.closedAt ?? item.lastEventAt, tz).week);
      if (!bucket || !isFault(item)) continue;
      bucket.push(item);
      regions.add(item.region ?? null);
    }
    const order = [...regions].sort((a, b) => (a ?? '\uffff').localeCompare(b ?? '\uffff'));
    const mttr = (items: readonly WorkItem[]): MttrBucket => {
      const stats = outcomeStats(items);
      return { closed: stats.closed, mttrMinutes: stats.mttrMinutes };
    };
    return weeks.map((week) => {
      const items = buckets.get(week) ?? [];
      return { week, ...mttr(items), byRegion: order.map((r) => ({ region: r, ...mttr(items.filter((i) => (i.region ?? null) === r)) })) };
    });
  }
}
