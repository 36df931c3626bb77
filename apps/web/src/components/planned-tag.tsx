import { Wrench } from 'lucide-react';
import { Icon } from './icon';

/** In place of the SLA countdown on an alarm raised inside a maintenance window: planned work, no clock, no points. */
export function PlannedTag() {
  return (
    <span className="tag tag--planned" data-testid="planned-tag" title="Raised inside a maintenance window: planned work, no SLA clock and no points">
      <Icon of={Wrench} /> Planned work
    </span>
  );
}
