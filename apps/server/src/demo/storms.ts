import type { Severity } from '@opsquest/core';
import type { Random } from './random';
import { planAlarm, REAL_MINUTE, type PlannedEvent } from './traffic-plans';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Storms happen at sites the rest of the demo traffic never uses (random traffic picks sites 1 to
 * 180 of a region; planned work is at 0042, 0043 and 0007), so a storm's first alarm is always its
 * root cause and no maintenance window ever hides it.
 */
const STORM_SITE_NUMBERS = [181, 240] as const;

/** The seeded storm a newcomer finds open on the board: a fibre cut in the north, engineer1's region. */
export const DEMO_INCIDENT_SITE = 'NTH-0211';

/** What a fault at a site brings down with it: the alarms that follow its root cause within a minute. */
const KNOCK_ON = [
  { cause: 'LinkDown', object: 'xe-0/0/', serviceAffecting: true },
  { cause: 'LossOfSignal', object: 'olt-1/pon-', serviceAffecting: true },
  { cause: 'RadioUnitDown', object: 'rru-', serviceAffecting: true },
  { cause: 'BGPSessionDown', object: 'bgp-peer-', serviceAffecting: true },
  { cause: 'PacketLoss', object: 'ge-0/1/', serviceAffecting: false },
  { cause: 'HighCpuLoad', object: 're-', serviceAffecting: false },
] as const;

export interface StormPlanOptions {
  region: 'north' | 'south';
  site: string;
  /** how many alarms follow the root cause */
  children: number;
  /** who works the root cause; undefined leaves it for people (the network clears it later) */
  engineer?: string;
  /** the root cause (default: a fibre cut) */
  cause?: 'FiberCut' | 'PowerFailure';
}

/** A site for a storm in the region, one the rest of the demo traffic never uses. */
export function stormSite(rng: Random, region: 'north' | 'south'): string {
  return `${region === 'north' ? 'NTH' : 'STH'}-${String(rng.int(...STORM_SITE_NUMBERS)).padStart(4, '0')}`;
}

/**
 * A storm: one fault at a site raises a critical, service-affecting root-cause alarm, and within a
 * minute (of the plan's minutes) the alarms of everything behind it at the same site. Nothing here
 * stamps an incident: the events go through the ordinary ingest, whose door groups them (same site,
 * within the incident window) with the first alarm as the root cause. The root cause is worked like
 * any alarm (by a simulated engineer, or left for people); its children have no plan beyond their
 * raise, so no simulated colleague clears them one by one: the root cause's clear clears them.
 */
export function planStorm(rng: Random, id: string, at: number, options: StormPlanOptions, min = REAL_MINUTE): PlannedEvent[] {
  const { region, site } = options;
  const root = planAlarm(
    rng,
    id,
    at,
    { region, site, cause: options.cause ?? 'FiberCut', severity: 'critical', customersAffected: rng.int(800, 4000), flapChance: 0, ...(options.engineer ? { engineer: options.engineer } : {}) },
    min,
  );
  const children: PlannedEvent[] = [];
  for (let i = 1; i <= options.children; i += 1) {
    const knock = rng.pick(KNOCK_ON);
    // a second to a minute after the root cause (never at the same instant: the root is the first)
    const childAt = at + Math.max(1, Math.round((rng.int(1, 60) * min) / 60));
    const externalKey = `${id}-${i}`;
    children.push({
      at: childAt,
      planId: `alarm:${externalKey}`,
      bot: false,
      event: {
        source: 'nms-sim',
        stream: 'alarm',
        externalKey,
        transition: 'raised',
        occurredAt: new Date(childAt).toISOString(),
        attributes: {
          perceivedSeverity: rng.pick<Severity>(['major', 'major', 'minor', 'warning']),
          probableCause: knock.cause,
          alarmedObject: `${site}/${knock.object}${rng.int(0, 15)}`,
          title: `${knock.cause} on ${site}`,
          serviceAffecting: knock.serviceAffecting,
          customersAffected: knock.serviceAffecting ? rng.int(20, 600) : 0,
          region,
          site,
        },
      },
    });
  }
  return [...root, ...children];
}

/** The seeded storm: a fibre cut a few minutes ago, its root cause and a dozen alarms behind it, all open and left for people. */
export function planDemoIncident(rng: Random, now: number): PlannedEvent[] {
  const at = now - 4 * REAL_MINUTE;
  return planStorm(rng, 'W-F1', at, { region: 'north', site: DEMO_INCIDENT_SITE, children: 12 }).filter((p) => p.event.transition === 'raised' && p.at <= now);
}

/** The seeded history's storms: one every four to six days, each root cause worked by a simulated colleague. */
export function planStormHistory(rng: Random, now: number, days: number, engineers: { north: readonly string[]; south: readonly string[] }): PlannedEvent[] {
  const plans: PlannedEvent[] = [];
  let n = 0;
  for (let at = now - days * DAY + rng.int(6 * HOUR, 2 * DAY); at < now - 8 * HOUR; at += rng.int(4 * DAY, 6 * DAY)) {
    const region = rng.chance(0.5) ? 'north' : 'south';
    const cause = rng.chance(0.7) ? 'FiberCut' : 'PowerFailure';
    plans.push(...planStorm(rng, `H-F${(n += 1)}`, at, { region, site: stormSite(rng, region), children: rng.int(6, 12), engineer: rng.pick(engineers[region]), cause }));
  }
  return plans;
}
