import { useId } from 'react';
import type { WorkAction, WorkItemView } from '@opsquest/contracts';
import { useWorkItemAction } from '../api/work-items.queries';
import { ActionButton } from './action-button';
import { RowReward } from './row-reward';
import { humanize } from '../lib/format';
import { SlaCountdown } from './sla-countdown';

export function OrderRow({ order }: { order: WorkItemView }) {
  const titleId = useId();
  const { act, isPending, pendingAction } = useWorkItemAction();
  const buttons = { describedBy: titleId, busy: isPending, pendingAction, onAct: (action: WorkAction) => act(order.id, { action }) };
  const inProgress = order.status === 'inProgress';
  return (
    <li className="item item--order" data-testid="order-row" data-id={order.id} data-status={order.status} aria-labelledby={titleId} aria-busy={isPending}>
      <RowReward itemKey={order.key} />
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
        <ActionButton action="start" label="Start" tone="primary" disabled={inProgress} {...buttons} />
        <ActionButton action="complete" label="Complete" tone="success" {...buttons} />
      </div>
    </li>
  );
}
