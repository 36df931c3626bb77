import { useLedger } from '../api/me.queries';
import { formatSignedPoints, formatWhen } from '../lib/format';
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
        <ol className="ledger">
          {ledger.data.map((entry) => (
            <li key={entry.entryId} className="ledger__entry" data-testid="ledger-entry">
              <span className={`ledger__points${entry.points < 0 ? ' ledger__points--negative' : ''}`}>{formatSignedPoints(entry.points)}</span>
              <span className="ledger__reason">
                {entry.reason}
                {entry.reversalOf !== undefined && <span className="tag tag--small">reversal</span>}
              </span>
              <time className="ledger__when" dateTime={entry.at}>
                {formatWhen(entry.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
