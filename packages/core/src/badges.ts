import type { Condition } from './conditions';
import type { Stream } from './event';
import type { LifecycleEffect } from './lifecycles/lifecycle.types';

/**
 * How a badge counts its progress:
 * - count: +1 each time the trigger fires and the conditions hold
 * - sum: adds the item's customersAffected each time
 * - consecutive: +1 when the conditions hold, back to 0 when the trigger fires and they do not
 * - perDay: the count within one local day (resets on a new day)
 * - streak: the person's current daily streak
 */
export type BadgeCounting = 'count' | 'sum' | 'consecutive' | 'perDay' | 'streak';

export interface BadgeTrigger {
  /** any stream when omitted */
  stream?: Stream;
  effect: LifecycleEffect;
}

export interface BadgeDefinition {
  id: string;
  version: number;
  name: string;
  description: string;
  icon: string;
  counting: BadgeCounting;
  threshold: number;
  triggers: BadgeTrigger[];
  conditions?: Condition[];
  /** bonus points written to the ledger when earned */
  bonusPoints: number;
}

const byPerson: Condition = { kind: 'byPerson' };

/** Badges tied to real, good work. Each is earned once. */
export const DEFAULT_BADGES: BadgeDefinition[] = [
  {
    id: 'first-responder',
    version: 1,
    name: 'First Responder',
    description: 'Acknowledge a critical alarm within its response target.',
    icon: '🚨',
    counting: 'count',
    threshold: 1,
    triggers: [{ stream: 'alarm', effect: 'responded' }],
    conditions: [byPerson, { kind: 'severityIn', values: ['critical'] }, { kind: 'slaMet', target: 'response' }],
    bonusPoints: 25,
  },
  {
    id: 'night-owl',
    version: 1,
    name: 'Night Owl',
    description: 'Clear 10 alarms on the night shift (22:00 to 06:00).',
    icon: '🦉',
    counting: 'count',
    threshold: 10,
    triggers: [{ stream: 'alarm', effect: 'resolved' }],
    conditions: [byPerson, { kind: 'nightShift' }],
    bonusPoints: 50,
  },
  {
    id: 'sla-ten-in-a-row',
    version: 1,
    name: 'Ten in a Row',
    description: 'Resolve ten work items in a row within their resolution target.',
    icon: '🎯',
    counting: 'consecutive',
    threshold: 10,
    triggers: [{ effect: 'resolved' }, { effect: 'closedUnresolved' }],
    conditions: [{ kind: 'slaMet', target: 'resolution' }],
    bonusPoints: 75,
  },
  {
    id: 'first-time-fixer',
    version: 1,
    name: 'First-Time Fixer',
    description: 'Five truck-rolls fixed on the first visit.',
    icon: '🔧',
    counting: 'count',
    threshold: 5,
    triggers: [{ stream: 'truckroll', effect: 'resolved' }],
    conditions: [byPerson, { kind: 'flag', flag: 'firstTimeFix', equals: true }],
    bonusPoints: 60,
  },
  {
    id: 'customer-shield',
    version: 1,
    name: 'Customer Shield',
    description: 'Clear service-affecting alarms that together affected 10,000 customers.',
    icon: '🛡️',
    counting: 'sum',
    threshold: 10_000,
    triggers: [{ stream: 'alarm', effect: 'resolved' }],
    conditions: [byPerson, { kind: 'flag', flag: 'serviceAffecting', equals: true }],
    bonusPoints: 100,
  },
  {
    id: 'order-closer',
    version: 1,
    name: 'Order Closer',
    description: 'Complete 25 product orders within their resolution target.',
    icon: '📦',
    counting: 'count',
    threshold: 25,
    triggers: [{ stream: 'order', effect: 'resolved' }],
    conditions: [byPerson, { kind: 'slaMet', target: 'resolution' }],
    bonusPoints: 75,
  },
  {
    id: 'storm-chaser',
    version: 1,
    name: 'Storm Chaser',
    description: 'Clear 15 alarms in a single day.',
    icon: '⛈️',
    counting: 'perDay',
    threshold: 15,
    triggers: [{ stream: 'alarm', effect: 'resolved' }],
    conditions: [byPerson],
    bonusPoints: 50,
  },
  {
    id: 'critical-crusher',
    version: 1,
    name: 'Critical Crusher',
    description: 'Clear 10 critical alarms within their resolution target.',
    icon: '💥',
    counting: 'count',
    threshold: 10,
    triggers: [{ stream: 'alarm', effect: 'resolved' }],
    conditions: [byPerson, { kind: 'severityIn', values: ['critical'] }, { kind: 'slaMet', target: 'resolution' }],
    bonusPoints: 75,
  },
  {
    id: 'vip-guardian',
    version: 1,
    name: 'VIP Guardian',
    description: 'Complete 5 VIP orders or truck-rolls within their resolution target.',
    icon: '⭐',
    counting: 'count',
    threshold: 5,
    triggers: [{ stream: 'order', effect: 'resolved' }, { stream: 'truckroll', effect: 'resolved' }],
    conditions: [byPerson, { kind: 'flag', flag: 'vip', equals: true }, { kind: 'slaMet', target: 'resolution' }],
    bonusPoints: 50,
  },
  {
    id: 'on-a-roll',
    version: 1,
    name: 'On a Roll',
    description: 'Keep a daily streak for 5 working days.',
    icon: '🔥',
    counting: 'streak',
    threshold: 5,
    triggers: [],
    bonusPoints: 40,
  },
];

export interface BadgeProgress {
  badgeId: string;
  progress: number;
  threshold: number;
  earned: boolean;
}
