import type { WorkItemFilter } from '../api/query-keys';
import { QUEUE_LIMIT, useWorkItems } from '../api/work-items.queries';
import { Panel } from './panel';
import { EmptyState, ErrorState, LoadingState } from './query-states';
import { TruckRollCard } from './truck-roll-card';

const MY_OPEN_VISITS: WorkItemFilter = { stream: 'truckroll', state: 'open', mine: true, limit: QUEUE_LIMIT };

/** A technician's own field visits, by appointment. */
export function TruckRollList() {
  const visits = useWorkItems(MY_OPEN_VISITS);
  return (
    <Panel title="My truck-rolls" testId="truckroll-list" meta={visits.data ? `${visits.data.length} open` : undefined}>
      {visits.isPending ? (
        <LoadingState label="Loading your visits…" />
      ) : visits.isError ? (
        <ErrorState title="Could not load your truck-rolls" error={visits.error} onRetry={() => void visits.refetch()} />
      ) : visits.data.length === 0 ? (
        <EmptyState title="No visits assigned to you">New truck-rolls assigned to you appear here live.</EmptyState>
      ) : (
        <ul className="queue">
          {visits.data.map((visit) => (
            <TruckRollCard key={visit.id} visit={visit} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
