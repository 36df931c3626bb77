import type { Severity } from '@opsquest/contracts';
import { CircleAlert, CircleHelp, Diamond, OctagonX, TriangleAlert, type LucideIcon } from 'lucide-react';
import { Icon } from './icon';

/** A distinct shape and a word per severity: never colour alone. */
const ICONS: Record<Severity, LucideIcon> = {
  critical: OctagonX,
  major: TriangleAlert,
  minor: Diamond,
  warning: CircleAlert,
  indeterminate: CircleHelp,
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
        <Icon of={ICONS[severity]} />
      </span>
      {LABELS[severity]}
    </span>
  );
}
