/** Alarm severities, TMF642 perceivedSeverity without `cleared` (a state, not a severity here). */
export const SEVERITIES = ['critical', 'major', 'minor', 'warning', 'indeterminate'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Sort rank: lower is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = {
  critical: 0,
  major: 1,
  minor: 2,
  warning: 3,
  indeterminate: 4,
};

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** Labels operators and monitoring tools write, lower-cased, and the severity each reads as. */
export const SEVERITY_ALIASES: Readonly<Record<string, Severity>> = {
  page: 'critical',
  p1: 'critical',
  sev1: 'critical',
  'sev-1': 'critical',
  s1: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  emerg: 'critical',
  alert: 'critical',
  crit: 'critical',
  disaster: 'critical',
  p2: 'major',
  sev2: 'major',
  s2: 'major',
  high: 'major',
  error: 'major',
  err: 'major',
  p3: 'minor',
  sev3: 'minor',
  s3: 'minor',
  medium: 'minor',
  average: 'minor',
  moderate: 'minor',
  p4: 'warning',
  sev4: 'warning',
  s4: 'warning',
  low: 'warning',
  warn: 'warning',
  warning: 'warning',
  notice: 'warning',
  p5: 'indeterminate',
  info: 'indeterminate',
  informational: 'indeterminate',
  debug: 'indeterminate',
  none: 'indeterminate',
  ok: 'indeterminate',
};

/**
 * Maps free-text severities from other systems onto ours (see domain notes), trimmed and
 * case-insensitive. `custom` (keys compared lower-cased) is consulted first, so an integration can
 * map labels of its own; then our own names; then SEVERITY_ALIASES (`p1`/`sev1`/`page` critical,
 * `error`/`high` major, `medium` minor, `low`/`warn` warning, `info` indeterminate, ...).
 * Missing or empty means warning; anything unknown is indeterminate.
 */
export function normaliseSeverity(raw: string | undefined | null, custom?: Readonly<Record<string, Severity>>): Severity {
  if (raw === undefined || raw === null || raw.trim() === '') return 'warning';
  const value = raw.trim().toLowerCase();
  if (custom) {
    for (const [label, severity] of Object.entries(custom)) {
      if (label.toLowerCase() === value) return severity;
    }
  }
  if (isSeverity(value)) return value;
  // hasOwn: `constructor` and the like are unknown labels, not Object.prototype members.
  return Object.hasOwn(SEVERITY_ALIASES, value) ? SEVERITY_ALIASES[value] : 'indeterminate';
}
