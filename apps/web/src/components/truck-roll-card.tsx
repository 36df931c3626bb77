import { useId, useState } from 'react';
import type { WorkItemView } from '@opsquest/contracts';
import { queueFieldAction } from '../hooks/use-outbox-sync';
import { formatWindow, humanize } from '../lib/format';
import { optimisticStatus, type FieldAction, type OutboxEntry } from '../lib/outbox';
import { SlaCountdown } from './sla-countdown';
import '../styles/field.css';

/** open -> dispatched -> onSite -> completed | unableToComplete; steps may be skipped, never undone. */
const STAGE: Record<string, number> = { open: 0, dispatched: 1, onSite: 2, completed: 3, unableToComplete: 3 };
const STEPS = [
  { stage: 1, label: 'Dispatched' },
  { stage: 2, label: 'On site' },
  { stage: 3, label: 'Done' },
] as const;

interface TruckRollCardProps {
  visit: WorkItemView;
  /** my actions on this visit still waiting on the phone, oldest first */
  pending: readonly OutboxEntry[];
  username: string;
}

export function TruckRollCard({ visit, pending, username }: TruckRollCardProps) {
  const titleId = useId();
  const notesId = useId();
  const ftfId = useId();
  const [firstTimeFix, setFirstTimeFix] = useState(false);
  const [notes, setNotes] = useState('');
  const status = optimisticStatus(visit.status, pending);
  const stage = STAGE[status] ?? 0;
  const closed = stage >= 3;
  const waiting = pending.length > 0;
  const trimmedNotes = notes.trim();
  const notesBody = trimmedNotes === '' ? {} : { notes: trimmedNotes };
  const appointment = formatWindow(visit.appointmentStart, visit.appointmentEnd);
  const where = [visit.site, visit.region].filter((part) => part !== undefined).join(', ');
  const act = (action: FieldAction, extra: { firstTimeFix?: boolean; notes?: string } = {}): void =>
    queueFieldAction(username, visit, { action, ...extra });

  return (
    <li
      className={`item item--visit field-card${waiting ? ' field-card--waiting' : ''}${closed ? ' field-card--closed' : ''}`}
      data-testid="truckroll-row"
      data-id={visit.id}
      data-status={status}
      data-server-status={visit.status}
      data-sync={waiting ? 'pending' : 'synced'}
      aria-labelledby={titleId}
    >
      <div className="item__main">
        {appointment !== undefined && (
          <p className="field-card__when">
            <span className="visually-hidden">Appointment </span>
            {appointment}
          </p>
        )}
        <h3 className="item__title field-card__title" id={titleId}>
          {visit.title}
        </h3>
        <div className="item__line">
          <span className="tag tag--strong" data-testid="truckroll-status">
            {humanize(status)}
          </span>
          {waiting && (
            <span className="tag field-card__waiting" data-testid="sync-pending">
              <span aria-hidden="true">⟳ </span>Waiting to sync
            </span>
          )}
          {visit.priority !== undefined && <span className="tag">P{visit.priority}</span>}
          <SlaCountdown sla={visit.sla} />
        </div>
        <dl className="facts">
          {visit.customer !== undefined && (
            <div>
              <dt>Customer</dt>
              <dd>
                {visit.customer}
                {visit.vip && <span className="tag tag--small">VIP</span>}
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
        <ol className="field-steps" aria-label="Progress">
          {STEPS.map((step) => (
            <li key={step.stage} className={`field-steps__step${stage >= step.stage ? ' field-steps__step--done' : ''}`}>
              <span className="field-steps__dot" aria-hidden="true">
                {stage >= step.stage ? '✓' : ''}
              </span>
              {step.stage === 3 && closed ? humanize(status) : step.label}
              <span className="visually-hidden">{stage >= step.stage ? ', done' : ', to do'}</span>
            </li>
          ))}
        </ol>
      </div>
      {!closed && (
        <>
          {stage < 2 && (
            <div className="visit__steps field-card__steps">
              {stage < 1 && (
                <button type="button" className="button button--big button--primary" aria-describedby={titleId} onClick={() => act('dispatch')}>
                  Dispatch
                </button>
              )}
              <button type="button" className="button button--big button--primary" aria-describedby={titleId} onClick={() => act('onSite')}>
                On site
              </button>
            </div>
          )}
          <fieldset className="visit__finish field-card__finish">
            <legend>Finish the visit</legend>
            <label className="checkbox field-card__check" htmlFor={ftfId}>
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
                onClick={() => act('complete', { firstTimeFix, ...notesBody })}
              >
                Complete
              </button>
              <button type="button" className="button button--big button--danger" aria-describedby={titleId} onClick={() => act('unableToComplete', notesBody)}>
                Unable to complete
              </button>
            </div>
          </fieldset>
        </>
      )}
    </li>
  );
}
