import { formatNumber, formatSignedPoints } from '../lib/format';
import '../styles/profile.css';

export interface DayPoints {
  day: string;
  points: number;
}

const WIDTH = 300;
const HEIGHT = 84;
const GAP = 2;
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

function dayLabel(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

/** Points per day as plain SVG bars (negative days below the line), with a text summary for screen readers. */
export function PointsChart({ days }: { days: readonly DayPoints[] }) {
  const total = days.reduce((sum, d) => sum + d.points, 0);
  const best = days.reduce<DayPoints | undefined>((top, d) => (top === undefined || d.points > top.points ? d : top), undefined);
  const first = days.at(0);
  const last = days.at(-1);
  const activeDays = days.filter((d) => d.points !== 0).length;
  const max = Math.max(1, ...days.map((d) => d.points));
  const min = Math.min(0, ...days.map((d) => d.points));
  const span = max - min;
  const baseline = (max / span) * HEIGHT;
  const barWidth = days.length > 0 ? (WIDTH - GAP * (days.length - 1)) / days.length : WIDTH;
  const summary =
    `${formatNumber(total)} points in the last ${days.length} days, on ${activeDays} active ${activeDays === 1 ? 'day' : 'days'}` +
    (best !== undefined && best.points > 0 ? `; best day ${dayLabel(best.day)} with ${formatNumber(best.points)}` : '');

  return (
    <figure className="points-chart" data-testid="points-chart" data-total={total}>
      <svg className="points-chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={summary}>
        <line className="points-chart__axis" x1={0} x2={WIDTH} y1={baseline} y2={baseline} />
        {days.map((d, i) => {
          const height = (Math.abs(d.points) / span) * HEIGHT;
          const y = d.points >= 0 ? baseline - height : baseline;
          return (
            <rect
              key={d.day}
              className={d.points < 0 ? 'points-chart__bar points-chart__bar--negative' : 'points-chart__bar'}
              x={i * (barWidth + GAP)}
              y={y}
              width={barWidth}
              height={Math.max(d.points === 0 ? 0 : 1, height)}
            >
              <title>{`${dayLabel(d.day)}: ${formatSignedPoints(d.points)}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="points-chart__caption">
        <span>{first ? dayLabel(first.day) : ''}</span>
        <span className="points-chart__summary">{summary}</span>
        <span>{last ? dayLabel(last.day) : ''}</span>
      </figcaption>
    </figure>
  );
}
