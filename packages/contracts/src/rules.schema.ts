import { z } from 'zod';
import { ADJUSTMENT_POINTS_MAX, ADJUSTMENT_REASON_MAX, ADJUSTMENT_REASON_MIN, RULE_PUBLISH_REASON_MAX, RULE_PUBLISH_REASON_MIN } from './form-limits';
import { MULTIPLIER_KINDS, type MultiplierKind, type MultiplierTable, type RuleCap } from '@opsquest/core';

/**
 * Versioned scoring rules: the editable part of a rule set (a draft), publishing it, the what-if
 * preview, manual adjustments and the audit log.
 */

const factor = z.number().min(0).max(10);

export const ruleCapSchema = z
  .object({
    points: z.number().int().min(1).max(100_000),
    per: z.enum(['day', 'week', 'month']),
  })
  .strict();

/** An existing rule's editable numbers (rules are not added or removed in the console). */
export const ruleDraftSchema = z
  .object({
    id: z.string().trim().min(1).max(100),
    basePoints: z.number().int().min(0).max(1000),
    multipliers: z
      .array(z.enum(MULTIPLIER_KINDS as unknown as [MultiplierKind, ...MultiplierKind[]]))
      .max(MULTIPLIER_KINDS.length)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'each multiplier at most once'),
    /** null or absent: no cap */
    cap: ruleCapSchema.nullable().optional(),
  })
  .strict();

/** An existing badge's threshold and bonus. */
export const badgeDraftSchema = z
  .object({
    id: z.string().trim().min(1).max(100),
    threshold: z.number().int().min(1).max(10_000_000),
    bonusPoints: z.number().int().min(0).max(10_000),
  })
  .strict();

export const multiplierTableSchema = z
  .object({
    severity: z.object({ critical: factor, major: factor, minor: factor, warning: factor, indeterminate: factor }).strict(),
    priority: z.tuple([factor, factor, factor, factor, factor]),
    slaFastBonus: factor,
    customerImpact: z.object({ perDecade: factor, max: factor, serviceAffecting: factor, vip: factor }).strict(),
    csat: z.tuple([factor, factor, factor, factor, factor]),
  })
  .strict();

/** The editable part of a rule set; what is left out stays as in the version in force. */
export const ruleSetDraftSchema = z
  .object({
    rules: z.array(ruleDraftSchema).max(200).optional(),
    badges: z.array(badgeDraftSchema).max(500).optional(),
    multipliers: multiplierTableSchema.optional(),
    flapWindowMinutes: z.number().int().min(0).max(1440).optional(),
    repeatVisitDays: z.number().int().min(0).max(365).optional(),
    ackFollowUpMinutes: z.number().int().min(1).max(1440).optional(),
    burst: z
      .object({ minPerHour: z.number().int().min(1).max(10_000), factor: z.number().min(1).max(100) })
      .strict()
      .optional(),
    /** weight per region or site name (the `region` multiplier) */
    regionWeights: z.record(z.string().trim().min(1).max(64), z.number().min(0).max(10)).optional(),
  })
  .strict();
export type RuleSetDraft = z.infer<typeof ruleSetDraftSchema>;

export const previewRulesBodySchema = z.object({ draft: ruleSetDraftSchema }).strict();

export const publishRulesBodySchema = z
  .object({
    draft: ruleSetDraftSchema,
    reason: z.string().trim().min(RULE_PUBLISH_REASON_MIN).max(RULE_PUBLISH_REASON_MAX),
  })
  .strict();

export const adjustmentBodySchema = z
  .object({
    points: z
      .number()
      .int()
      .min(-ADJUSTMENT_POINTS_MAX)
      .max(ADJUSTMENT_POINTS_MAX)
      .refine((n) => n !== 0, 'must not be 0'),
    reason: z.string().trim().min(ADJUSTMENT_REASON_MIN).max(ADJUSTMENT_REASON_MAX),
  })
  .strict();
export type AdjustmentBody = z.infer<typeof adjustmentBodySchema>;

export const auditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** an action or its prefix: `rules.`, `points.adjusted` */
    action: z.string().trim().min(1).max(64).optional(),
  })
  .strict();

// ---- views ----

export interface RuleView {
  id: string;
  version: number;
  name: string;
  description: string;
  basePoints: number;
  multipliers: MultiplierKind[];
  cap: RuleCap | null;
}

export interface BadgeRuleView {
  id: string;
  version: number;
  name: string;
  threshold: number;
  bonusPoints: number;
}

/** The editable configuration of one rule-set version. */
export interface RuleSetConfigView {
  rules: RuleView[];
  badges: BadgeRuleView[];
  multipliers: MultiplierTable;
  flapWindowMinutes: number;
  repeatVisitDays: number;
  ackFollowUpMinutes: number;
  burst: { minPerHour: number; factor: number };
  regionWeights: Record<string, number>;
}

export interface RuleSetVersionView {
  version: number;
  publishedAt: string;
  /** display name; null for the server's defaults */
  publishedBy: string | null;
  reason: string;
  /** the first event (log sequence) scored under it */
  effectiveFromSeq: number;
}

export interface RulesView {
  current: RuleSetVersionView & { config: RuleSetConfigView };
  history: RuleSetVersionView[];
}

export interface RuleChange {
  /** `rule:alarm.clear`, `badge:night-owl`, `setting:flapWindowMinutes` */
  target: string;
  from: unknown;
  to: unknown;
  /** for rules and badges: the version before and after */
  version?: { from: number; to: number };
}

export interface PublishedRuleSet {
  version: number;
  changes: RuleChange[];
}

export interface WhatIfPersonView {
  personId: string;
  name: string;
  teamId: string | null;
  current: number;
  draft: number;
  difference: number;
  rankBefore: number;
  rankAfter: number;
}

export interface WhatIfTotalView {
  id: string;
  name: string;
  current: number;
  draft: number;
  difference: number;
}

export interface WhatIfView {
  /** the window replayed */
  from: string;
  to: string;
  events: number;
  people: WhatIfPersonView[];
  teams: WhatIfTotalView[];
  rules: WhatIfTotalView[];
  total: { current: number; draft: number; difference: number };
  /** what the draft changes against the rules in force */
  changes: RuleChange[];
}

export interface AdjustmentView {
  entryId: string;
  personId: string;
  points: number;
  reason: string;
  at: string;
}

export interface AuditEntryView {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  details: unknown;
}
