import type { BadgeDefinition } from './badges';
import type { EngineConfig } from './config';
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
}

// Keyed by the arrays themselves: publishing rules or approving a badge puts new arrays in the config.
const indexes = new WeakMap<readonly ScoringRule[], WeakMap<readonly BadgeDefinition[], ConfigIndex>>();

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
    };
    byBadges.set(config.badges, index);
  }
  return index;
}
