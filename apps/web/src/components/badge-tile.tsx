import type { BadgeView } from '@opsquest/contracts';
import { badgeShare } from '../lib/badges';
import { formatNumber, formatWhen } from '../lib/format';

/** A locked badge's progress bar and count ("3 / 10"). */
export function BadgeProgress({ badge, statusClass = 'badge__status' }: { badge: BadgeView; statusClass?: string }) {
  const progress = Math.min(badge.progress, badge.threshold);
  return (
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
        <span className="progress__fill" style={{ width: `${Math.round(badgeShare(badge) * 100)}%` }} />
      </div>
      <p className={statusClass}>
        {formatNumber(progress)} / {formatNumber(badge.threshold)}
      </p>
    </>
  );
}

/** One badge in a list: earned with its date, or locked with its progress. */
export function BadgeTile({ badge, testId }: { badge: BadgeView; testId: string }) {
  return (
    <li className={`badge${badge.earned ? ' badge--earned' : ' badge--locked'}`} data-testid={testId} data-badge-id={badge.id} data-earned={badge.earned}>
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
          <BadgeProgress badge={badge} />
        )}
      </div>
    </li>
  );
}
