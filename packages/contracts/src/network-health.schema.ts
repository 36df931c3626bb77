import { z } from 'zod';
import type { Severity } from '@opsquest/core';

/** GET /api/network-health: one region (or all), and how many weeks of MTTR trend. */
export const networkHealthQuerySchema = z
  .object({
    /** a region as alarms carry it (`north`); absent: every region */
    region: z.string().trim().min(1).max(100).optional(),
    /** weekly MTTR buckets, the current week last */
    weeks: z.coerce.number().int().min(4).max(26).default(8),
  })
  .strict();
export type NetworkHealthQuery = z.infer<typeof networkHealthQuerySchema>;

/** The recurring-fault windows (days back from now) and how many alarms in the long one make a fault recurring. */
export const RECURRING_WINDOWS = { recentDays: 30, days: 90, minAlarms: 2 } as const;

/** Open alarms of a region or a site right now. */
export interface OpenAlarmSummary {
  open: Record<Severity, number>;
  total: number;
  /** open alarms whose running SLA clock is past its at-risk point, not yet breached */
  slaAtRisk: number;
  /** open alarms whose running SLA clock is past its due time */
  slaBreached: number;
  /** the customers the open alarms affect (their customersAffected summed) */
  customersAffected: number;
  /** open incidents: one fault with several alarms (a storm), counted once however many alarms it has */
  incidents: number;
}

export interface RegionHealth extends OpenAlarmSummary {
  /** null: alarms that name no region */
  region: string | null;
  /** sites with an open alarm */
  sites: number;
}

export interface SiteHealth extends OpenAlarmSummary {
  site: string;
  region: string | null;
  /** when the oldest open alarm there was raised */
  oldestOpenAt: string;
}

/** MTTR of the alarms closed in one week (Monday to Sunday, local time). */
export interface MttrBucket {
  closed: number;
  mttrMinutes: number | null;
}

export interface MttrWeek extends MttrBucket {
  /** the week's Monday (YYYY-MM-DD, local) */
  week: string;
  /** one entry per region that closed alarms in any week of the trend (null: no region) */
  byRegion: ({ region: string | null } & MttrBucket)[];
}

/**
 * A site (or a site and probable cause) whose alarms keep coming back: alarms raised there in the
 * last 30 and 90 days (an alarm counts once however often it flapped), when it was last seen.
 */
export interface RecurringFault {
  site: string;
  region: string | null;
  /** null in the by-site list; in the by-cause list, null for alarms that name no cause */
  probableCause: string | null;
  last30Days: number;
  last90Days: number;
  lastSeen: string;
  /** of those alarms, how many are open now */
  open: number;
  /** customers those alarms affected, summed */
  customersAffected: number;
}

/** GET /api/network-health */
export interface NetworkHealthView {
  /** the region asked for, or null for all */
  region: string | null;
  /** every region with an open alarm or an alarm closed in the trend's weeks (whatever region was asked for) */
  regions: RegionHealth[];
  /** sites with open alarms in scope, worst first (critical, then major, ..., then breaches); at most 50 */
  sites: SiteHealth[];
  /** sites with open alarms in scope, listed or not */
  sitesTotal: number;
  /** open alarms in scope that name no site */
  unsitedOpen: number;
  /** oldest week first */
  mttrByWeek: MttrWeek[];
  recurring: { bySite: RecurringFault[]; bySiteAndCause: RecurringFault[] };
  at: string;
}
