import { useId, useState } from 'react';
import { Check, RefreshCw } from 'lucide-react';
import type { WorkItemView } from '@opsquest/contracts';
import { queueFieldAction } from '../hooks/use-outbox-sync';
import { optimisticChecklist } from '../lib/field-checklist';
import { formatWindow, humanize } from '../lib/format';
import { optimisticStatus, type FieldAction, type OutboxEntry } from '../lib/outbox';
import { JobAddress } from './job-address';
import { JobChecklist } from './job-checklist';
import { JobContact } from './job-contact';
import { JobFinishForm } from './job-finish-form';
import { JobNextAction } from './job-next-action';
import { RowReward } from './row-reward';
import { SlaCountdown } from './sla-countdown';
import '../styles/field.css';

/** open -> dispatched -> onSite -> completed | unableToComplete; steps may be skipped, never undone. */
const STAGE: Record<string, number> = { open: 0, dispatched: 1, onSite: 2, completed: 3, unableToComplete: 3 };
/** The technician's words for the states (the work order's are dispatched, onSite, ...). */
const STATUS_LABEL: Record<string, string> = { open: 'To do', dispatched: 'On the way', onSite: 'On site' };
const STEPS = [
  { stage: 1, label: 'On the way' },
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
  const finishId = useId();
  const [finishOpen, setFinishOpen] = useState(false);
  const status = optimisticStatus(visit.status, pending);
  const stage = STAGE[status] ?? 0;
  const closed = stage >= 3;
  const waiting = pending.length > 0;
  const appointment = formatWindow(visit.appointmentStart, visit.appointmentEnd);
  const where = [visit.site, visit.region].filter((part) => part !== undefined).join(', ');
  const checklist = optimisticChecklist(visit.checklist, pending);
  const act = (action: FieldAction, extra: { firstTimeFix?: boolean; notes?: string } = {}): void =>
    queueFieldAction(username, visit, { action, ...extra });
  const tick = (checklistItemId: string, done: boolean): void => queueFieldAction(username, visit, { action: 'tickChecklist', checklistItemId, done });

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
      <RowReward itemKey={visit.key} />
      <div className="item__main field-card__head">
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
            {STATUS_LABEL[status] ?? humanize(status)}
          </span>
          {waiting && (
            <span className="tag field-card__waiting" data-testid="sync-pending">
              <RefreshCw aria-hidden="true" size={14} />
              Waiting to sync
            </span>
          )}
          {visit.priority !== undefined && <span className="tag">P{visit.priority}</span>}
          <SlaCountdown sla={visit.sla} />
        </div>
      </div>
      {!closed && (
        <>
          <JobNextAction stage={stage} titleId={titleId} finishId={finishId} finishOpen={finishOpen} onAction={(action) => act(action)} onToggleFinish={() => setFinishOpen((open) => !open)} />
          {finishOpen && <JobFinishForm id={finishId} titleId={titleId} onComplete={(input) => act('complete', input)} onUnable={(input) => act('unableToComplete', input)} />}
        </>
      )}
      <div className="field-card__details">
        <JobAddress address={visit.address} location={visit.location} where={where} />
        <JobContact contact={visit.contact} customer={visit.customer} vip={visit.vip} accessNotes={visit.accessNotes} />
        <JobChecklist items={checklist} disabled={closed} onTick={tick} />
      </div>
      <ol className="field-steps" aria-label="Progress">
        {STEPS.map((step) => (
          <li key={step.stage} className={`field-steps__step${stage >= step.stage ? ' field-steps__step--done' : ''}`}>
            <span className="field-steps__dot" aria-hidden="true">
              {stage >= step.stage && <Check size={12} strokeWidth={3} />}
            </span>
            {step.stage === 3 && closed ? humanize(status) : step.label}
            <span className="visually-hidden">{stage >= step.stage ? ', done' : ', to do'}</span>
          </li>
        ))}
      </ol>
    </li>
  );
}
