import type { SiteHealth } from '@opsquest/contracts';
import { formatWhen } from '../lib/format';
import { OpenAlarmCells, OpenAlarmHeaders } from './network-severity-cells';
import { regionName } from './network-region-table';

/** Sites with open alarms, worst first, and since when the oldest has been open. */
export function NetworkSiteTable({ sites, caption }: { sites: readonly SiteHealth[]; caption: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table network-table" data-testid="site-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">Region</th>
            <OpenAlarmHeaders />
            <th scope="col">Oldest open since</th>
          </tr>
        </thead>
        <tbody>
          {sites.map((s) => (
            <tr key={s.site} data-testid="site-row" data-site={s.site}>
              <th scope="row" className="network-table__site">
                {s.site}
              </th>
              <td>{regionName(s.region)}</td>
              <OpenAlarmCells summary={s} />
              <td>
                <time dateTime={s.oldestOpenAt}>{formatWhen(s.oldestOpenAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
