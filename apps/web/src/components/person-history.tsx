import type { LedgerEntryView } from '@opsquest/contracts';
import { formatSignedPoints, formatWhen } from '../lib/format';
import { Panel } from './panel';
import { EmptyState } from './query-states';

/** Someone's points, entry by entry, each with its reason and the work item it was for. */
export function PersonHistory({ entries, firstName }: { entries: readonly LedgerEntryView[]; firstName: string }) {
  const newestFirst = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Panel title="Points history" meta={entries.length > 0 ? `latest ${entries.length}, newest first` : undefined} testId="person-history">
      {entries.length === 0 ? (
        <EmptyState title="No points yet">{firstName} has not scored yet.</EmptyState>
      ) : (
        <ol className="ledger person__ledger">
          {newestFirst.map((entry) => (
            <li key={entry.entryId} className="ledger__entry" data-testid="person-ledger-entry">
              <span className={`ledger__points${entry.points < 0 ? ' ledger__points--negative' : ''}`}>
                {formatSignedPoints(entry.points)}
                <span className="visually-hidden"> points</span>
              </span>
              <span className="ledger__reason">
                {entry.reason}
                {entry.reversalOf !== undefined && <span className="tag tag--small">reversal</span>}{' '}
                <span className="person__item-key">{entry.itemKey}</span>
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
