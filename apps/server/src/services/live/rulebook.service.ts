import type { BadgeDefinition, EngineConfig } from '@opsquest/core';

/** The parts of the engine's configuration a published rule set may replace. */
export type RuleSetLayer = Partial<Omit<EngineConfig, 'timeZone' | 'slaTable'>>;

type Listener = (config: EngineConfig) => void;

/** What changed in the rulebook on this node, for the other nodes of a cluster to load it too. */
export type RulebookChange = 'rules' | 'badges';

/**
 * The live rulebook. Every service holds the same EngineConfig object; the rulebook composes it
 * from the base configuration, the published rule set and the approved co-created badges, and
 * replaces its fields in place (synchronously, between two requests), so no service ever sees a
 * mix of two rule sets.
 */
export class Rulebook {
  private readonly base: EngineConfig;
  private ruleSet: RuleSetLayer = {};
  private customBadges: BadgeDefinition[] = [];
  private readonly listeners: Listener[] = [];
  /** the published rule-set version in force (1: the defaults) */
  private current = 1;

  constructor(readonly config: EngineConfig) {
    this.base = { ...config };
  }

  /** The configuration without co-created badges: what a rule-set editor starts from. */
  get baseline(): EngineConfig {
    return { ...this.base, ...this.ruleSet };
  }

  get version(): number {
    return this.current;
  }

  /** Puts a published version in force (version 1, the defaults, is the empty layer). */
  setRuleSet(layer: RuleSetLayer, version: number): void {
    this.ruleSet = { ...layer };
    this.current = version;
    this.recompose();
  }

  setCustomBadges(badges: readonly BadgeDefinition[]): void {
    this.customBadges = [...badges];
    this.recompose();
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Where this node's own changes are announced (app.ts: to the other nodes); nowhere by default. */
  private announcer: (change: RulebookChange) => void = () => undefined;

  announceTo(announcer: (change: RulebookChange) => void): void {
    this.announcer = announcer;
  }

  /** A rule set was published or a co-created badge approved here (not loaded from another node's change). */
  announce(change: RulebookChange): void {
    this.announcer(change);
  }

  private recompose(): void {
    const layered = { ...this.base, ...this.ruleSet };
    const ids = new Set(layered.badges.map((b) => b.id));
    Object.assign(this.config, layered, { badges: [...layered.badges, ...this.customBadges.filter((b) => !ids.has(b.id))] });
    for (const l of this.listeners) l(this.config);
  }
}
