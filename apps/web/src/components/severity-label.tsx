import type { Severity } from '@opsquest/contracts';

/** A distinct shape and a word per severity: never colour alone. */
const ICONS: Record<Severity, string> = {
  critical: '✖',
  major: '▲',
  minor: '◆',
  warning: '●',
  indeterminate: '?',
};

const LABELS: Record<Severity, string> = {
  critical: 'Critical',
  major: 'Major',
  minor: 'Minor',
  warning: 'Warning',
  indeterminate: 'Indeterminate',
};

export function SeverityLabel({ severity }: { severity: Severity }) {
  return (
    <span className={`severity severity--${severity}`} data-testid="severity" data-severity={severity}>
      <span className="severity__icon" aria-hidden="true">
        {ICONS[severity]}
      </span>
      {LABELS[severity]}
    </span>
  );
}
