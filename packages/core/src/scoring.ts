import { allHold, type ConditionContext } from './conditions';
import type { EngineConfig } from './config';
import { rulesFor } from './config-index';
import type { Transition } from './event';
import type { LifecycleEffect } from './lifecycles/lifecycle.types';
import type { MultiplierKind, ScoringRule } from './rules';
import { clampPriority, elapsedFraction } from './sla';
import type { WorkItem } from './work-item';

export interface Multiplier {
  kind: MultiplierKind;
  factor: number;
}

export interface RuleScore {
  rule: ScoringRule;
  points: number;
  multipliers: Multiplier[];
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function multiplierFor(kind: MultiplierKind, item: WorkItem, at: number, config: EngineConfig): number {
  const m = config.multipliers;
  switch (kind) {
    case 'severity':
      return m.severity[item.severity ?? 'warning'];
    case 'priority':
      return m.priority[Number(clampPriority(item.priority))] ?? 1;
    case 'slaResponse':
    case 'slaResolution': {
      const clock = kind === 'slaResponse' ? item.sla.response : item.sla.resolution;
      if (clock.outcome === 'breached') return 0;
      if (clock.outcome === 'cancelled') return 1;
      const fraction = elapsedFraction(clock, clock.stoppedAt ?? at);
      if (fraction > 1) return 0;
      return round2(1 + m.slaFastBonus * Math.max(0, 1 - fraction));
    }
    case 'customerImpact': {
      const c = m.customerImpact;
      const decades = Math.log10(1 + Math.max(0, item.customersAffected));
      return round2(1 + Math.min(c.max, c.perDecade * decades) + (item.serviceAffecting ? c.serviceAffecting : 0) + (item.vip ? c.vip : 0));
    }
    case 'region': {
      const weights = config.regionWeights;
      const bySite = item.site !== undefined ? weights[item.site] : undefined;
      const byRegion = item.region !== undefined ? weights[item.region] : undefined;
      return bySite ?? byRegion ?? 1;
    }
    case 'csat': {
      const score = item.csat;
      if (score === undefined) return 0;
      return m.csat[Math.min(5, Math.max(1, Math.round(score))) - 1] ?? 0;
    }
  }
}

/** The rules that fire for a transition with these effects, with their points (0-point results dropped). */
export function scoreTransition(
  transition: Transition,
  effects: readonly LifecycleEffect[],
  item: WorkItem,
  at: number,
  conditionContext: ConditionContext,
  config: EngineConfig,
): RuleScore[] {
  const scores: RuleScore[] = [];
  for (const rule of rulesFor(config, item.stream, transition)) {
    if (!effects.includes(rule.effect)) continue;
    if (!allHold(rule.conditions, conditionContext)) continue;
    const multipliers: Multiplier[] = [];
    let product = rule.basePoints;
    for (const kind of rule.multipliers) {
      const factor = multiplierFor(kind, item, at, config);
      multipliers.push({ kind, factor });
      product *= factor;
    }
    const points = Math.round(product);
    if (points !== 0) scores.push({ rule, points, multipliers });
  }
  return scores;
}

const LABELS: Record<MultiplierKind, string> = {
  severity: 'severity',
  priority: 'priority',
  slaResponse: 'response SLA',
  slaResolution: 'resolution SLA',
  customerImpact: 'customer impact',
  region: 'region difficulty',
  csat: 'customer satisfaction',
};

/** A reason a person can read: what earned the points and how they were weighted. */
export function describeScore(score: RuleScore, item: WorkItem): string {
  const parts = score.multipliers.filter((m) => m.factor !== 1).map((m) => `${LABELS[m.kind]} ×${m.factor}`);
  return `${score.rule.name}: ${item.title}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
