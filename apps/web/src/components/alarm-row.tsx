import { useId } from 'react';
import type { WorkItemView } from '@opsquest/contracts';
import { useWorkItemAction } from '../api/work-items.queries';
import { formatNumber } from '../lib/format';
import { SeverityLabel } from './severity-label';
import { SlaCountdown } from './sla-countdown';

export function AlarmRow({ alarm }: { alarm: WorkItemView }) {
  const titleId = useId();
  const { act, isPending, pendingAction } = useWorkItemAction();
  const acknowledged = alarm.ackState === 'acknowledged';
  return (
    <li
      className={`item item--alarm${acknowledged ? ' item--acknowledged' : ''}`}
      data-testid="alarm-row"
      data-id={alarm.id}
      data-severity={alarm.severity ?? 'indeterminate'}
      data-ack-state={alarm.ackState ?? 'unacknowledged'}
      aria-labelledby={titleId}
      aria-busy={isPending}
    >
      <div className="item__main">
        <div className="item__line">
          <SeverityLabel severity={alarm.severity ?? 'indeterminate'} />
          <SlaCountdown sla={alarm.sla} />
        </div>
        <h3 className="item__title" id={titleId}>
          {alarm.title}
        </h3>
        <p className="item__meta">
          {alarm.alarmedObject !== undefined && <span className="item__object">{alarm.alarmedObject}</span>}
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
          <button
            type="button"
            className="button button--secondary"
            aria-describedby={titleId}
            aria-disabled={isPending || undefined}
            data-pending={pendingAction === 'unacknowledge' || undefined}
            onClick={() => act(alarm.id, { action: 'unacknowledge' })}
          >
            Undo ack
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            aria-describedby={titleId}
            aria-disabled={isPending || undefined}
            data-pending={pendingAction === 'acknowledge' || undefined}
            onClick={() => act(alarm.id, { action: 'acknowledge' })}
          >
            Acknowledge
          </button>
        )}
        <button
          type="button"
          className="button button--success"
          aria-describedby={titleId}
          aria-disabled={isPending || undefined}
          data-pending={pendingAction === 'clear' || undefined}
          onClick={() => act(alarm.id, { action: 'clear' })}
        >
          Clear
        </button>
      </div>
    </li>
  );
}
