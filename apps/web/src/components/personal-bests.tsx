import type { PersonalBests as Bests } from '@opsquest/contracts';
import { formatNumber } from '../lib/format';

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "2026-11-23" (already the organisation's local day) -> "Mon, 23 Nov 2026". */
function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

function Best({ label, value, when, testId }: { label: string; value: string; when?: string; testId: string }) {
  return (
    <div className="personal-best" data-testid={testId}>
      <dt className="personal-best__label">{label}</dt>
      <dd className="personal-best__value">
        {value}
        {when !== undefined && <span className="personal-best__when">{when}</span>}
      </dd>
    </div>
  );
}

/** My records: best day and week by points, longest streak, most work resolved in one day. */
export function PersonalBests({ bests }: { bests: Bests }) {
  return (
    <dl className="personal-bests">
      <Best
        label="Best day"
        value={bests.bestDay ? `${formatNumber(bests.bestDay.points)} points` : 'Not yet'}
        {...(bests.bestDay ? { when: formatDay(bests.bestDay.day) } : {})}
        testId="best-day"
      />
      <Best
        label="Best week"
        value={bests.bestWeek ? `${formatNumber(bests.bestWeek.points)} points` : 'Not yet'}
        {...(bests.bestWeek ? { when: `week of ${formatDay(bests.bestWeek.week)}` } : {})}
        testId="best-week"
      />
      <Best label="Longest streak" value={`${formatNumber(bests.longestStreak)} ${bests.longestStreak === 1 ? 'day' : 'days'}`} testId="best-streak" />
      <Best
        label="Most resolved in a day"
        value={bests.mostResolvedInDay ? `${formatNumber(bests.mostResolvedInDay.items)} ${bests.mostResolvedInDay.items === 1 ? 'item' : 'items'}` : 'Not yet'}
        {...(bests.mostResolvedInDay ? { when: formatDay(bests.mostResolvedInDay.day) } : {})}
        testId="best-resolved"
      />
    </dl>
  );
}
