import { DEFAULT_BADGES, type BadgeDefinition } from './badges';
import { DEFAULT_MULTIPLIERS, DEFAULT_RULES, type MultiplierTable, type ScoringRule } from './rules';
import { DEFAULT_SLA_TABLE, type SlaTable } from './sla';
import type { WorkDays } from './streaks';

/** Everything the engine needs to turn events into a ledger. Same config + same events = same ledger. */
export interface EngineConfig {
  /** IANA zone for day / week / month windows and shifts; weeks start on Monday */
  timeZone: string;
  slaTable: SlaTable;
  /** elapsed share of a target at which a clock is at risk */
  atRiskPct: number;
  rules: ScoringRule[];
  badges: BadgeDefinition[];
  multipliers: MultiplierTable;
  /** a clear followed by a re-raise within this window gives its points back (badges and their counters too) */
  flapWindowMinutes: number;
  /** a first-time-fix bonus is reversed when another visit to the same site or customer opens within this many days */
  repeatVisitDays: number;
  /** rules with `deferUntilFollowUp` (the acknowledge) pay only when the same person follows up within this time */
  ackFollowUpMinutes: number;
  /**
   * Bursts far above a person's normal rate are held for their lead to review, not scored:
   * an award is held when the person's scored actions this hour exceed max(minPerHour, factor × their usual hourly rate).
   */
  burst: { minPerHour: number; factor: number };
  /** difficulty weight per region or site (the `region` multiplier); 1 when absent */
  regionWeights: Record<string, number>;
  night: { startHour: number; endHour: number };
  /** working days for streaks when a person has no schedule of their own */
  defaultWorkDays: WorkDays;
  /**
   * Source clocks: an event received more than `payHorizonMs` after it happened pays nothing (outside a
   * history import); its effect on the work item still counts. An event dated after it was received is
   * taken at its receive time, so no streak, level window or leaderboard period moves into the future.
   */
  payHorizonMs: number;
}

export const DEFAULT_CONFIG: EngineConfig = {
  timeZone: 'UTC',
  slaTable: DEFAULT_SLA_TABLE,
  atRiskPct: 75,
  rules: DEFAULT_RULES,
  badges: DEFAULT_BADGES,
  multipliers: DEFAULT_MULTIPLIERS,
  flapWindowMinutes: 15,
  repeatVisitDays: 7,
  ackFollowUpMinutes: 60,
  burst: { minPerHour: 30, factor: 4 },
  regionWeights: {},
  night: { startHour: 22, endHour: 6 },
  defaultWorkDays: [1, 2, 3, 4, 5],
  payHorizonMs: 72 * 60 * 60 * 1000,
};

export function makeConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return { ...DEFAULT_CONFIG, ...overrides };
}
