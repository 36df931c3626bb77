import type { OpsEvent, Severity } from '@opsquest/core';
import type { Random } from './random';
import { demoJobDetails } from './demo-job-details';

/** An event planned for a moment; `bot` events are a simulated person's action. */
export interface PlannedEvent {
  at: number;
  event: OpsEvent;
  /** the plan this belongs to: when one step is refused (a human got there first) the rest is dropped */
  planId: string;
  bot: boolean;
}

/** Plans are in minutes; the live simulator runs them faster by passing a shorter minute. */
export const REAL_MINUTE = 60_000;
const CAUSES = ['LinkDown', 'FiberCut', 'PowerFailure', 'BGPSessionDown', 'HighTemperature', 'PacketLoss', 'RadioUnitDown', 'HighCpuLoad'] as const;
const SERVICE_AFFECTING = new Set(['LinkDown', 'FiberCut', 'PowerFailure', 'RadioUnitDown', 'BGPSessionDown']);

export interface AlarmPlanOptions {
  region: 'north' | 'south';
  /** who works it; undefined leaves it for people (cleared automatically later if nobody does) */
  engineer?: string;
  /** chance it is raised again within the flap window after the clear */
  flapChance?: number;
  /** where and why (default: a random site of the region and a random cause) */
  site?: string;
  cause?: string;
  /** force the severity and the customers affected (a storm's root cause: critical, service-affecting) */
  severity?: Severity;
  customersAffected?: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function planAlarm(rng: Random, id: string, at: number, options: AlarmPlanOptions, min = REAL_MINUTE): PlannedEvent[] {
  const cause = options.cause ?? rng.pick(CAUSES);
  const severity = options.severity ?? rng.weighted<Severity>([
    ['critical', 10],
    ['major', 25],
    ['minor', 30],
    ['warning', 30],
    ['indeterminate', 5],
  ]);
  const prefix = options.region === 'north' ? 'NTH' : 'STH';
  const site = options.site ?? `${prefix}-${String(rng.int(1, 180)).padStart(4, '0')}`;
  const serviceAffecting = options.customersAffected !== undefined ? options.customersAffected > 0 : SERVICE_AFFECTING.has(cause) && rng.chance(0.6);
  const base = { source: 'nms-sim', stream: 'alarm' as const, externalKey: id };
  const planId = `alarm:${id}`;
  const raised: PlannedEvent = {
    at,
    planId,
    bot: false,
    event: {
      ...base,
      transition: 'raised',
      occurredAt: iso(at),
      attributes: {
        perceivedSeverity: severity,
        probableCause: cause,
        alarmedObject: `${site}/xe-0/0/${rng.int(0, 7)}`,
        title: `${cause} on ${site}`,
        serviceAffecting,
        customersAffected: options.customersAffected ?? (serviceAffecting ? rng.int(50, 6000) : 0),
        region: options.region,
        site,
      },
    },
  };
  const plan: PlannedEvent[] = [raised];
  if (!options.engineer) {
    const autoClear = at + rng.int(35, 120) * min;
    plan.push({ at: autoClear, planId, bot: false, event: { ...base, transition: 'cleared', occurredAt: iso(autoClear) } });
    return plan;
  }
  const fast = severity === 'critical' || severity === 'major';
  const ackAt = at + (fast ? rng.int(1, 25) : rng.int(3, 90)) * min;
  const clearAt = ackAt + rng.int(5, fast ? 200 : 600) * min;
  plan.push({ at: ackAt, planId, bot: true, event: { ...base, transition: 'acknowledged', occurredAt: iso(ackAt), actor: options.engineer } });
  // A long fix gets a work note on the way, which is also what confirms the acknowledgement's points.
  if (clearAt - ackAt > 45 * min && rng.chance(0.8)) {
    const noteAt = ackAt + rng.int(5, 40) * min;
    const notes = rng.pick(['Investigating, checking the far end', 'Field team informed, waiting for access', 'Reset the port, monitoring', 'Vendor ticket opened']);
    plan.push({ at: noteAt, planId, bot: true, event: { ...base, transition: 'commented', occurredAt: iso(noteAt), actor: options.engineer, attributes: { notes } } });
  }
  plan.push({ at: clearAt, planId, bot: true, event: { ...base, transition: 'cleared', occurredAt: iso(clearAt), actor: options.engineer } });
  if (rng.chance(options.flapChance ?? 0.05)) {
    const again = clearAt + rng.int(2, 12) * min;
    const gone = again + rng.int(10, 60) * min;
    plan.push({ at: again, planId, bot: false, event: { ...base, transition: 'raised', occurredAt: iso(again) } });
    plan.push({ at: gone, planId, bot: false, event: { ...base, transition: 'cleared', occurredAt: iso(gone) } });
  }
  return plan;
}

export function planOrder(rng: Random, id: string, at: number, engineer: string | undefined, min = REAL_MINUTE): PlannedEvent[] {
  const priority = rng.weighted<number>([
    [0, 5],
    [1, 15],
    [2, 40],
    [3, 30],
    [4, 10],
  ]);
  const vip = rng.chance(0.12);
  const product = rng.pick(['Fibre 1G', 'Business Ethernet 100M', 'Mobile fleet 25 SIMs', 'SD-WAN branch', 'IP transit 10G']);
  const base = { source: 'bss-sim', stream: 'order' as const, externalKey: id };
  const planId = `order:${id}`;
  const plan: PlannedEvent[] = [
    {
      at,
      planId,
      bot: false,
      event: {
        ...base,
        transition: 'acknowledged',
        occurredAt: iso(at),
        attributes: { title: `${product} for ${vip ? 'VIP ' : ''}account ${rng.int(10000, 99999)}`, priority, vip, channel: rng.pick(['web', 'partner', 'sales']), customersAffected: vip ? 500 : 1 },
      },
    },
  ];
  if (!engineer) return plan;
  const startAt = at + rng.int(5, 180) * min;
  plan.push({ at: startAt, planId, bot: true, event: { ...base, transition: 'inProgress', occurredAt: iso(startAt), actor: engineer } });
  if (rng.chance(0.1)) {
    const heldAt = startAt + rng.int(10, 60) * min;
    const resumeAt = heldAt + rng.int(30, 240) * min;
    plan.push({ at: heldAt, planId, bot: true, event: { ...base, transition: 'held', occurredAt: iso(heldAt), actor: engineer } });
    plan.push({ at: resumeAt, planId, bot: true, event: { ...base, transition: 'inProgress', occurredAt: iso(resumeAt), actor: engineer } });
  }
  const doneAt = startAt + rng.int(30, 900) * min + (plan.length > 2 ? 300 * min : 0);
  const failed = rng.chance(0.05);
  plan.push({ at: doneAt, planId, bot: true, event: { ...base, transition: failed ? 'failed' : 'completed', occurredAt: iso(doneAt), actor: engineer } });
  return plan;
}

export interface TruckRollPlanOptions {
  technician: string;
  /** appointment window start */
  appointmentAt: number;
  /** leave the visit to the person (only the open event is planned) */
  forPerson: boolean;
  /** whose and where (default: a random customer at a random site) */
  customer?: string;
  site?: string;
}

export function planTruckRoll(rng: Random, id: string, at: number, options: TruckRollPlanOptions, min = REAL_MINUTE): PlannedEvent[] {
  const site = options.site ?? `${rng.pick(['NTH', 'STH'])}-${String(rng.int(1, 180)).padStart(4, '0')}`;
  const job = rng.pick(['Replace faulty ONT', 'Install business line', 'Repair fibre splice', 'Swap radio unit', 'Fix power supply', 'Customer premises survey']);
  const priority = rng.weighted<number>([
    [0, 10],
    [1, 25],
    [2, 45],
    [3, 20],
  ]);
  const vip = rng.chance(0.1);
  const windowEnd = options.appointmentAt + 120 * REAL_MINUTE;
  const base = { source: 'fsm-sim', stream: 'truckroll' as const, externalKey: id };
  const planId = `truckroll:${id}`;
  const plan: PlannedEvent[] = [
    {
      at,
      planId,
      bot: false,
      event: {
        ...base,
        transition: 'open',
        occurredAt: iso(at),
        attributes: {
          title: `${job} at ${site}`,
          technician: options.technician,
          site,
          priority,
          vip,
          customer: options.customer ?? `${vip ? 'VIP ' : ''}customer ${rng.int(1000, 9999)}`,
          customersAffected: rng.int(1, 40),
          appointmentStart: iso(options.appointmentAt),
          appointmentEnd: iso(windowEnd),
          ...demoJobDetails(id, job, site),
        },
      },
    },
  ];
  if (options.forPerson) return plan;
  const tech = options.technician;
  const dispatchAt = Math.max(at + min, options.appointmentAt - rng.int(20, 60) * min);
  const onSiteAt = options.appointmentAt + rng.int(-10, 150) * min;
  const doneAt = Math.max(onSiteAt, dispatchAt) + rng.int(30, 180) * min;
  plan.push({ at: dispatchAt, planId, bot: true, event: { ...base, transition: 'dispatched', occurredAt: iso(dispatchAt), actor: tech } });
  plan.push({ at: Math.max(onSiteAt, dispatchAt + min), planId, bot: true, event: { ...base, transition: 'onSite', occurredAt: iso(Math.max(onSiteAt, dispatchAt + min)), actor: tech } });
  const unable = rng.chance(0.08);
  plan.push({
    at: doneAt,
    planId,
    bot: true,
    event: unable
      ? { ...base, transition: 'unableToComplete', occurredAt: iso(doneAt), actor: tech, attributes: { notes: 'Customer not on site' } }
      : { ...base, transition: 'completed', occurredAt: iso(doneAt), actor: tech, attributes: { firstTimeFix: rng.chance(0.8) } },
  });
  // Most customers answer the satisfaction survey a few hours later.
  if (!unable && rng.chance(0.7)) {
    const ratedAt = doneAt + rng.int(30, 300) * min;
    plan.push({ at: ratedAt, planId, bot: false, event: { ...base, transition: 'rated', occurredAt: iso(ratedAt), attributes: { csat: rng.pick([3, 4, 4, 5, 5, 5]) } } });
  }
  return plan;
}
