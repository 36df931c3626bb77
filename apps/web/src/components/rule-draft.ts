import type { MultiplierKind, RuleCap, RuleSetConfigView, RuleSetDraft } from '@opsquest/contracts';

/** The rules editor's form state: numbers as typed (strings), turned into a draft for the server. */

export const MULTIPLIER_LABELS: Record<MultiplierKind, string> = {
  severity: 'Severity',
  priority: 'Priority',
  slaResponse: 'Response SLA',
  slaResolution: 'Resolution SLA',
  customerImpact: 'Customer impact',
  region: 'Region weight',
  csat: 'Customer satisfaction',
};
export const MULTIPLIER_ORDER: readonly MultiplierKind[] = ['severity', 'priority', 'slaResponse', 'slaResolution', 'customerImpact', 'region', 'csat'];
export const CAP_PERIODS: readonly RuleCap['per'][] = ['day', 'week', 'month'];

export interface RuleForm {
  id: string;
  name: string;
  description: string;
  version: number;
  basePoints: string;
  multipliers: MultiplierKind[];
  /** empty: no cap */
  capPoints: string;
  capPer: RuleCap['per'];
}

export interface BadgeForm {
  id: string;
  name: string;
  version: number;
  threshold: string;
  bonusPoints: string;
}

export interface RegionForm {
  /** stable React key */
  key: number;
  name: string;
  weight: string;
}

export interface GateForm {
  flapWindowMinutes: string;
  repeatVisitDays: string;
  ackFollowUpMinutes: string;
  burstMinPerHour: string;
  burstFactor: string;
}

export interface DraftForm {
  rules: RuleForm[];
  badges: BadgeForm[];
  gates: GateForm;
  regions: RegionForm[];
}

export function formFromConfig(config: RuleSetConfigView): DraftForm {
  return {
    rules: config.rules.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      version: r.version,
      basePoints: String(r.basePoints),
      multipliers: [...r.multipliers],
      capPoints: r.cap ? String(r.cap.points) : '',
      capPer: r.cap?.per ?? 'day',
    })),
    badges: config.badges.map((b) => ({ id: b.id, name: b.name, version: b.version, threshold: String(b.threshold), bonusPoints: String(b.bonusPoints) })),
    gates: {
      flapWindowMinutes: String(config.flapWindowMinutes),
      repeatVisitDays: String(config.repeatVisitDays),
      ackFollowUpMinutes: String(config.ackFollowUpMinutes),
      burstMinPerHour: String(config.burst.minPerHour),
      burstFactor: String(config.burst.factor),
    },
    regions: Object.entries(config.regionWeights).map(([name, weight], i) => ({ key: i, name, weight: String(weight) })),
  };
}

/** A typed number; blank or not a number becomes NaN, which the server rejects naming the field. */
function num(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function draftFromForm(form: DraftForm): RuleSetDraft {
  const regionWeights: Record<string, number> = {};
  for (const r of form.regions) if (r.name.trim() !== '') regionWeights[r.name.trim()] = num(r.weight);
  return {
    rules: form.rules.map((r) => ({
      id: r.id,
      basePoints: num(r.basePoints),
      multipliers: MULTIPLIER_ORDER.filter((k) => r.multipliers.includes(k)),
      cap: r.capPoints.trim() === '' ? null : { points: num(r.capPoints), per: r.capPer },
    })),
    badges: form.badges.map((b) => ({ id: b.id, threshold: num(b.threshold), bonusPoints: num(b.bonusPoints) })),
    flapWindowMinutes: num(form.gates.flapWindowMinutes),
    repeatVisitDays: num(form.gates.repeatVisitDays),
    ackFollowUpMinutes: num(form.gates.ackFollowUpMinutes),
    burst: { minPerHour: num(form.gates.burstMinPerHour), factor: num(form.gates.burstFactor) },
    regionWeights,
  };
}
