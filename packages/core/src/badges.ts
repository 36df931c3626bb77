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
 * - external: counted by the server outside the engine (kudos received)
 */
export type BadgeCounting = 'count' | 'sum' | 'consecutive' | 'perDay' | 'streak' | 'external';

export type BadgeTier = 'bronze' | 'silver' | 'gold';

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
  /** a badge icon name (BADGE_ICON_NAMES); definitions stored by earlier versions may hold an emoji: read it through badgeIconNameOf */
  icon: string;
  counting: BadgeCounting;
  threshold: number;
  triggers: BadgeTrigger[];
  conditions?: Condition[];
  /** bonus points written to the ledger when earned */
  bonusPoints: number;
  /** tiered badges: the tiers of one family share one counter (the family id) and differ in threshold */
  tier?: BadgeTier;
  family?: string;
  /** not shown (name, description, progress) until earned */
  hidden?: boolean;
  /** who proposed a co-created badge (person id) */
  proposedBy?: string;
}

/** The counter a badge advances: its family's, shared by its tiers, or its own. */
export function counterKeyOf(badge: Pick<BadgeDefinition, 'id' | 'family'>): string {
  return badge.family ?? badge.id;
}

const byPerson: Condition = { kind: 'byPerson' };

const DEFAULT_BADGES_BASE: BadgeDefinition[] = [
  {
    id: 'first-responder',
    version: 1,
    name: 'First Responder',
    description: 'Acknowledge a critical alarm within its response target.',
    icon: 'siren',
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
    icon: 'moon',
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
    icon: 'target',
    counting: 'consecutive',
    threshold: 10,
    triggers: [{ effect: 'resolved' }, { effect: 'closedUnresolved' }],
    conditions: [{ kind: 'slaMet', target: 'resolution' }],
    bonusPoints: 75,
  },
  {
    id: 'first-time-fixer',
    version: 1,
    tier: 'bronze',
    family: 'first-time-fixer',
    name: 'First-Time Fixer',
    description: 'Fix 5 truck-rolls on the first visit.',
    icon: 'wrench',
    counting: 'count',
    threshold: 5,
    triggers: [{ stream: 'truckroll', effect: 'resolved' }],
    conditions: [byPerson, { kind: 'flag', flag: 'firstTimeFix', equals: true }],
    bonusPoints: 60,
  },
  {
    id: 'customer-shield',
    version: 1,
    tier: 'bronze',
    family: 'customer-shield',
    name: 'Customer Shield',
    description: 'Clear service-affecting alarms that together affected 10,000 customers.',
    icon: 'shield',
    counting: 'sum',
    threshold: 10_000,
    triggers: [{ stream: 'alarm', effect: 'resolved' }],
    conditions: [byPerson, { kind: 'flag', flag: 'serviceAffecting', equals: true }],
    bonusPoints: 100,
  },
  {
    id: 'order-closer',
    version: 1,
    tier: 'bronze',
    family: 'order-closer',
    name: 'Order Closer',
    description: 'Complete 25 product orders within their resolution target.',
    icon: 'package',
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
    icon: 'cloud-lightning',
    counting: 'perDay',
    threshold: 15,
    triggers: [{ stream: 'alarm', effect: 'resolved' }],
    conditions: [byPerson],
    bonusPoints: 50,
  },
  {
    id: 'critical-crusher',
    version: 1,
    tier: 'bronze',
    family: 'critical-crusher',
    name: 'Critical Crusher',
    description: 'Clear 10 critical alarms within their resolution target.',
    icon: 'zap',
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
    icon: 'star',
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
    icon: 'flame',
    counting: 'streak',
    threshold: 5,
    triggers: [],
    bonusPoints: 40,
  },
];

