import type { RecurringFault } from '@opsquest/contracts';
import { formatNumber, formatWhen } from '../lib/format';
import { regionName } from './network-region-table';

interface RecurringFaultsTableProps {
  faults: readonly RecurringFault[];
  /** list the probable cause beside the site */
  byCause: boolean;
  caption: string;
}

/** Faults that keep coming back, ranked: most alarms in the last 30 days, then in 90, then the latest seen. */
export function RecurringFaultsTable({ faults, byCause, caption }: RecurringFaultsTableProps) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table network-table" data-testid="recurring-table" data-by-cause={byCause}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="network-table__num network-table__rank">
              Rank
            </th>
            <th scope="col">Site</th>
            {byCause && <th scope="col">Probable cause</th>}
            <th scope="col">Region</th>
            <th scope="col" className="network-table__num">
              Alarms, 30 days
            </th>
            <th scope="col" className="network-table__num">
              Alarms, 90 days
            </th>
            <th scope="col" className="network-table__num">
              Open now
            </th>
            <th scope="col" className="network-table__num">
              Customers affected
            </th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {faults.map((f, i) => (
            <tr key={`${f.site}|${f.probableCause ?? ''}`} data-testid="recurring-row" data-site={f.site} data-last30={f.last30Days} data-last90={f.last90Days}>
              <td className="network-table__num network-table__rank">{i + 1}</td>
              <th scope="row" className="network-table__site">
                {f.site}
              </th>
              {byCause && <td>{f.probableCause ?? 'Not given'}</td>}
              <td>{regionName(f.region)}</td>
              <td className="network-table__num network-table__strong">{formatNumber(f.last30Days)}</td>
              <td className="network-table__num">{formatNumber(f.last90Days)}</td>
              <td className={`network-table__num${f.open === 0 ? ' network-table__zero' : ''}`}>{formatNumber(f.open)}</td>
              <td className="network-table__num">{formatNumber(f.customersAffected)}</td>
              <td>
                <time dateTime={f.lastSeen}>{formatWhen(f.lastSeen)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
