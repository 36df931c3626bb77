import type { DashboardDay } from '@opsquest/contracts';
import type { CsvRow } from '../lib/csv';

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "2026-11-20" -> "Nov 20" (the day key is already the team's local day). */
export function dayLabel(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

/** One decimal at most; null (nothing closed that day) stays null. */
export function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

export const DAY_COLUMNS = ['Day', 'Opened (network)', 'Closed', 'MTTA (min)', 'MTTR (min)', 'SLA attainment (%)', 'Points', 'Active people'] as const;

/** The per-day table's cells: the same values on screen and in the CSV. */
export function dayRows(days: readonly DashboardDay[]): CsvRow[] {
  return days.map((d) => [d.day, d.opened, d.closed, round1(d.mttaMinutes), round1(d.mttrMinutes), round1(d.slaAttainmentPct), d.points, d.activePeople]);
}

function cellText(value: CsvRow[number]): string {
  return value === null || value === undefined ? '—' : String(value);
}

/** Every day of the period, oldest first like the charts; "—" where nothing closed. */
export function DashboardDayTable({ days, id }: { days: readonly DashboardDay[]; id: string }) {
  const rows = dayRows(days);
  return (
    <div className="table-scroll" id={id} tabIndex={0} role="region" aria-label="Per-day figures">
      <table className="data-table data-table--numbers" data-testid="dashboard-day-table">
        <caption className="visually-hidden">Per-day figures, oldest first</caption>
        <thead>
          <tr>
            {DAY_COLUMNS.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([day, ...cells]) => (
            <tr key={String(day)} data-testid="dashboard-day-row" data-day={String(day)}>
              <th scope="row">
                <time dateTime={String(day)}>{String(day)}</time>
              </th>
              {cells.map((cell, i) => (
                <td key={i}>{cellText(cell)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
