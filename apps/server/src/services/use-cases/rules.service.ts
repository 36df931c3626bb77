import type { BadgeDefinition, EngineConfig, ScoringRule } from '@opsquest/core';
import type { PublishedRuleSet, RuleChange, RuleSetConfigView, RuleSetDraft, RuleSetVersionView, RulesView, WhatIfView } from '@opsquest/contracts';
import { conflict, invalid } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import { toPersonRef } from '../ports/people-store';
import type { RuleSetRow } from '../ports/rule-sets-store';
import type { Principal } from './auth.service';
import type { Rulebook, RuleSetLayer } from '../live/rulebook.service';
import { previewWindow } from './what-if-threads';

/** The fields of a rule set: what a published version stores and replaces. */
export interface FullRuleSetLayer {
  rules: ScoringRule[];
  badges: BadgeDefinition[];
  multipliers: EngineConfig['multipliers'];
  flapWindowMinutes: number;
  repeatVisitDays: number;
  ackFollowUpMinutes: number;
  burst: EngineConfig['burst'];
  regionWeights: Record<string, number>;
}

const SETTINGS = ['multipliers', 'flapWindowMinutes', 'repeatVisitDays', 'ackFollowUpMinutes', 'burst', 'regionWeights'] as const;

export const PREVIEW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The rule-set part of a configuration (badges without co-created ones when taken from the rulebook's baseline). */
export function layerOf(config: EngineConfig): FullRuleSetLayer {
  return structuredClone({
    rules: config.rules,
    badges: config.badges,
    multipliers: config.multipliers,
    flapWindowMinutes: config.flapWindowMinutes,
    repeatVisitDays: config.repeatVisitDays,
    ackFollowUpMinutes: config.ackFollowUpMinutes,
    burst: config.burst,
    regionWeights: config.regionWeights,
  });
}

/**
 * The configuration `live` would be under `layer`: the layer's fields replace the live ones; badges
 * the layer does not know (co-created badges) are kept, as the rulebook does.
 */
export function composeConfig(live: EngineConfig, layer: RuleSetLayer): EngineConfig {
  const composed: EngineConfig = { ...live, ...layer };
  if (layer.badges) {
    const ids = new Set(layer.badges.map((b) => b.id));
    composed.badges = [...layer.badges, ...live.badges.filter((b) => !ids.has(b.id))];
  }
  return composed;
}

/** Canonical JSON (sorted keys) so that equal definitions compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function ruleParams(r: ScoringRule): { basePoints: number; multipliers: string[]; cap: ScoringRule['cap'] | null } {
  return { basePoints: r.basePoints, multipliers: [...r.multipliers].sort(), cap: r.cap ?? null };
}

function toVersionView(row: RuleSetRow): RuleSetVersionView {
  return {
    version: row.version,
    publishedAt: new Date(row.publishedAt).toISOString(),
    publishedBy: row.publishedByName,
    reason: row.reason,
    effectiveFromSeq: row.effectiveFromSeq,
  };
}

export function configView(config: EngineConfig): RuleSetConfigView {
  return {
    rules: config.rules.map((r) => ({
      id: r.id,
      version: r.version,
      name: r.name,
      description: r.description,
      basePoints: r.basePoints,
      multipliers: [...r.multipliers],
      cap: r.cap ?? null,
    })),
    badges: config.badges.map((b) => ({ id: b.id, version: b.version, name: b.name, threshold: b.threshold, bonusPoints: b.bonusPoints })),
    multipliers: structuredClone(config.multipliers),
    flapWindowMinutes: config.flapWindowMinutes,
    repeatVisitDays: config.repeatVisitDays,
    ackFollowUpMinutes: config.ackFollowUpMinutes,
    burst: { ...config.burst },
    regionWeights: { ...config.regionWeights },
  };
}

/**
 * Versioned scoring rules: version 1 is the server's defaults; a lead or admin publishes a draft
 * (with a reason) as the next version, which scores every event from then on. Rules and badges
 * whose definition changed take the new version's number, so new ledger entries name it and a
 * rule's version is the rule-set version that last changed it. The what-if preview
 * replays the last 30 days under the rules in force and under a draft.
 */
export class RulesService {
  constructor(
    private readonly repos: Repositories,
    private readonly rulebook: Rulebook,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Stores the draft as the next version with its audit line, in one unit of work: the version number
   * is read under the publish lock, and the rules and badges the draft changes take it as theirs.
   */
  private async publishTx(draft: RuleSetDraft, reason: string, actor: Principal): Promise<PublishedRuleSet & { layer: FullRuleSetLayer }> {
    return this.repos.uow.run(async () => {
      // no batch of any node is between its rule-set check and its commit while this one publishes
      await this.repos.ruleSets.lockForPublish();
      const at = this.now();
      const version = ((await this.repos.ruleSets.latest())?.version ?? 1) + 1;
      const { layer, changes } = this.resolve(draft, version);
      if (changes.length === 0) throw conflict('The draft changes nothing: it is the same as the version in force');
      const effectiveFromSeq = await this.repos.ruleSets.nextEventSeq();
      await this.repos.ruleSets.add({ version, layer, publishedAt: at, publishedBy: actor.id, reason, effectiveFromSeq });
      await this.repos.audit.record(at, { actorId: actor.id, action: 'rules.published', targetType: 'rule-set', targetId: String(version), reason, details: { version, changes } });
      return { version, changes, layer };
    });
  }

  /**
   * At start-up: records the defaults as version 1 when there is no rule set yet (or refreshes
   * them while nothing was published), and puts the newest version in force.
   */
  async load(): Promise<void> {
    const defaults = layerOf(this.rulebook.baseline);
    const latest = await this.repos.ruleSets.latest();
    if (!latest) {
      await this.repos.ruleSets.add({ version: 1, layer: defaults, publishedAt: this.now(), publishedBy: null, reason: 'The server defaults', effectiveFromSeq: 0 });
      return;
    }
    if (latest.version === 1) {
      await this.repos.ruleSets.refreshDefaults(defaults);
      return;
    }
    this.rulebook.setRuleSet(latest.layer, latest.version);
  }

  /**
   * Puts the newest stored version in force if it is not already: another node published it (the
   * ingest path finds out at its next batch, cluster messages sooner). Version 1 is the defaults.
   */
  async reload(): Promise<void> {
    const latest = await this.repos.ruleSets.latest();
    if (!latest || latest.version === this.rulebook.version) return;
    this.rulebook.setRuleSet(latest.version === 1 ? {} : latest.layer, latest.version);
  }

  async view(): Promise<RulesView> {
    const history = (await this.repos.ruleSets.list()).map(toVersionView).reverse();
    const newest = history[0] ?? { version: 1, publishedAt: new Date(this.now()).toISOString(), publishedBy: null, reason: 'The server defaults', effectiveFromSeq: 0 };
    return { current: { ...newest, config: configView(this.rulebook.baseline) }, history };
  }

  /**
   * The draft applied over the version in force, and what it changes, as rule-set version `version`
   * (the next one unless told): a rule or badge the draft changes takes that version number, so a
   * rule's version is always the rule-set version that last changed it, never above the version in
   * force. Unknown rules or badges are a 400.
   */
  resolve(draft: RuleSetDraft, version = this.rulebook.version + 1): { layer: FullRuleSetLayer; changes: RuleChange[] } {
    const bump = (old: number): number => Math.max(old + 1, version);
    const base = layerOf(this.rulebook.baseline);
    const changes: RuleChange[] = [];

    const seenRules = new Set<string>();
    const ruleEdits = new Map<string, NonNullable<RuleSetDraft['rules']>[number]>();
    (draft.rules ?? []).forEach((edit, i) => {
      if (!base.rules.some((r) => r.id === edit.id)) throw invalid(`No scoring rule ${edit.id}`, [{ path: `body.draft.rules.${i}.id`, message: 'no such rule' }]);
      if (seenRules.has(edit.id)) throw invalid(`Rule ${edit.id} is listed twice`, [{ path: `body.draft.rules.${i}.id`, message: 'listed twice' }]);
      seenRules.add(edit.id);
      ruleEdits.set(edit.id, edit);
    });
    const rules = base.rules.map((old) => {
      const edit = ruleEdits.get(old.id);
      if (!edit) return old;
      const { cap: _oldCap, ...rest } = old;
      const next: ScoringRule = { ...rest, basePoints: edit.basePoints, multipliers: [...edit.multipliers], ...(edit.cap ? { cap: { ...edit.cap } } : {}) };
      if (canonical(ruleParams(old)) === canonical(ruleParams(next))) return old;
      next.version = bump(old.version);
      changes.push({ target: `rule:${old.id}`, from: ruleParams(old), to: ruleParams(next), version: { from: old.version, to: next.version } });
      return next;
    });

    const seenBadges = new Set<string>();
    const badgeEdits = new Map<string, NonNullable<RuleSetDraft['badges']>[number]>();
    (draft.badges ?? []).forEach((edit, i) => {
      if (!base.badges.some((b) => b.id === edit.id)) throw invalid(`No badge ${edit.id}`, [{ path: `body.draft.badges.${i}.id`, message: 'no such badge' }]);
      if (seenBadges.has(edit.id)) throw invalid(`Badge ${edit.id} is listed twice`, [{ path: `body.draft.badges.${i}.id`, message: 'listed twice' }]);
      seenBadges.add(edit.id);
      badgeEdits.set(edit.id, edit);
    });
    const badges = base.badges.map((old) => {
      const edit = badgeEdits.get(old.id);
      if (!edit || (edit.threshold === old.threshold && edit.bonusPoints === old.bonusPoints)) return old;
      const next: BadgeDefinition = { ...old, threshold: edit.threshold, bonusPoints: edit.bonusPoints, version: bump(old.version) };
      changes.push({
        target: `badge:${old.id}`,
        from: { threshold: old.threshold, bonusPoints: old.bonusPoints },
        to: { threshold: next.threshold, bonusPoints: next.bonusPoints },
        version: { from: old.version, to: next.version },
      });
      return next;
    });

    const layer: FullRuleSetLayer = { ...base, rules, badges };
    for (const key of SETTINGS) {
      const value = draft[key];
      if (value === undefined || canonical(value) === canonical(base[key])) continue;
      changes.push({ target: `setting:${key}`, from: base[key], to: value });
      Object.assign(layer, { [key]: structuredClone(value) });
    }
    return { layer, changes };
  }

  /** Replays the last 30 days under the rules in force and under the draft. */
  async preview(draft: RuleSetDraft): Promise<WhatIfView> {
    const { layer, changes } = this.resolve(draft);
    const to = this.now();
    const from = to - PREVIEW_DAYS * DAY_MS;
    const people = await this.repos.people.listActive();
    const live = this.rulebook.config;
    const draftConfig = composeConfig(live, layer);
    // The events whose own time (occurredAt) is in the window, read from the log with SQL; the two
    // replays run in parallel when a worker thread can take one.
    const result = await previewWindow({ events: this.repos.events, from, people: people.map(toPersonRef), current: live, draft: draftConfig });

    const personName = new Map(people.map((p) => [p.id, p.displayName]));
    const teamName = new Map((await this.repos.people.listTeams()).map((t) => [t.id, t.name]));
    const ruleName = new Map<string, string>();
    for (const c of [live, draftConfig]) {
      for (const r of c.rules) ruleName.set(r.id, r.name);
      for (const b of c.badges) ruleName.set(`badge:${b.id}`, `Badge: ${b.name}`);
    }
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      events: result.events,
      people: result.people.map((p) => ({ ...p, name: personName.get(p.personId) ?? p.personId })),
      teams: result.teams.map((t) => ({ ...t, name: teamName.get(t.id) ?? t.id })),
      rules: result.rules.map((r) => ({ ...r, name: ruleName.get(r.id) ?? r.id })),
      total: result.total,
      changes,
    };
  }

  /** Publishes the draft as the next version (audited in the same transaction) and puts it in force. */
  async publish(draft: RuleSetDraft, reason: string, actor: Principal): Promise<PublishedRuleSet> {
    // A draft that is invalid or changes nothing is refused before the unit of work starts.
    if (this.resolve(draft).changes.length === 0) throw conflict('The draft changes nothing: it is the same as the version in force');
    const { version, changes, layer } = await this.publishTx(draft, reason, actor);
    this.rulebook.setRuleSet(layer, version);
    this.rulebook.announce('rules');
    return { version, changes };
  }

  /** The configuration to score the event with log sequence `seq`: the version in force at that point. */
  async configsBySeq(live: EngineConfig): Promise<(seq: number) => EngineConfig> {
    return configsBySeq(this.repos, live);
  }
}

/**
 * For replaying the log: the configuration each event was scored under, by its sequence number
 * (the newest version whose `effective_from_seq` is at or before it; `live` when none is stored).
 */
export async function configsBySeq(repos: Repositories, live: EngineConfig): Promise<(seq: number) => EngineConfig> {
  const versions = (await repos.ruleSets.list())
    .sort((a, b) => a.effectiveFromSeq - b.effectiveFromSeq || a.version - b.version)
    .map((row) => ({ from: row.effectiveFromSeq, config: composeConfig(live, row.layer) }));
  return (seq) => {
    let config = live;
    for (const v of versions) {
      if (v.from <= seq) config = v.config;
      else break;
    }
    return config;
  };
}
