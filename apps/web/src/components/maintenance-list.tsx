import { useState } from 'react';
import type { MaintenanceWindowView } from '@opsquest/contracts';
import { useCancelMaintenance } from '../api/maintenance.queries';
import { useNow } from '../hooks/use-now';
import { formatRange, formatWhen } from '../lib/format';
import { maintenanceStateAt, scopeText } from '../lib/maintenance-state';

const STATE_WORDS = { active: 'Running now', upcoming: 'Upcoming', ended: 'Ended', cancelled: 'Cancelled' } as const;

/** Ending planned work early takes two clicks: never by accident. */
function CancelControl({ window: w }: { window: MaintenanceWindowView }) {
  const cancel = useCancelMaintenance();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button--secondary button--small" onClick={() => setAsking(true)} aria-label={`Cancel ${w.title}`}>
        Cancel…
      </button>
    );
  }
  return (
    <span className="maintenance-item__confirm" role="group" aria-label={`Cancel ${w.title}?`}>
      <span>End it now? Alarms raised from now on count as faults.</span>
      <button type="button" className="button button--danger button--small" disabled={cancel.isPending} onClick={() => cancel.mutate(w.id)} data-testid="maintenance-cancel-confirm">
        Yes, end it
      </button>
      <button type="button" className="button button--ghost button--small" onClick={() => setAsking(false)}>
        Keep it
      </button>
      {cancel.isError && (
        <span className="form__error" role="alert">
          {cancel.error.message}
        </span>
      )}
    </span>
  );
}

/** Planned work, one line each: what, where, when, its state now, how many alarms it marked; leads may end it early. */
export function MaintenanceList({ windows, canCancel, empty }: { windows: readonly MaintenanceWindowView[]; canCancel: boolean; empty: string }) {
  const now = useNow();
  if (windows.length === 0) return <p className="admin-muted">{empty}</p>;
  return (
    <ul className="maintenance-list">
      {windows.map((w) => {
        const state = maintenanceStateAt(w, now);
        return (
          <li key={w.id} className={`maintenance-item maintenance-item--${state}`} data-testid="maintenance-item" data-state={state}>
            <p className="maintenance-item__head">
              <span className={`tag${state === 'active' ? ' tag--strong' : ''}`}>{STATE_WORDS[state]}</span> <strong>{w.title}</strong>
              {w.reference !== null && <span className="admin-muted"> · {w.reference}</span>}
            </p>
            <p className="maintenance-item__meta">
              {scopeText(w.scope)} · {formatRange(w.startsAt, w.endsAt)}
              {w.cancelledAt !== null && ` · cancelled ${formatWhen(w.cancelledAt)}`}
            </p>
            <p className="maintenance-item__meta">
              Declared by {w.declaredBy} · {w.plannedAlarms} {w.plannedAlarms === 1 ? 'alarm' : 'alarms'} planned
            </p>
            {canCancel && (state === 'active' || state === 'upcoming') && <CancelControl window={w} />}
          </li>
        );
      })}
    </ul>
  );
}
