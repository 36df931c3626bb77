import { counterKeyOf, type BadgeDefinition } from './badges';
import { advanceCounter } from './badge-progress';
import { allHold, type ConditionContext } from './conditions';
import type { Stream } from './event';
import type { LifecycleEffect } from './lifecycles/lifecycle.types';
import type { PersonProgress } from './progress';
import type { WorkItem } from './work-item';

/** One badge of a family, as advanceBadges sees it: the step is decided by `stepBadge`'s conditions. */
interface PlannedTier {
  /** the definition counted (the last of the triggered badges with this id) */
  badge: BadgeDefinition;
  /** the triggered definition whose conditions decide the step */
  stepBadge: BadgeDefinition;
}

/** The badges of one counter, lowest threshold first (ties in trigger order). */
export interface FamilyPlan {
  key: string;
  /** the counter's day key (perDay counting) */
  dayKey: string;
  tiers: PlannedTier[];
}

/** The badges a transition triggers on one stream, with what the engine derives from them. */
export interface TriggerSet {
  badges: BadgeDefinition[];
  /** their ids */
  ids: Set<string>;
  /** the counters of every badge with one of those ids */
  counterKeys: Set<string>;
  /** advanceBadges' grouping of the badges into families, worked out once */
  families: FamilyPlan[];
}

function triggers(badge: BadgeDefinition, stream: Stream, effects: readonly LifecycleEffect[]): boolean {
  return badge.triggers.some((t) => (t.stream === undefined || t.stream === stream) && effects.includes(t.effect));
}

/** advanceBadges' families: tiers share their family's counter; a badge id defined twice counts as its last definition. */
function familiesOf(triggered: readonly BadgeDefinition[]): FamilyPlan[] {
  const byId = new Map(triggered.map((b) => [b.id, b]));
  const families = new Map<string, PlannedTier[]>();
  for (const stepBadge of triggered) {
    const badge = byId.get(stepBadge.id) ?? stepBadge;
    const key = counterKeyOf(badge);
    const tiers = families.get(key);
    if (tiers) tiers.push({ badge, stepBadge });
    else families.set(key, [{ badge, stepBadge }]);
  }
  // A stable sort: filtering out earned tiers later keeps this order, as sorting after filtering would.
  return [...families].map(([key, tiers]) => ({ key, dayKey: `${key}@day`, tiers: [...tiers].sort((a, b) => a.badge.threshold - b.badge.threshold) }));
}

export function triggerSetOf(all: readonly BadgeDefinition[], stream: Stream, effects: readonly LifecycleEffect[]): TriggerSet {
  const badges = all.filter((b) => triggers(b, stream, effects));
  const ids = new Set(badges.map((b) => b.id));
  return { badges, ids, counterKeys: new Set(all.filter((b) => ids.has(b.id)).map(counterKeyOf)), families: familiesOf(badges) };
}

/**
 * advanceBadges on a trigger set's precomputed families (same counters, deltas and earned badges): only
 * the lowest open tier of a family moves the counter, so only its conditions are checked.
 */
export function advancePlannedBadges(
  families: readonly FamilyPlan[],
  progress: PersonProgress,
  item: WorkItem,
  ctx: ConditionContext,
  dayNo: number,
  deltas: Record<string, number>,
  earned: string[],
): void {
  const counters = progress.counters;
  for (const family of families) {
    let first: PlannedTier | undefined;
    for (const tier of family.tiers) {
      if (progress.badges[tier.badge.id] === undefined) {
        first = tier;
        break;
      }
    }
    if (!first) continue;
    const { key } = family;
    const before = counters[key] ?? 0;
    const step = { holds: allHold(first.stepBadge.conditions, ctx), customers: Math.max(0, item.customersAffected), cancelled: item.sla.resolution.outcome === 'cancelled' };
    advanceCounter(first.badge, step, key, family.dayKey, counters, dayNo);
    const after = counters[key] ?? 0;
    if (after !== before) deltas[key] = (deltas[key] ?? 0) + (after - before);
    for (const tier of family.tiers) if (progress.badges[tier.badge.id] === undefined && after >= tier.badge.threshold) earned.push(tier.badge.id);
  }
}
