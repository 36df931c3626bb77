import { Link } from 'react-router';
import { Wrench } from 'lucide-react';
import { useMaintenanceWindows } from '../api/maintenance.queries';
import { useNow } from '../hooks/use-now';
import { formatWhen } from '../lib/format';
import { maintenanceStateAt, scopeText } from '../lib/maintenance-state';
import { useSignedInUser } from '../stores/session.store';
import { Icon } from './icon';

/** How soon an upcoming window is worth a line above the board. */
const SOON_MS = 12 * 3_600_000;

/**
 * Above the alarm board while planned work runs (or starts within hours): alarms raised in its scope
 * are planned and carry no clock or points, and the board says why. Live ('maintenance:changed').
 */
export function PlannedWorkBanner() {
  const { role } = useSignedInUser();
  const windows = useMaintenanceWindows();
  const now = useNow();
  const shown = (windows.data ?? []).filter((w) => {
    const state = maintenanceStateAt(w, now);
    return state === 'active' || (state === 'upcoming' && Date.parse(w.startsAt) - now <= SOON_MS);
  });
  if (shown.length === 0) return null;
  return (
    <section className="planned-work" aria-label="Planned work" data-testid="planned-work-banner">
      <p className="planned-work__title">
        <Icon of={Wrench} /> Planned work
      </p>
      <ul className="planned-work__list">
        {shown.map((w) => {
          const active = maintenanceStateAt(w, now) === 'active';
          return (
            <li key={w.id} className="planned-work__item" data-testid="planned-work-item" data-state={active ? 'active' : 'upcoming'}>
              <strong>{w.title}</strong> · {scopeText(w.scope)} · {active ? `until ${formatWhen(w.endsAt)}` : `starts ${formatWhen(w.startsAt)}`}
              {w.plannedAlarms > 0 && ` · ${w.plannedAlarms} ${w.plannedAlarms === 1 ? 'alarm' : 'alarms'} planned`}
            </li>
          );
        })}
      </ul>
      <p className="planned-work__hint">
        Alarms raised there during the window are planned work: no SLA clock, no points.{' '}
        {(role === 'lead' || role === 'admin') && <Link to="/planned-work">Manage planned work</Link>}
      </p>
    </section>
  );
}
