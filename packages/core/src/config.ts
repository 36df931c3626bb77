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
  /** a clear followed by a re-raise within this window gives its points back */
  flapWindowMinutes: number;
  night: { startHour: number; endHour: number };
  /** working days for streaks when a person has no schedule of their own */
  defaultWorkDays: WorkDays;
}

export const DEFAULT_CONFIG: EngineConfig = {
  timeZone: 'UTC',
  slaTable: DEFAULT_SLA_TABLE,
  atRiskPct: 75,
  rules: DEFAULT_RULES,
  badges: DEFAULT_BADGES,
  multipliers: DEFAULT_MULTIPLIERS,
  flapWindowMinutes: 15,
  night: { startHour: 22, endHour: 6 },
  defaultWorkDays: [1, 2, 3, 4, 5],
};

export function makeConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return { ...DEFAULT_CONFIG, ...overrides };
}
