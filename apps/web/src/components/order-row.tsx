import { useId } from 'react';
import type { WorkItemView } from '@opsquest/contracts';
import { useWorkItemAction } from '../api/work-items.queries';
import { humanize } from '../lib/format';
import { SlaCountdown } from './sla-countdown';

export function OrderRow({ order }: { order: WorkItemView }) {
  const titleId = useId();
  const { act, isPending, pendingAction } = useWorkItemAction();
  const inProgress = order.status === 'inProgress';
  return (
    <li className="item item--order" data-testid="order-row" data-id={order.id} data-status={order.status} aria-labelledby={titleId} aria-busy={isPending}>
      <div className="item__main">
        <div className="item__line">
          {order.priority !== undefined && <span className="tag tag--strong">P{order.priority}</span>}
          <span className="tag" data-testid="order-status">
            {humanize(order.status)}
          </span>
          <SlaCountdown sla={order.sla} />
        </div>
        <h3 className="item__title" id={titleId}>
          {order.title}
        </h3>
        <p className="item__meta">
          {order.customer !== undefined && <span>{order.customer}</span>}
          {order.region !== undefined && <span>{order.region}</span>}
          {order.vip && <span className="tag">VIP</span>}
          {order.assignee !== undefined && <span>Handled by {order.assignee}</span>}
        </p>
      </div>
      <div className="item__actions">
        <button
          type="button"
          className="button button--primary"
          aria-describedby={titleId}
          disabled={inProgress}
          aria-disabled={isPending || undefined}
          data-pending={pendingAction === 'start' || undefined}
          onClick={() => act(order.id, { action: 'start' })}
        >
          Start
        </button>
        <button
          type="button"
          className="button button--success"
          aria-describedby={titleId}
          aria-disabled={isPending || undefined}
          data-pending={pendingAction === 'complete' || undefined}
          onClick={() => act(order.id, { action: 'complete' })}
        >
          Complete
        </button>
      </div>
    </li>
  );
}
