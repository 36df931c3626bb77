import { useId, type Ref } from 'react';
import { Link } from 'react-router';
import type { WorkItemView } from '@opsquest/contracts';
import type { WorkAction } from '@opsquest/contracts';
import { useWorkItemAction } from '../api/work-items.queries';
import { ActionButton } from './action-button';
import { formatNumber } from '../lib/format';
import { SeverityLabel } from './severity-label';
import { SlaCountdown } from './sla-countdown';

interface AlarmRowProps {
  alarm: WorkItemView;
  /** the keyboard cursor is on this row (j/k) */
  current?: boolean;
  checked?: boolean;
  onCheckedChange?: (id: number, checked: boolean) => void;
  /** focus moved into the row (click, Tab): the cursor follows */
  onFocusRow?: (id: number) => void;
  rowRef?: Ref<HTMLLIElement>;
}

export function AlarmRow({ alarm, current = false, checked = false, onCheckedChange, onFocusRow, rowRef }: AlarmRowProps) {
  const titleId = useId();
  const { act, isPending, pendingAction } = useWorkItemAction();
  const buttons = { describedBy: titleId, busy: isPending, pendingAction, onAct: (action: WorkAction) => act(alarm.id, { action }) };
  const acknowledged = alarm.ackState === 'acknowledged';
  const place = [alarm.site, alarm.region].filter((v) => v !== undefined && v !== '').join(' · ');
  return (
    <li
      ref={rowRef}
      tabIndex={-1}
      className={`item item--alarm alarm-row${acknowledged ? ' item--acknowledged' : ''}${current ? ' alarm-row--current' : ''}${checked ? ' alarm-row--checked' : ''}`}
      data-testid="alarm-row"
      data-id={alarm.id}
      data-severity={alarm.severity ?? 'indeterminate'}
      data-ack-state={alarm.ackState ?? 'unacknowledged'}
      data-current={current || undefined}
      aria-current={current || undefined}
      aria-labelledby={titleId}
      aria-busy={isPending}
      onFocus={() => onFocusRow?.(alarm.id)}
    >
      {onCheckedChange && (
        <label className="alarm-row__check">
          <input type="checkbox" checked={checked} onChange={(e) => onCheckedChange(alarm.id, e.target.checked)} data-testid="alarm-select" />
          <span className="visually-hidden">Select {alarm.title}</span>
        </label>
      )}
      <div className="item__main">
        <div className="item__line">
          <SeverityLabel severity={alarm.severity ?? 'indeterminate'} />
          <SlaCountdown sla={alarm.sla} />
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
        <p className="item__ack" data-testid="ack-state">
          <span aria-hidden="true">{acknowledged ? '✔ ' : '○ '}</span>
          {acknowledged ? `Acknowledged${alarm.assignee ? ` by ${alarm.assignee}` : ''}` : 'Unacknowledged'}
        </p>
      </div>
      <div className="item__actions">
        {acknowledged ? (
          <ActionButton action="unacknowledge" label="Undo ack" tone="secondary" {...buttons} />
        ) : (
          <ActionButton action="acknowledge" label="Acknowledge" tone="primary" {...buttons} />
        )}
        <ActionButton action="clear" label="Clear" tone="success" {...buttons} />
      </div>
    </li>
  );
}
