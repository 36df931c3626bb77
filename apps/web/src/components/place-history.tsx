import { Link } from 'react-router';
import type { PlaceHistoryEntry } from '@opsquest/contracts';
import { formatNumber, formatWhen, humanize } from '../lib/format';

const STREAM_NAMES = { alarm: 'Fault (alarm)', truckroll: 'Visit', order: 'Order' } as const;

/** What came of an item, in words: open, or how it closed and who closed it. */
export function outcomeText(entry: PlaceHistoryEntry): string {
  if (entry.open) return entry.status === 'open' || entry.status === 'raised' ? 'Open' : `Open: ${humanize(entry.status).toLowerCase()}`;
  const by = entry.resolvedBy !== null ? ` by ${entry.resolvedBy}` : '';
  if (entry.stream === 'truckroll' && entry.status === 'completed') {
    const fix = entry.firstTimeFix === true ? ', fixed first time' : entry.firstTimeFix === false ? ', not fixed first time' : '';
    return `Completed${by}${fix}`;
  }
  if (entry.stream === 'alarm' && entry.status === 'cleared') return entry.resolvedBy !== null ? `Cleared${by}` : 'Cleared by the network';
  return `${humanize(entry.status)}${by}`;
}

/** One customer's or site's items in the last 90 days, newest first. */
export function PlaceHistory({ entries, caption }: { entries: readonly PlaceHistoryEntry[]; caption: string }) {
  return (
    <div className="place-history table-scroll" tabIndex={0} role="region" aria-label={caption} data-testid="place-history">
      <table className="data-table">
        <caption className="place-history__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Opened</th>
            <th scope="col">Kind</th>
            <th scope="col">Item</th>
            <th scope="col">Outcome</th>
            <th scope="col">Closed</th>
            <th scope="col" className="network-table__num">
              Customers
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.itemId} data-testid="place-history-row" data-stream={e.stream}>
              <td>
                <time dateTime={e.openedAt}>{formatWhen(e.openedAt)}</time>
              </td>
              <td>{STREAM_NAMES[e.stream]}</td>
              <th scope="row" className="place-history__title">
                {e.stream === 'alarm' ? <Link to={`/alarms/${e.itemId}`}>{e.title || 'Alarm'}</Link> : e.title || humanize(e.stream)}
                {e.site !== null && e.customer !== null && !e.title.includes(e.site) && <span className="place-history__where"> · {e.site}</span>}
              </th>
              <td>{outcomeText(e)}</td>
              <td>{e.closedAt !== null ? <time dateTime={e.closedAt}>{formatWhen(e.closedAt)}</time> : '—'}</td>
              <td className="network-table__num">{formatNumber(e.customersAffected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
