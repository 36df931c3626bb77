import type { Condition } from './conditions';
import type { Severity } from './severity';
import type { Stream, Transition } from './event';
import type { LifecycleEffect } from './lifecycles/lifecycle.types';

/**
 * A multiplier kind. `severity` and `priority` weight by urgency, `slaResponse` / `slaResolution`
 * pay more for beating the target and nothing for a breach, `customerImpact` pays for protecting
 * more customers (count, service-affecting, VIP), `region` weights hard regions or sites, `csat` scales
 * by the customer's satisfaction score (5 pays in full, 4 half, 3 or less nothing).
 */
export type MultiplierKind = 'severity' | 'priority' | 'slaResponse' | 'slaResolution' | 'customerImpact' | 'region' | 'csat';

export const MULTIPLIER_KINDS: readonly MultiplierKind[] = ['severity', 'priority', 'slaResponse', 'slaResolution', 'customerImpact', 'region', 'csat'];

/** A ceiling on what one rule can pay one person in a day, week or month. */
export interface RuleCap {
  points: number;
  per: 'day' | 'week' | 'month';
}

/** A scoring rule: data, not code. Rules are versioned; every ledger entry names its rule and version. */
export interface ScoringRule {
  id: string;
  version: number;
  name: string;
  description: string;
  stream: Stream;
  /** the rule fires when the transition has this lifecycle effect (a first response, a resolution, ...) */
  transition: Transition;
  effect: LifecycleEffect;
  conditions?: Condition[];
  basePoints: number;
  multipliers: MultiplierKind[];
  /** pays nothing beyond this per person and period; the reason says it was capped */
  cap?: RuleCap;
  /** held until the same person follows up on the item (a clear, an update, a comment) within `ackFollowUpMinutes` */
  deferUntilFollowUp?: boolean;
}

export interface MultiplierTable {
  severity: Record<Severity, number>;
  /** by priority 0 (highest) .. 4 */
  priority: [number, number, number, number, number];
  /** the most a fast response/resolution multiplies by (at 0 % of the target elapsed) */
  slaFastBonus: number;
  customerImpact: { perDecade: number; max: number; serviceAffecting: number; vip: number };
  /** factor by customer satisfaction score 1..5 */
  csat: [number, number, number, number, number];
}

export const DEFAULT_MULTIPLIERS: MultiplierTable = {
  severity: { critical: 3, major: 2, minor: 1.5, warning: 1, indeterminate: 0.5 },
  priority: [2.5, 2, 1.5, 1, 0.75],
  slaFastBonus: 0.5,
  customerImpact: { perDecade: 0.25, max: 1, serviceAffecting: 0.25, vip: 0.5 },
  csat: [0, 0, 0, 0.5, 1],
};

const byPerson: Condition = { kind: 'byPerson' };

/** Scoring rules v1. A clear by automation earns no one points (byPerson) but still counts for MTTR. */
export const DEFAULT_RULES: ScoringRule[] = [
  {
    id: 'alarm.acknowledge',
    version: 1,
    name: 'Acknowledge an alarm',
    description:
      'First acknowledgement of an alarm, weighted by severity; faster than the response target earns more, a breach earns none. Pays once you follow up (a clear, an update or a comment) within the follow-up time.',
    stream: 'alarm',
    transition: 'acknowledged',
    effect: 'responded',
    conditions: [byPerson],
    basePoints: 5,
    multipliers: ['severity', 'slaResponse'],
    deferUntilFollowUp: true,
  },
  {
    id: 'alarm.clear',
    version: 1,
    name: 'Clear an alarm',
    description: 'Clearing an alarm by hand, weighted by severity and customers protected; a breached resolution earns none.',
    stream: 'alarm',
    transition: 'cleared',
    effect: 'resolved',
    conditions: [byPerson],
    basePoints: 20,
    multipliers: ['severity', 'slaResolution', 'customerImpact', 'region'],
  },
  {
    id: 'order.start',
    version: 1,
    name: 'Start work on an order',
    description: 'Taking an order into progress within its response target.',
    stream: 'order',
    transition: 'inProgress',
    effect: 'responded',
    conditions: [byPerson],
    basePoints: 3,
    multipliers: ['priority', 'slaResponse'],
  },
  {
    id: 'order.complete',
    version: 1,
    name: 'Complete an order',
    description: 'Completing a product order, weighted by priority and VIP accounts; a breached resolution earns none.',
    stream: 'order',
    transition: 'completed',
    effect: 'resolved',
    conditions: [byPerson],
    basePoints: 15,
    multipliers: ['priority', 'slaResolution', 'customerImpact', 'region'],
  },
  {
    id: 'truckroll.onsite',
    version: 1,
    name: 'On site on time',
    description: 'Arriving on site within the appointment window.',
    stream: 'truckroll',
    transition: 'onSite',
    effect: 'responded',
    conditions: [byPerson, { kind: 'slaMet', target: 'response' }],
    basePoints: 5,
    multipliers: ['priority'],
  },
  {
    id: 'truckroll.complete',
    version: 1,
    name: 'Complete a truck-roll',
    description: 'Completing a field visit; a breached resolution earns none.',
    stream: 'truckroll',
    transition: 'completed',
    effect: 'resolved',
    conditions: [byPerson],
    basePoints: 25,
    multipliers: ['priority', 'slaResolution', 'customerImpact', 'region'],
  },
  {
    id: 'truckroll.first-time-fix',
    version: 1,
    name: 'First-time fix',
    description: 'Bonus when the fault is fixed on the first visit.',
    stream: 'truckroll',
    transition: 'completed',
    effect: 'resolved',
    conditions: [byPerson, { kind: 'flag', flag: 'firstTimeFix', equals: true }],
    basePoints: 15,
    multipliers: ['priority'],
  },
  {
    id: 'truckroll.csat',
    version: 1,
    name: 'Happy customer',
    description: "Bonus when the customer rates the visit: 5 out of 5 pays in full, 4 pays half, 3 or less nothing.",
    stream: 'truckroll',
    transition: 'rated',
    effect: 'rated',
    conditions: [byPerson],
    basePoints: 10,
    multipliers: ['csat'],
  },
];
