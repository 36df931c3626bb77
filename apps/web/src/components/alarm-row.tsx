import { useId, type Ref } from 'react';
import { Link } from 'react-router';
import { Circle, CircleCheck, Layers } from 'lucide-react';
import type { WorkAction, WorkItemView } from '@opsquest/contracts';
import { useWorkItemAction } from '../api/work-items.queries';
import { mayUnacknowledge } from '../lib/may-unacknowledge';
import { pendingActionsStore, pendingFor, usePendingActions } from '../stores/pending-actions.store';
import { useSignedInUser } from '../stores/session.store';
import { ActionButton } from './action-button';
import { pendingVerb } from './pending-undo-bar';
import { Icon } from './icon';
import { RowReward } from './row-reward';
import { formatNumber } from '../lib/format';
import { SeverityLabel } from './severity-label';
import { SlaCountdown } from './sla-countdown';
import { IncidentChildTag, PlannedTag } from './planned-tag';

interface AlarmRowProps {
  alarm: WorkItemView;
  /** the keyboard cursor is on this row (j/k) */
  current?: boolean;
  /** the cursor is here because the list changed, not because the person chose it: keys do nothing */
  unchosen?: boolean;
  checked?: boolean;
  onCheckedChange?: (id: number, checked: boolean) => void;
  /** focus moved into the row (click, Tab): the cursor follows */
  onFocusRow?: (id: number) => void;
  rowRef?: Ref<HTMLLIElement>;
  /** an incident's root: how many of its alarms are folded under it, whether they are shown, and the switch */
  incident?: { children: number; open: boolean; onToggle: () => void };
}

export function AlarmRow({ alarm, current = false, unchosen = false, checked = false, onCheckedChange, onFocusRow, rowRef, incident }: AlarmRowProps) {
  const titleId = useId();
  const user = useSignedInUser();
  const { act, actLater, isPending, pendingAction } = useWorkItemAction();
  const waiting = usePendingActions((state) => pendingFor(state, alarm.id));
  const onAct = (action: WorkAction): void => {
    if (action === 'acknowledge' || action === 'clear') actLater(alarm, action);
    else act(alarm.id, { action });
  };
  const buttons = { describedBy: titleId, busy: isPending || waiting !== undefined, pendingAction, onAct };
  const acknowledged = alarm.ackState === 'acknowledged';
  const place = [alarm.site, alarm.region].filter((v) => v !== undefined && v !== '').join(' · ');
  return (
    <li
      ref={rowRef}
      tabIndex={-1}
      className={`item item--alarm alarm-row${acknowledged ? ' item--acknowledged' : ''}${current ? ' alarm-row--current' : ''}${current && unchosen ? ' alarm-row--unchosen' : ''}${waiting ? ' alarm-row--pending' : ''}${checked ? ' alarm-row--checked' : ''}`}
      data-testid="alarm-row"
      data-id={alarm.id}
      data-severity={alarm.severity ?? 'indeterminate'}
      data-ack-state={alarm.ackState ?? 'unacknowledged'}
      data-current={current || undefined}
      data-chosen={current ? !unchosen : undefined}
      data-pending-action={waiting?.action}
      aria-current={current || undefined}
      aria-labelledby={titleId}
      aria-busy={isPending}
      onFocus={() => onFocusRow?.(alarm.id)}
      // a click on the row that already has focus (put there when the list changed) chooses it
      onMouseDown={() => {
        if (current) onFocusRow?.(alarm.id);
      }}
    >
      <RowReward itemKey={alarm.key} />
      {onCheckedChange && (
        <label className="alarm-row__check">
          <input type="checkbox" checked={checked} onChange={(e) => onCheckedChange(alarm.id, e.target.checked)} data-testid="alarm-select" />
          <span className="visually-hidden">Select {alarm.title}</span>
        </label>
      )}
      <div className="item__main">
        <div className="item__line">
          <SeverityLabel severity={alarm.severity ?? 'indeterminate'} />
          {alarm.maintenanceWindowId !== undefined ? <PlannedTag /> : alarm.incidentRoot === false ? <IncidentChildTag /> : <SlaCountdown sla={alarm.sla} />}
        </div>
        <h3 className="item__title" id={titleId}>
          <Link className="alarm-row__link" to={`/alarms/${alarm.id}`} data-testid="alarm-link">
            {alarm.title}
          </Link>
        </h3>
        <p className="item__meta">
          {alarm.alarmedObject !== undefined && <span className="item__object">{alarm.alarmedObject}</span>}
          {alarm.probableCause !== undefined && <span>{alarm.probableCause}</span>}
          {place !== '' && <span data-testid="alarm-place">{place}</span>}
          <span>
            {formatNumber(alarm.customersAffected)} {alarm.customersAffected === 1 ? 'customer' : 'customers'} affected
          </span>
          {alarm.serviceAffecting && <span className="tag tag--warn">Service affecting</span>}
          {alarm.vip && <span className="tag">VIP</span>}
          {alarm.count > 1 && <span className="tag">Raised ×{alarm.count}</span>}
        </p>
        {incident !== undefined && incident.children > 0 && (
          <button type="button" className="button button--ghost button--small alarm-row__incident" aria-expanded={incident.open} onClick={incident.onToggle} data-testid="incident-toggle" data-children={incident.children}>
            <Icon of={Layers} /> {incident.open ? 'Hide' : 'Show'} {formatNumber(incident.children)} more {incident.children === 1 ? 'alarm' : 'alarms'} of this incident
          </button>
        )}
        <p className="item__ack" data-testid="ack-state">
          <Icon of={acknowledged ? CircleCheck : Circle} />{' '}
          {acknowledged ? `Acknowledged${alarm.assignee ? ` by ${alarm.assignee}` : ''}` : 'Unacknowledged'}
        </p>
      </div>
      <div className="item__actions">
        {waiting ? (
          <p className="alarm-row__pending" data-testid="row-pending">
            {pendingVerb(waiting)}
            <button type="button" className="button button--secondary button--small" aria-describedby={titleId} onClick={() => pendingActionsStore.getState().undo(waiting.id)} data-testid="row-undo">
              Undo
            </button>
          </p>
        ) : acknowledged ? (
          mayUnacknowledge(alarm, user) && <ActionButton action="unacknowledge" label="Undo ack" tone="secondary" {...buttons} />
        ) : (
          <ActionButton action="acknowledge" label="Acknowledge" tone="primary" {...buttons} />
        )}
        {!waiting && <ActionButton action="clear" label="Clear" tone="success" {...buttons} />}
      </div>
    </li>
  );
}
