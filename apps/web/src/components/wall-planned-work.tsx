import { Wrench } from 'lucide-react';
import { useMaintenanceWindows } from '../api/maintenance.queries';
import { useNow } from '../hooks/use-now';
import { formatWhen } from '../lib/format';
import { maintenanceStateAt, scopeText } from '../lib/maintenance-state';
import { Icon } from './icon';

/** On the wall while planned work runs: what, where, until when, and how many alarms it explains. Nothing otherwise. */
export function WallPlannedWork() {
  const windows = useMaintenanceWindows();
  const now = useNow();
  const active = (windows.data ?? []).filter((w) => maintenanceStateAt(w, now) === 'active');
  if (active.length === 0) return null;
  return (
    <section className="wall-card wall-planned" aria-label="Planned work" data-testid="wall-planned-work">
      <h2 className="wall-card__title">
        <Icon of={Wrench} /> Planned work
      </h2>
      <ul className="wall-planned__list">
        {active.slice(0, 4).map((w) => (
          <li key={w.id} className="wall-planned__item">
            <strong>{w.title}</strong>
            <span className="wall-planned__meta">
              {scopeText(w.scope)} · until {formatWhen(w.endsAt)} · {w.plannedAlarms} {w.plannedAlarms === 1 ? 'alarm' : 'alarms'} planned
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
