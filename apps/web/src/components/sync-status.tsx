import { useMemo } from 'react';
import { CircleCheck, RefreshCw, TriangleAlert } from 'lucide-react';
import { Icon } from './icon';
import { syncOutboxNow, useOnline } from '../hooks/use-outbox-sync';
import { formatWhen, humanize } from '../lib/format';
import { entriesFor, useOutboxStore } from '../stores/outbox.store';
import '../styles/field.css';

function pendingText(count: number): string {
  return count === 1 ? '1 action waiting to sync' : `${count} actions waiting to sync`;
}

/** How many field actions are still on this phone, why, and the ones the server refused. */
export function SyncStatus({ username }: { username: string }) {
  const online = useOnline();
  const allEntries = useOutboxStore((state) => state.entries);
  const allFailures = useOutboxStore((state) => state.failures);
  const syncing = useOutboxStore((state) => state.syncing);
  const dismissFailure = useOutboxStore((state) => state.dismissFailure);
  const entries = useMemo(() => entriesFor({ entries: allEntries }, username), [allEntries, username]);
  const failures = useMemo(() => allFailures.filter((failure) => failure.username === username), [allFailures, username]);
  const count = entries.length;
  const tone = count > 0 ? (online ? 'pending' : 'offline') : online ? 'synced' : 'offline-synced';
  const lastError = entries[0]?.lastError;

  return (
    <section className={`sync sync--${tone}`} aria-label="Sync status" data-testid="sync-status" data-pending={count} data-online={online}>
      <div className="sync__line">
        <p className="sync__summary" role="status" aria-live="polite">
          <span className="sync__icon" aria-hidden="true">
            <Icon of={count > 0 ? RefreshCw : CircleCheck} />
          </span>
          <span data-testid="sync-summary">{count > 0 ? pendingText(count) : 'All synced'}</span>
          <span className="sync__detail">
            {online
              ? count > 0
                ? syncing
                  ? ' · sending…'
                  : lastError !== undefined
                    ? ' · no answer yet, retrying'
                    : ''
                : ''
              : count > 0
                ? ' · offline: they are kept on this phone and sent when the connection returns'
                : ' · offline: new actions are kept on this phone'}
          </span>
        </p>
        {count > 0 && online && (
          <button type="button" className="button button--secondary sync__retry" onClick={() => void syncOutboxNow()} aria-disabled={syncing || undefined}>
            Sync now
          </button>
        )}
      </div>
      {count > 0 && (
        <ol className="sync__queue" aria-label="Waiting to sync, in order">
          {entries.map((entry) => (
            <li key={entry.idempotencyKey} className="sync__entry" data-testid="outbox-entry">
              <strong>{humanize(entry.body.action)}</strong> <span className="sync__title">{entry.itemTitle}</span>{' '}
              <time className="sync__when" dateTime={entry.body.occurredAt}>
                tapped {formatWhen(entry.body.occurredAt)}
              </time>
            </li>
          ))}
        </ol>
      )}
      {failures.length > 0 && (
        <ul className="sync__failures" aria-label="Actions the server refused">
          {failures.map((failure) => (
            <li key={failure.idempotencyKey} className="sync__failure" data-testid="outbox-failure" data-status={failure.status}>
              <p>
                <strong>
                  <Icon of={TriangleAlert} /> Not synced: {humanize(failure.action)}
                </strong>{' '}
                <span className="sync__title">{failure.itemTitle}</span>
              </p>
              <p className="sync__reason">{failure.reason}</p>
              <button type="button" className="button button--ghost sync__dismiss" onClick={() => dismissFailure(failure.idempotencyKey)}>
                Dismiss<span className="visually-hidden"> the failed {humanize(failure.action)} of {failure.itemTitle}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
