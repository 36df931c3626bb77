import { useLedger } from '../api/me.queries';
import { LedgerList } from './ledger-list';
import { Panel } from './panel';
import { EmptyState, ErrorState, LoadingState } from './query-states';

/** My points, entry by entry, each with the reason it was given (or taken back). */
export function PointsHistory() {
  const ledger = useLedger();
  return (
    <Panel title="My points history" testId="points-history">
      {ledger.isPending ? (
        <LoadingState label="Loading your points…" />
      ) : ledger.isError ? (
        <ErrorState title="Could not load your points history" error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : ledger.data.length === 0 ? (
        <EmptyState title="No points yet">Acknowledge, clear or complete work to earn your first points.</EmptyState>
      ) : (
        <LedgerList entries={ledger.data} testId="ledger-entry" />
      )}
    </Panel>
  );
}
