import { formatNumber } from '../lib/format';
import { ChartSection } from './dashboard-chart';
import { dayLabel } from './dashboard-day-table';

/**
 * Points per day as plain HTML bars: this route is not code-split, so it must not pull in the
 * chart library. Heights are dynamic values (React style prop, allowed by the CSP).
 */
export function PersonPointsChart({ days }: { days: readonly { day: string; points: number }[] }) {
  const max = Math.max(1, ...days.map((d) => Math.abs(d.points)));
  const total = days.reduce((sum, d) => sum + d.points, 0);
  const active = days.filter((d) => d.points !== 0).length;
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <ChartSection
      title={`Points per day (last ${days.length} days)`}
      summary={`${formatNumber(total)} points in ${active} active ${active === 1 ? 'day' : 'days'}.`}
      table={{ columns: ['Day', 'Points'], rows: days.map((d) => [d.day, formatNumber(d.points)]) }}
      {...(active > 0 ? {} : { empty: 'No points in the last 30 days.' })}
      testId="person-points-chart"
    >
      <div className="day-bars" style={{ gridTemplateColumns: `repeat(${Math.max(1, days.length)}, minmax(0, 1fr))` }} data-testid="day-bars">
        {days.map((d) => (
          <span
            key={d.day}
            className={`day-bars__bar${d.points === 0 ? ' day-bars__bar--zero' : d.points < 0 ? ' day-bars__bar--negative' : ''}`}
            style={{ height: `${(Math.abs(d.points) / max) * 100}%` }}
            title={`${dayLabel(d.day)}: ${formatNumber(d.points)} points`}
            data-points={d.points}
          />
        ))}
      </div>
      {first && last && (
        <div className="day-bars__axis" aria-hidden="true">
          <span>{dayLabel(first.day)}</span>
          <span>{dayLabel(last.day)}</span>
        </div>
      )}
    </ChartSection>
  );
}
