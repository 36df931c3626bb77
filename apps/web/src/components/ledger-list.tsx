import type { LedgerEntryView } from '@opsquest/contracts';
import { formatSignedPoints, formatWhen } from '../lib/format';

/** Points entries, each with its reason (reversals marked), optionally the work item, and when. */
export function LedgerList({ entries, testId, showItem = false, className = '' }: { entries: readonly LedgerEntryView[]; testId: string; showItem?: boolean; className?: string }) {
  return (
    <ol className={`ledger ${className}`.trim()}>
      {entries.map((entry) => (
        <li key={entry.entryId} className="ledger__entry" data-testid={testId}>
          <span className={`ledger__points${entry.points < 0 ? ' ledger__points--negative' : ''}`}>
            {formatSignedPoints(entry.points)}
            <span className="visually-hidden"> points</span>
          </span>
          <span className="ledger__reason">
            {entry.reason}
            {entry.reversalOf !== undefined && <span className="tag tag--small">reversal</span>}
            {showItem && (
              <>
                {' '}
                <span className="person__item-key">{entry.itemKey}</span>
              </>
            )}
          </span>
          <time className="ledger__when" dateTime={entry.at}>
            {formatWhen(entry.at)}
          </time>
        </li>
      ))}
    </ol>
  );
}
