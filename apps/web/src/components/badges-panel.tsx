import type { BadgeView } from '@opsquest/contracts';
import { useMe } from '../api/me.queries';
import { formatNumber, formatWhen } from '../lib/format';
import { Panel } from './panel';
import { ErrorState, LoadingState } from './query-states';

function BadgeTile({ badge }: { badge: BadgeView }) {
  const progress = Math.min(badge.progress, badge.threshold);
  const pct = badge.threshold > 0 ? Math.round((progress / badge.threshold) * 100) : 100;
  return (
    <li
      className={`badge${badge.earned ? ' badge--earned' : ' badge--locked'}`}
      data-testid="badge"
      data-badge-id={badge.id}
      data-earned={badge.earned}
    >
      <span className="badge__icon" aria-hidden="true">
        {badge.icon}
      </span>
      <div className="badge__body">
        <p className="badge__name">
          {badge.name}
          <span className="visually-hidden">{badge.earned ? ', earned' : ', locked'}</span>
        </p>
        <p className="badge__description">{badge.description}</p>
        {badge.earned ? (
          <p className="badge__status">
            <span aria-hidden="true">✔ </span>Earned{badge.earnedAt !== undefined ? ` ${formatWhen(badge.earnedAt)}` : ''}
          </p>
        ) : (
          <>
            <div
              className="progress progress--small"
              role="progressbar"
              aria-label={`${badge.name} progress`}
              aria-valuemin={0}
              aria-valuemax={badge.threshold}
              aria-valuenow={progress}
              aria-valuetext={`${formatNumber(progress)} of ${formatNumber(badge.threshold)}`}
            >
              <span className="progress__fill" style={{ width: `${pct}%` }} />
            </div>
            <p className="badge__status">
              {formatNumber(progress)} / {formatNumber(badge.threshold)}
            </p>
          </>
        )}
      </div>
    </li>
  );
}

/** Earned badges first, then the locked ones closest to being earned. */
function byEarnedThenProgress(a: BadgeView, b: BadgeView): number {
  if (a.earned !== b.earned) return a.earned ? -1 : 1;
  const share = (badge: BadgeView): number => (badge.threshold > 0 ? badge.progress / badge.threshold : 1);
  return share(b) - share(a);
}

export function BadgesPanel() {
  const me = useMe();
  const badges = me.data ? [...me.data.badges].sort(byEarnedThenProgress) : [];
  const earned = badges.filter((b) => b.earned).length;
  return (
    <Panel title="Badges" testId="badges" meta={me.data ? `${earned} of ${badges.length} earned` : undefined}>
      {me.isPending ? (
        <LoadingState label="Loading badges…" />
      ) : me.isError ? (
        <ErrorState title="Could not load badges" error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <ul className="badges">
          {badges.map((badge) => (
            <BadgeTile key={badge.id} badge={badge} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
