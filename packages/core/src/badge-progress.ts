import { counterKeyOf, type BadgeDefinition } from './badges';
import { allHold, type ConditionContext } from './conditions';
import type { PersonProgress } from './progress';
import { dayNumber } from './time-windows';
import type { WorkItem } from './work-item';

function advanceCounter(badge: BadgeDefinition, key: string, counters: Record<string, number>, item: WorkItem, ctx: ConditionContext, day: string): void {
  const holds = allHold(badge.conditions, ctx);
  const current = counters[key] ?? 0;
  switch (badge.counting) {
    case 'count':
      if (holds) counters[key] = current + 1;
      break;
    case 'sum':
      if (holds) counters[key] = current + Math.max(0, item.customersAffected);
      break;
    case 'consecutive':
      // A cancellation is the customer's doing, not a miss: it neither extends nor breaks the run.
      if (item.sla.resolution.outcome === 'cancelled') break;
      counters[key] = holds ? current + 1 : 0;
      break;
    case 'perDay': {
      const dayKey = `${key}@day`;
      const today = dayNumber(day);
      if (!holds) break;
      counters[key] = counters[dayKey] === today ? current + 1 : 1;
      counters[dayKey] = today;
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
  const families = new Map<string, BadgeDefinition[]>();
  for (const badge of triggered) {
    const key = counterKeyOf(badge);
    families.set(key, [...(families.get(key) ?? []), badge]);
  }
  const earned: string[] = [];
  for (const [key, tiers] of families) {
    const open = tiers.filter((b) => progress.badges[b.id] === undefined).sort((a, b) => a.threshold - b.threshold);
    const first = open[0];
    if (!first) continue;
    const before = progress.counters[key] ?? 0;
    advanceCounter(first, key, progress.counters, item, ctx, day);
    const after = progress.counters[key] ?? 0;
    if (after !== before) deltas[key] = (deltas[key] ?? 0) + (after - before);
    for (const badge of open) if (after >= badge.threshold) earned.push(badge.id);
  }
  return earned;
}
