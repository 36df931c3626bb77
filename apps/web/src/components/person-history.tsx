import type { LedgerEntryView } from '@opsquest/contracts';
import { LedgerList } from './ledger-list';
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
        <LedgerList entries={newestFirst} testId="person-ledger-entry" showItem className="person__ledger" />
      )}
    </Panel>
  );
}
