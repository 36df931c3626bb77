import { counterKeyOf, type BadgeDefinition } from './badges';
import { allHold, type ConditionContext } from './conditions';
import type { PersonProgress } from './progress';
import { dayNumber } from './time-windows';
import type { WorkItem } from './work-item';

/**
 * What one transition means for one badge, decided when it happens: whether the badge's conditions
 * held, and the item facts the counting needs. Work held for review keeps its steps, so that a
 * release later moves the badges exactly as the work would have moved them then.
 */
export interface BadgeStep {
  badgeId: string;
  holds: boolean;
  /** customers affected (the 'sum' counting) */
  customers: number;
  /** the resolution was a cancellation: neither extends nor breaks a consecutive run */
  cancelled: boolean;
}

export function badgeStepsOf(triggered: readonly BadgeDefinition[], item: WorkItem, ctx: ConditionContext): BadgeStep[] {
  return triggered.map((badge) => ({
    badgeId: badge.id,
    holds: allHold(badge.conditions, ctx),
    customers: Math.max(0, item.customersAffected),
    cancelled: item.sla.resolution.outcome === 'cancelled',
  }));
}

/**
 * Moves one counter by one step of a badge's counting. `dayKey` (`${key}@day`) and `dayNo` (the day's
 * number) serve the perDay counting.
 */
export function advanceCounter(
  badge: BadgeDefinition,
  step: Pick<BadgeStep, 'holds' | 'customers' | 'cancelled'>,
  key: string,
  dayKey: string,
  counters: Record<string, number>,
  dayNo: number,
): void {
  const { holds } = step;
  const current = counters[key] ?? 0;
  switch (badge.counting) {
    case 'count':
      if (holds) counters[key] = current + 1;
      break;
    case 'sum':
      if (holds) counters[key] = current + step.customers;
      break;
    case 'consecutive':
      // A cancellation is the customer's doing, not a miss: it neither extends nor breaks the run.
      if (step.cancelled) break;
      counters[key] = holds ? current + 1 : 0;
      break;
    case 'perDay': {
      if (!holds) break;
      counters[key] = counters[dayKey] === dayNo ? current + 1 : 1;
      counters[dayKey] = dayNo;
      break;
    }
    case 'streak':
    case 'external':
      break;
  }
}

/**
 * Advances the counters of the badges a transition triggers, once per family (tiers share their
 * family's counter), and returns the badges earned by this step. `deltas` collects how far each
 * counter moved, so that the step can be taken back if the work is undone.
 */
export function advanceBadges(
  triggered: readonly BadgeDefinition[],
  progress: PersonProgress,
  item: WorkItem,
  ctx: ConditionContext,
  day: string,
  deltas: Record<string, number>,
): string[] {
  if (triggered.length === 0) return [];
  return applyBadgeSteps(badgeStepsOf(triggered, item, ctx), new Map(triggered.map((b) => [b.id, b])), progress, day, deltas);
}

/** advanceBadges on steps decided earlier (a release of held work); badges no longer defined are skipped. */
export function applyBadgeSteps(
  steps: readonly BadgeStep[],
  badgeById: ReadonlyMap<string, BadgeDefinition>,
  progress: PersonProgress,
  day: string,
  deltas: Record<string, number>,
): string[] {
  const families = new Map<string, { badge: BadgeDefinition; step: BadgeStep }[]>();
  for (const step of steps) {
    const badge = badgeById.get(step.badgeId);
    if (!badge) continue;
    const key = counterKeyOf(badge);
    const family = families.get(key);
    if (family) family.push({ badge, step });
    else families.set(key, [{ badge, step }]);
  }
  const earned: string[] = [];
  for (const [key, tiers] of families) {
    const open = tiers.filter((t) => progress.badges[t.badge.id] === undefined).sort((a, b) => a.badge.threshold - b.badge.threshold);
    const first = open[0];
    if (!first) continue;
    const before = progress.counters[key] ?? 0;
    advanceCounter(first.badge, first.step, key, `${key}@day`, progress.counters, dayNumber(day));
    const after = progress.counters[key] ?? 0;
    if (after !== before) deltas[key] = (deltas[key] ?? 0) + (after - before);
    for (const t of open) if (after >= t.badge.threshold) earned.push(t.badge.id);
  }
  return earned;
}
