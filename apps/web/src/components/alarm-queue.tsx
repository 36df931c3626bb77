import type { WorkItemFilter } from '../api/query-keys';
import { QUEUE_LIMIT, useWorkItems } from '../api/work-items.queries';
import { AlarmRow } from './alarm-row';
import { Panel } from './panel';
import { EmptyState, ErrorState, LoadingState } from './query-states';

const OPEN_ALARMS: WorkItemFilter = { stream: 'alarm', state: 'open', mine: false, limit: QUEUE_LIMIT };

/** The NOC queue: open alarms, most severe and most at risk first (server order, kept on live updates). */
export function AlarmQueue() {
  const alarms = useWorkItems(OPEN_ALARMS);
  const unacknowledged = alarms.data?.filter((a) => a.ackState !== 'acknowledged').length;
  return (
    <Panel
      title="Open alarms"
      testId="alarm-queue"
      meta={alarms.data ? `${alarms.data.length} open · ${unacknowledged ?? 0} unacknowledged` : undefined}
    >
      {alarms.isPending ? (
        <LoadingState label="Loading alarms…" />
      ) : alarms.isError ? (
        <ErrorState title="Could not load the alarm queue" error={alarms.error} onRetry={() => void alarms.refetch()} />
      ) : alarms.data.length === 0 ? (
        <EmptyState title="No open alarms">The network is quiet. New alarms appear here live.</EmptyState>
      ) : (
        <ul className="queue">
          {alarms.data.map((alarm) => (
            <AlarmRow key={alarm.id} alarm={alarm} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
