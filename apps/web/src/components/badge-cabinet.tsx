import type { BadgeView } from '@opsquest/contracts';
import { byEarnedThenProgress } from '../lib/badges';
import { BadgeProgress } from './badge-tile';
import '../styles/profile.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

function EarnedBadge({ badge }: { badge: BadgeView }) {
  return (
    <li className="cabinet__badge cabinet__badge--earned" data-testid="cabinet-badge" data-badge-id={badge.id} data-earned="true">
      <span className="cabinet__icon" aria-hidden="true">
        {badge.icon}
      </span>
      <p className="cabinet__name">{badge.name}</p>
      <p className="cabinet__description">{badge.description}</p>
      <p className="cabinet__status">
        <span aria-hidden="true">✔ </span>
        {badge.earnedAt !== undefined ? (
          <>
            Earned <time dateTime={badge.earnedAt}>{dateFormat.format(new Date(badge.earnedAt))}</time>
          </>
        ) : (
          'Earned'
        )}
      </p>
    </li>
  );
}

function LockedBadge({ badge }: { badge: BadgeView }) {
  return (
    <li className="cabinet__badge cabinet__badge--locked" data-testid="cabinet-badge" data-badge-id={badge.id} data-earned="false">
      <span className="cabinet__icon" aria-hidden="true">
        {badge.icon}
      </span>
      <p className="cabinet__name">
        {badge.name}
        <span className="visually-hidden">, locked</span>
      </p>
      <p className="cabinet__description">{badge.description}</p>
      <BadgeProgress badge={badge} statusClass="cabinet__status" />
    </li>
  );
}

/** Earned badges (newest first, with the date) and the locked ones (closest to earning first). */
export function BadgeCabinet({ badges }: { badges: readonly BadgeView[] }) {
  const earned = badges.filter((b) => b.earned).sort(byEarnedThenProgress);
  const locked = badges.filter((b) => !b.earned).sort(byEarnedThenProgress);
  return (
    <div className="cabinet" data-testid="badge-cabinet">
      <h3 className="cabinet__heading">
        Earned <span className="cabinet__count">({earned.length})</span>
      </h3>
      {earned.length === 0 ? (
        <p className="cabinet__empty">No badges yet: the locked ones below show how close you are.</p>
      ) : (
        <ul className="cabinet__grid" aria-label="Earned badges">
          {earned.map((badge) => (
            <EarnedBadge key={badge.id} badge={badge} />
          ))}
        </ul>
      )}
      <h3 className="cabinet__heading">
        Locked <span className="cabinet__count">({locked.length})</span>
      </h3>
      {locked.length === 0 ? (
        <p className="cabinet__empty">Every badge earned. Impressive.</p>
      ) : (
        <ul className="cabinet__grid" aria-label="Locked badges">
          {locked.map((badge) => (
            <LockedBadge key={badge.id} badge={badge} />
          ))}
        </ul>
      )}
    </div>
  );
}
