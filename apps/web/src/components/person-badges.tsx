import type { BadgeView } from '@opsquest/contracts';
import { formatNumber, formatWhen } from '../lib/format';
import { Panel } from './panel';

/** Earned first (newest first), then locked badges closest to being earned. */
function order(a: BadgeView, b: BadgeView): number {
  if (a.earned !== b.earned) return a.earned ? -1 : 1;
  if (a.earned) return (b.earnedAt ?? '').localeCompare(a.earnedAt ?? '');
  const share = (badge: BadgeView): number => (badge.threshold > 0 ? badge.progress / badge.threshold : 1);
  return share(b) - share(a);
}

/** Someone's badges (the person view): earned with their date, locked with progress. */
export function PersonBadges({ badges }: { badges: readonly BadgeView[] }) {
  const sorted = [...badges].sort(order);
  const earned = sorted.filter((b) => b.earned).length;
  return (
    <Panel title="Badges" meta={`${earned} of ${badges.length} earned`} testId="person-badges">
      <ul className="badges">
        {sorted.map((badge) => {
          const progress = Math.min(badge.progress, badge.threshold);
          const pct = badge.threshold > 0 ? Math.round((progress / badge.threshold) * 100) : 100;
          return (
            <li key={badge.id} className={`badge${badge.earned ? ' badge--earned' : ' badge--locked'}`} data-testid="person-badge" data-earned={badge.earned}>
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
        })}
      </ul>
    </Panel>
  );
}