/** Badges tied to real, good work. Each is earned once; tiered families share one counter; hidden ones show once earned. */
export const DEFAULT_BADGES: BadgeDefinition[] = [
  ...DEFAULT_BADGES_BASE,
  ...tiersOf('first-time-fixer', [
    { tier: 'silver', name: 'First-Time Fixer II', threshold: 25, bonusPoints: 120 },
    { tier: 'gold', name: 'First-Time Fixer III', threshold: 75, bonusPoints: 250 },
  ]),
  ...tiersOf('customer-shield', [
    { tier: 'silver', name: 'Customer Shield II', threshold: 100_000, bonusPoints: 200 },
    { tier: 'gold', name: 'Customer Shield III', threshold: 500_000, bonusPoints: 400 },
  ]),
  ...tiersOf('order-closer', [
    { tier: 'silver', name: 'Order Closer II', threshold: 100, bonusPoints: 150 },
    { tier: 'gold', name: 'Order Closer III', threshold: 250, bonusPoints: 300 },
  ]),
  ...tiersOf('critical-crusher', [
    { tier: 'silver', name: 'Critical Crusher II', threshold: 50, bonusPoints: 150 },
    { tier: 'gold', name: 'Critical Crusher III', threshold: 150, bonusPoints: 300 },
  ]),
  {
    id: 'team-player',
    version: 1,
    name: 'Team Player',
    description: 'Receive 5 kudos from colleagues.',
    icon: 'handshake',
    counting: 'external',
    threshold: 5,
    triggers: [],
    bonusPoints: 20,
    tier: 'bronze',
    family: 'team-player',
  },
  {
    id: 'team-player-silver',
    version: 1,
    name: 'Team Player II',
    description: 'Receive 20 kudos from colleagues.',
    icon: 'handshake',
    counting: 'external',
    threshold: 20,
    triggers: [],
    bonusPoints: 50,
    tier: 'silver',
    family: 'team-player',
  },
  {
    id: 'team-player-gold',
    version: 1,
    name: 'Team Player III',
    description: 'Receive 50 kudos from colleagues.',
    icon: 'handshake',
    counting: 'external',
    threshold: 50,
    triggers: [],
    bonusPoints: 100,
    tier: 'gold',
    family: 'team-player',
  },
  {
    id: 'moonlight-fix',
    version: 1,
    name: 'Moonlight Fix',
    description: 'Complete a truck-roll on the night shift (22:00 to 06:00).',
    icon: 'moon',
    counting: 'count',
    threshold: 1,
    triggers: [{ stream: 'truckroll', effect: 'resolved' }],
    conditions: [byPerson, { kind: 'nightShift' }],
    bonusPoints: 30,
    hidden: true,
  },
  {
    id: 'crowd-pleaser',
    version: 1,
    name: 'Crowd Pleaser',
    description: 'Five customers in a row rate your visit 5 out of 5.',
    icon: 'smile',
    counting: 'consecutive',
    threshold: 5,
    triggers: [{ stream: 'truckroll', effect: 'rated' }],
    conditions: [{ kind: 'csatAtLeast', value: 5 }],
    bonusPoints: 60,
    hidden: true,
  },
];

/** Higher tiers of a badge family: same triggers, conditions and counting, a higher threshold. */
function tiersOf(familyId: string, tiers: { tier: BadgeTier; name: string; threshold: number; bonusPoints: number }[]): BadgeDefinition[] {
  const first = DEFAULT_BADGES_BASE.find((b) => b.id === familyId);
  if (!first) throw new Error(`no badge ${familyId}`);
  return tiers.map((t) => ({
    ...first,
    id: `${familyId}-${t.tier}`,
    name: t.name,
    description: first.description.replace(/\b\d[\d,]*\b/, t.threshold.toLocaleString('en-GB')),
    threshold: t.threshold,
    bonusPoints: t.bonusPoints,
    tier: t.tier,
    family: familyId,
  }));
}

export interface BadgeProgress {
  badgeId: string;
  progress: number;
  threshold: number;
  earned: boolean;
}
