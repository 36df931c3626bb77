import { OPEN_ORDERS, useWorkItems } from '../api/work-items.queries';
import { OrderRow } from './order-row';
import { Panel } from './panel';
import { EmptyState, ErrorState, LoadingState } from './query-states';

export function OrderList() {
  const orders = useWorkItems(OPEN_ORDERS);
  return (
    <Panel title="Open orders" testId="order-list" meta={orders.data ? `${orders.data.length} open` : undefined}>
      {orders.isPending ? (
        <LoadingState label="Loading orders…" />
      ) : orders.isError ? (
        <ErrorState title="Could not load orders" error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.data.length === 0 ? (
        <EmptyState title="No open orders">New product orders appear here live.</EmptyState>
      ) : (
        <ul className="queue">
          {orders.data.map((order) => (
            <OrderRow key={order.id} order={order} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
