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

/**
 * Maps free-text severities from other systems onto ours (see domain notes):
 * case-insensitive; `error`/`high` read as major, `disaster` as critical, `info` as indeterminate.
 * Missing means warning; anything unknown is indeterminate.
 */
export function normaliseSeverity(raw: string | undefined | null): Severity {
  if (raw === undefined || raw === null || raw.trim() === '') return 'warning';
  const value = raw.trim().toLowerCase();
  if (isSeverity(value)) return value;
  switch (value) {
    case 'disaster':
    case 'fatal':
    case 'emergency':
      return 'critical';
    case 'error':
    case 'high':
      return 'major';
    case 'average':
    case 'medium':
      return 'minor';
    case 'warn':
    case 'low':
      return 'warning';
    default:
      return 'indeterminate';
  }
}
