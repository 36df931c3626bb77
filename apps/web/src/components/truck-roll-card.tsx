import { useId, useState } from 'react';
import type { WorkItemView } from '@opsquest/contracts';
import { useWorkItemAction } from '../api/work-items.queries';
import { formatWindow, humanize } from '../lib/format';
import { SlaCountdown } from './sla-countdown';

/** open -> dispatched -> onSite -> completed | unableToComplete; steps may be skipped, never undone. */
const STAGE: Record<string, number> = { open: 0, dispatched: 1, onSite: 2 };

export function TruckRollCard({ visit }: { visit: WorkItemView }) {
  const titleId = useId();
  const notesId = useId();
  const ftfId = useId();
  const [firstTimeFix, setFirstTimeFix] = useState(false);
  const [notes, setNotes] = useState('');
  const { act, isPending, pendingAction } = useWorkItemAction();
  const stage = STAGE[visit.status] ?? 0;
  const trimmedNotes = notes.trim();
  const notesBody = trimmedNotes === '' ? {} : { notes: trimmedNotes };
  const appointment = formatWindow(visit.appointmentStart, visit.appointmentEnd);
  const where = [visit.site, visit.region].filter((part) => part !== undefined).join(', ');

  return (
    <li className="item item--visit" data-testid="truckroll-row" data-id={visit.id} data-status={visit.status} aria-labelledby={titleId} aria-busy={isPending}>
      <div className="item__main">
        <div className="item__line">
          <span className="tag tag--strong" data-testid="truckroll-status">
            {humanize(visit.status)}
          </span>
          {visit.priority !== undefined && <span className="tag">P{visit.priority}</span>}
          <SlaCountdown sla={visit.sla} />
        </div>
        <h3 className="item__title" id={titleId}>
          {visit.title}
        </h3>
        <dl className="facts">
          {appointment !== undefined && (
            <div>
              <dt>Appointment</dt>
              <dd>{appointment}</dd>
            </div>
          )}
          {visit.customer !== undefined && (
            <div>
              <dt>Customer</dt>
              <dd>
                {visit.customer}
                {visit.vip && <span className="tag"> VIP</span>}
              </dd>
            </div>
          )}
          {where !== '' && (
            <div>
              <dt>Where</dt>
              <dd>{where}</dd>
            </div>
          )}
        </dl>
      </div>
      <div className="visit__steps">
        <button
          type="button"
          className="button button--big button--primary"
          aria-describedby={titleId}
          disabled={stage >= 1}
          aria-disabled={isPending || undefined}
          data-pending={pendingAction === 'dispatch' || undefined}
          onClick={() => act(visit.id, { action: 'dispatch' })}
        >
          Dispatch
        </button>
        <button
          type="button"
          className="button button--big button--primary"
          aria-describedby={titleId}
          disabled={stage >= 2}
          aria-disabled={isPending || undefined}
          data-pending={pendingAction === 'onSite' || undefined}
          onClick={() => act(visit.id, { action: 'onSite' })}
        >
          On site
        </button>
      </div>
      <fieldset className="visit__finish">
        <legend>Finish the visit</legend>
        <label className="checkbox" htmlFor={ftfId}>
          <input id={ftfId} type="checkbox" checked={firstTimeFix} onChange={(e) => setFirstTimeFix(e.target.checked)} />
          First-time fix
        </label>
        <label className="field" htmlFor={notesId}>
          <span className="field__label">Notes</span>
          <textarea id={notesId} rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder="What you found, what you did" />
        </label>
        <div className="visit__finish-actions">
          <button
            type="button"
            className="button button--big button--success"
            aria-describedby={titleId}
            aria-disabled={isPending || undefined}
            data-pending={pendingAction === 'complete' || undefined}
            onClick={() => act(visit.id, { action: 'complete', firstTimeFix, ...notesBody })}
          >
            Complete
          </button>
          <button
            type="button"
            className="button button--big button--danger"
            aria-describedby={titleId}
            aria-disabled={isPending || undefined}
            data-pending={pendingAction === 'unableToComplete' || undefined}
            onClick={() => act(visit.id, { action: 'unableToComplete', ...notesBody })}
          >
            Unable to complete
          </button>
        </div>
      </fieldset>
    </li>
  );
}
