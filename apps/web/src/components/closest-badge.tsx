import type { BadgeView } from '@opsquest/contracts';
import { badgeShare, nextGoals } from '../lib/badges';
import { formatNumber } from '../lib/format';
import { BadgeIcon } from './badge-icon';

const share = badgeShare;

/** The locked badge with the highest progress / threshold (ties: the fewest steps left). */
export function closestBadge(badges: readonly BadgeView[]): BadgeView | undefined {
  let best: BadgeView | undefined;
  // Of a tier family only the next tier counts; hidden badges are never a goal.
  for (const badge of nextGoals(badges)) {
    if (
      best === undefined ||
      share(badge) > share(best) ||
      (share(badge) === share(best) && badge.threshold - badge.progress < best.threshold - best.progress)
    ) {
      best = badge;
    }
  }
  return best;
}

/** "Closest badge": the one I am nearest to earning, with its progress bar. */
export function ClosestBadge({ badges }: { badges: readonly BadgeView[] }) {
  const badge = closestBadge(badges);
  if (badge === undefined) {
    return (
      <div className="closest-badge" data-testid="closest-badge">
        <span className="closest-badge__label">Next badge</span>
        <p className="closest-badge__name">All badges earned</p>
      </div>
    );
  }
  const progress = Math.min(badge.progress, badge.threshold);
  const pct = Math.round(share(badge) * 100);
  return (
    <div className="closest-badge" data-testid="closest-badge" data-badge-id={badge.id}>
      <span className="closest-badge__label">Next badge</span>
      <p className="closest-badge__name">
        <span className="closest-badge__icon" aria-hidden="true">
          <BadgeIcon icon={badge.icon} />
        </span>
        {badge.name}
        <span className="closest-badge__count">
          {formatNumber(progress)} / {formatNumber(badge.threshold)}
        </span>
      </p>
      <div
        className="progress progress--small"
        role="progressbar"
        aria-label={`${badge.name}: ${badge.description}`}
        aria-valuemin={0}
        aria-valuemax={badge.threshold}
        aria-valuenow={progress}
        aria-valuetext={`${formatNumber(progress)} of ${formatNumber(badge.threshold)}`}
      >
        <span className="progress__fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
