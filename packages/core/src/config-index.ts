import type { BadgeDefinition } from './badges';
import { triggerSetOf, type TriggerSet } from './badge-plan';
import type { EngineConfig } from './config';
import { STREAMS, type Stream, type Transition } from './event';
import type { LifecycleEffect } from './lifecycles/lifecycle.types';
import type { ScoringRule } from './rules';

/** Rules whose points exist only because the fix held on the first visit. */
export function dependsOnFirstTimeFix(rule: Pick<ScoringRule, 'conditions'>): boolean {
  return (rule.conditions ?? []).some((c) => c.kind === 'flag' && c.flag === 'firstTimeFix' && c.equals);
}

/** What the engine looks up in the rules and badges on every event, indexed once per rule set. */
export interface ConfigIndex {
  ruleById: Map<string, ScoringRule>;
  badgeById: Map<string, BadgeDefinition>;
  streakBadges: BadgeDefinition[];
  ftfBadges: Set<string>;
  ftfRules: Set<string>;
  ftfCounters: Set<string>;
  /** the rules of each stream and transition, in rule-set order (what scoring tries for an event) */
  rulesByTransition: Record<Stream, Map<Transition, ScoringRule[]>>;
  /** trigger sets already worked out, per stream and effect list (see triggeredBy) */
  triggerSets: Record<Stream, Map<string, TriggerSet>>;
}

// Keyed by the arrays themselves: publishing rules or approving a badge puts new arrays in the config
// (the server's rulebook replaces the config's fields in place, so the config object is no key).
const indexes = new WeakMap<readonly ScoringRule[], WeakMap<readonly BadgeDefinition[], ConfigIndex>>();

function byStream<T>(make: () => T): Record<Stream, T> {
  return { alarm: make(), order: make(), truckroll: make() };
}

function rulesByTransitionOf(rules: readonly ScoringRule[]): Record<Stream, Map<Transition, ScoringRule[]>> {
  const index = byStream(() => new Map<Transition, ScoringRule[]>());
  for (const rule of rules) {
    // A rule of no known stream can never match a work item.
    if (!(STREAMS as readonly string[]).includes(rule.stream)) continue;
    const byTransition = index[rule.stream];
    const list = byTransition.get(rule.transition);
    if (list) list.push(rule);
    else byTransition.set(rule.transition, [rule]);
  }
  return index;
}

export function indexOf(config: EngineConfig): ConfigIndex {
  let byBadges = indexes.get(config.rules);
  if (!byBadges) {
    byBadges = new WeakMap();
    indexes.set(config.rules, byBadges);
  }
  let index = byBadges.get(config.badges);
  if (!index) {
    const ftf = config.badges.filter(dependsOnFirstTimeFix);
    index = {
      ruleById: new Map(config.rules.map((r) => [r.id, r])),
      badgeById: new Map(config.badges.map((b) => [b.id, b])),
      streakBadges: config.badges.filter((b) => b.counting === 'streak'),
      ftfBadges: new Set(ftf.map((b) => b.id)),
      ftfRules: new Set(config.rules.filter(dependsOnFirstTimeFix).map((r) => r.id)),
      ftfCounters: new Set(ftf.map((b) => b.family ?? b.id)),
      rulesByTransition: rulesByTransitionOf(config.rules),
      triggerSets: byStream(() => new Map<string, TriggerSet>()),
    };
    byBadges.set(config.badges, index);
  }
  return index;
}

const NO_RULES: readonly ScoringRule[] = [];

/** The rules that may score a transition of an item of this stream (their effect and conditions still to check). */
export function rulesFor(config: EngineConfig, stream: Stream, transition: Transition): readonly ScoringRule[] {
  return indexOf(config).rulesByTransition[stream]?.get(transition) ?? NO_RULES;
}

/**
 * The badges a transition with these effects triggers on an item of this stream, worked out once per
 * stream and effect list: an event's effects are one of a handful of lists.
 */
export function triggeredBy(config: EngineConfig, stream: Stream, effects: readonly LifecycleEffect[]): TriggerSet {
  const sets = indexOf(config).triggerSets[stream];
  const key = effects.length === 1 ? (effects[0] as string) : effects.join(' ');
  let set = sets?.get(key);
  if (!set) {
    set = triggerSetOf(config.badges, stream, effects);
    sets?.set(key, set);
  }
  return set;
}
