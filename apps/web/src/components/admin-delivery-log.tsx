import type { DeliveryView } from '@opsquest/contracts';
import { Check, Hourglass, X, type LucideIcon } from 'lucide-react';
import { useDeliveries } from '../api/admin.queries';
import { formatWhen } from '../lib/format';
import { EmptyState, ErrorState, LoadingState } from './query-states';
import { Icon } from './icon';

const STATUS_TEXT: Record<DeliveryView['status'], { icon: LucideIcon; label: string }> = {
  delivered: { icon: Check, label: 'Delivered' },
  pending: { icon: Hourglass, label: 'Pending' },
  failed: { icon: X, label: 'Failed' },
};

function lastResult(d: DeliveryView): string {
  if (d.lastStatus !== null && d.lastError !== null) return `HTTP ${d.lastStatus} · ${d.lastError}`;
  if (d.lastStatus !== null) return `HTTP ${d.lastStatus}`;
  if (d.lastError !== null) return d.lastError;
  return 'not tried yet';
}

function When({ iso, label }: { iso: string; label: string }) {
  return (
    <span className="admin-when">
      <span className="admin-muted">{label} </span>
      <time dateTime={iso}>{formatWhen(iso)}</time>
    </span>
  );
}

function DeliveryRow({ delivery }: { delivery: DeliveryView }) {
  const status = STATUS_TEXT[delivery.status];
  return (
    <tr data-testid="delivery-row" data-status={delivery.status} data-event={delivery.eventType}>
      <th scope="row" data-label="Event">
        <code>{delivery.eventType}</code>
      </th>
      <td data-label="Status">
        <span className={`admin-status admin-status--${delivery.status}`}>
          <Icon of={status.icon} />
          {status.label}
        </span>
      </td>
      <td data-label="Attempts" className="admin-table__number">
        {delivery.attempts}
      </td>
      <td data-label="Last result" className="admin-delivery__result">
        {lastResult(delivery)}
      </td>
      <td data-label="Times">
        <span>
          <When iso={delivery.createdAt} label="Queued" />
          {delivery.deliveredAt !== null ? (
            <When iso={delivery.deliveredAt} label="Delivered" />
          ) : delivery.status === 'pending' ? (
            <When iso={delivery.nextAttemptAt} label="Next try" />
          ) : null}
        </span>
      </td>
    </tr>
  );
}

/** The last deliveries of one webhook, newest first; refreshed on demand. */
export function AdminDeliveryLog({ webhookId, name, id }: { webhookId: string; name: string; id: string }) {
  const deliveries = useDeliveries(webhookId, true);
  const updatedAt = deliveries.dataUpdatedAt;

  return (
    <div className="admin-log" id={id} data-testid="delivery-log">
      <div className="admin-log__bar">
        <h4 className="admin-log__title">Delivery log</h4>
        <p className="admin-muted admin-log__updated" role="status">
          {deliveries.isFetching ? 'Refreshing…' : updatedAt > 0 ? `Updated ${new Date(updatedAt).toLocaleTimeString()}` : ''}
        </p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void deliveries.refetch()}
          disabled={deliveries.isFetching}
          data-pending={deliveries.isFetching ? '' : undefined}
          aria-label={`Refresh the delivery log of ${name}`}
        >
          Refresh
        </button>
      </div>
      {deliveries.isPending ? (
        <LoadingState label="Loading deliveries…" />
      ) : deliveries.isError ? (
        <ErrorState title="Could not load the delivery log" error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.length === 0 ? (
        <EmptyState title="No deliveries yet">A delivery is queued when someone scores with an event this webhook listens to.</EmptyState>
      ) : (
        <div className="table-scroll admin-table-scroll" tabIndex={0} role="region" aria-label={`Deliveries of ${name}`}>
          <table className="admin-table admin-table--log">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last result</th>
                <th scope="col">Times</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.map((d) => (
                <DeliveryRow key={d.id} delivery={d} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
