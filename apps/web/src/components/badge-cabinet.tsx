import { HIDDEN_BADGE_ICON, type BadgeView } from '@opsquest/contracts';
import { CircleCheck } from 'lucide-react';
import { byEarnedThenProgress, groupBadges, isSecret, type BadgeFamily } from '../lib/badges';
import { formatNumber } from '../lib/format';
import { BadgeProgress, TierChip } from './badge-tile';
import { BadgeIcon } from './badge-icon';
import { Icon } from './icon';
import '../styles/profile.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

function Proposer({ badge }: { badge: BadgeView }) {
  return badge.proposedByName === undefined ? null : <p className="cabinet__proposer">Proposed by {badge.proposedByName}</p>;
}

function EarnedBadge({ badge }: { badge: BadgeView }) {
  return (
    <li className="cabinet__badge cabinet__badge--earned" data-testid="cabinet-badge" data-badge-id={badge.id} data-earned="true" data-hidden={badge.hidden === true}>
      <span className="cabinet__icon" aria-hidden="true">
        <BadgeIcon icon={badge.icon} />
      </span>
      <p className="cabinet__name">{badge.name}</p>
      <p className="cabinet__description">{badge.description}</p>
      <Proposer badge={badge} />
      <p className="cabinet__status">
        <Icon of={CircleCheck} className="icon--lead" />
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
  if (isSecret(badge)) {
    // Nothing to give it away: no name, no description, no progress (the server sends none).
    return (
      <li className="cabinet__badge cabinet__badge--locked cabinet__badge--secret" data-testid="cabinet-badge" data-badge-id={badge.id} data-earned="false" data-hidden="true">
        <span className="cabinet__icon" aria-hidden="true">
          <BadgeIcon icon={HIDDEN_BADGE_ICON} />
        </span>
        <p className="cabinet__name">
          Hidden badge<span className="visually-hidden">, locked</span>
        </p>
        <p className="cabinet__description">A surprise for good work: it shows itself once earned.</p>
      </li>
    );
  }
  return (
    <li className="cabinet__badge cabinet__badge--locked" data-testid="cabinet-badge" data-badge-id={badge.id} data-earned="false">
      <span className="cabinet__icon" aria-hidden="true">
        <BadgeIcon icon={badge.icon} />
      </span>
      <p className="cabinet__name">
        {badge.name}
        <span className="visually-hidden">, locked</span>
      </p>
      <p className="cabinet__description">{badge.description}</p>
      <Proposer badge={badge} />
      <BadgeProgress badge={badge} statusClass="cabinet__status" />
    </li>
  );
}

/** A tier family in one tile: bronze, silver and gold chips (earned ones lit) and the next tier's progress. */
function FamilyBadge({ family }: { family: BadgeFamily }) {
  const first = family.tiers[0];
  if (!first) return null;
  const earned = family.tiers.filter((t) => t.earned);
  const top = earned[earned.length - 1];
  const shown = family.next ?? top ?? first;
  return (
    <li
      className={`cabinet__badge cabinet__family${earned.length > 0 ? ' cabinet__badge--earned' : ' cabinet__badge--locked'}`}
      data-testid="cabinet-family"
      data-family={family.id}
      data-earned-tiers={earned.map((t) => t.tier ?? t.id).join(' ')}
    >
      <span className="cabinet__icon" aria-hidden="true">
        <BadgeIcon icon={first.icon} />
      </span>
      <p className="cabinet__name">{top?.name ?? first.name}</p>
      <ul className="cabinet__tiers" aria-label={`${first.name} tiers`}>
        {family.tiers.map((t) => (
          <li key={t.id}>{t.tier !== undefined ? <TierChip tier={t.tier} earned={t.earned} /> : t.name}</li>
        ))}
      </ul>
      <p className="cabinet__description">{shown.description}</p>
      <Proposer badge={first} />
      {family.next ? (
        <>
          <p className="cabinet__next">
            Next: {family.next.name} ({formatNumber(family.next.threshold)})
          </p>
          <BadgeProgress badge={family.next} statusClass="cabinet__status" />
        </>
      ) : (
        <p className="cabinet__status">
          <Icon of={CircleCheck} className="icon--lead" />
          All tiers earned
        </p>
      )}
    </li>
  );
}

/**
 * Tier families (bronze, silver, gold together), then single badges: earned (newest first, with
 * the date) and locked (closest to earning first; hidden ones last, with nothing given away).
 */
export function BadgeCabinet({ badges }: { badges: readonly BadgeView[] }) {
  const { families, singles } = groupBadges(badges);
  const earned = singles.filter((b) => b.earned).sort(byEarnedThenProgress);
  const locked = singles.filter((b) => !b.earned).sort((a, b) => Number(isSecret(a)) - Number(isSecret(b)) || byEarnedThenProgress(a, b));
  return (
    <div className="cabinet" data-testid="badge-cabinet">
      {families.length > 0 && (
        <>
          <h3 className="cabinet__heading">
            Tiers <span className="cabinet__count">(bronze, silver, gold)</span>
          </h3>
          <ul className="cabinet__grid" aria-label="Tiered badges">
            {families.map((family) => (
              <FamilyBadge key={family.id} family={family} />
            ))}
          </ul>
        </>
      )}
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
