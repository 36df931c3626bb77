import { Link } from 'react-router';
import type { RegionHealth } from '@opsquest/contracts';
import { formatNumber } from '../lib/format';
import { OpenAlarmCells, OpenAlarmHeaders } from './network-severity-cells';

/** The name people see for a region (alarms without one are grouped apart). */
export const regionName = (region: string | null): string => (region === null ? 'No region' : region.charAt(0).toUpperCase() + region.slice(1));

/** Open alarms per region, worst first; a region's name opens its sites (?region=). */
export function NetworkRegionTable({ regions, selected }: { regions: readonly RegionHealth[]; selected: string | null }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Regions">
      <table className="data-table network-table" data-testid="region-table">
        <caption className="visually-hidden">Open alarms by region, worst first</caption>
        <thead>
          <tr>
            <th scope="col">Region</th>
            <OpenAlarmHeaders />
            <th scope="col" className="network-table__num">
              Sites
            </th>
          </tr>
        </thead>
        <tbody>
          {regions.map((r) => (
            <tr key={r.region ?? ''} data-testid="region-row" data-region={r.region ?? ''} aria-current={r.region !== null && r.region === selected ? 'true' : undefined}>
              <th scope="row">
                {r.region === null ? (
                  regionName(null)
                ) : (
                  <Link to={`?region=${encodeURIComponent(r.region)}`} replace aria-label={`${regionName(r.region)}: show its sites`}>
                    {regionName(r.region)}
                  </Link>
                )}
              </th>
              <OpenAlarmCells summary={r} />
              <td className="network-table__num">{formatNumber(r.sites)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
