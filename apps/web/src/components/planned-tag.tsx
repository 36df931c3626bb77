import { Layers, Wrench } from 'lucide-react';
import { Icon } from './icon';

/** In place of the SLA countdown on an alarm raised inside a maintenance window: planned work, no clock, no points. */
export function PlannedTag() {
  return (
    <span className="tag tag--planned" data-testid="planned-tag" title="Raised inside a maintenance window: planned work, no SLA clock and no points">
      <Icon of={Wrench} /> Planned work
    </span>
  );
}

/** In place of the SLA countdown on an incident's child: the root cause's clear pays for the incident, and clears this with it. */
export function IncidentChildTag() {
  return (
    <span className="tag tag--planned" data-testid="incident-child-tag" title="Part of an incident: clearing its root cause clears this alarm and pays for the whole incident">
      <Icon of={Layers} /> Part of an incident
    </span>
  );
}
