import type { DashboardDay } from '@opsquest/contracts';
import type { CsvRow } from '../lib/csv';
import { formatMinutesText } from '../lib/format';

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

/** The per-day CSV's cells: minutes as numbers (one decimal) for spreadsheets. */
export function dayRows(days: readonly DashboardDay[]): CsvRow[] {
  return days.map((d) => [d.day, d.opened, d.closed, round1(d.mttaMinutes), round1(d.mttrMinutes), round1(d.slaAttainmentPct), d.points, d.activePeople]);
}

/** The columns on screen: times read as durations ("5 h 49 min"); the CSV keeps minutes as numbers. */
const SCREEN_COLUMNS = ['Day', 'Opened (network)', 'Closed', 'MTTA', 'MTTR', 'SLA attainment (%)', 'Points', 'Active people'] as const;

function screenCells(d: DashboardDay): string[] {
  const number = (n: number | null): string => (n === null ? '—' : String(n));
  return [String(d.opened), String(d.closed), formatMinutesText(d.mttaMinutes), formatMinutesText(d.mttrMinutes), number(round1(d.slaAttainmentPct)), String(d.points), String(d.activePeople)];
}

/** Every day of the period, oldest first like the charts; "—" where nothing closed. */
export function DashboardDayTable({ days, id }: { days: readonly DashboardDay[]; id: string }) {
  return (
    <div className="table-scroll" id={id} tabIndex={0} role="region" aria-label="Per-day figures">
      <table className="data-table data-table--numbers" data-testid="dashboard-day-table">
        <caption className="visually-hidden">Per-day figures, oldest first</caption>
        <thead>
          <tr>
            {SCREEN_COLUMNS.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day} data-testid="dashboard-day-row" data-day={d.day}>
              <th scope="row">
                <time dateTime={d.day}>{d.day}</time>
              </th>
              {screenCells(d).map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
