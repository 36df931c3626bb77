import type { BadgeView } from '@opsquest/contracts';
import { Check, CircleCheck } from 'lucide-react';
import { badgeShare, isSecret } from '../lib/badges';
import { formatNumber, formatWhen, humanize } from '../lib/format';
import { BadgeIcon } from './badge-icon';
import { Icon } from './icon';

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

/** "Silver" chip beside a tiered badge's name. */
export function TierChip({ tier, earned }: { tier: NonNullable<BadgeView['tier']>; earned: boolean }) {
  return (
    <span className={`tier-chip tier-chip--${tier}${earned ? ' tier-chip--earned' : ''}`} data-tier={tier} data-earned={earned}>
      {earned && <Icon of={Check} className="icon--lead" />}
      {humanize(tier)}
      <span className="visually-hidden">{earned ? ' tier, earned' : ' tier, locked'}</span>
    </span>
  );
}

/** One badge in a list: earned with its date, locked with its progress, or a hidden one still secret. */
export function BadgeTile({ badge, testId }: { badge: BadgeView; testId: string }) {
  const secret = isSecret(badge);
  return (
    <li className={`badge${badge.earned ? ' badge--earned' : ' badge--locked'}`} data-testid={testId} data-badge-id={badge.id} data-earned={badge.earned} data-hidden={badge.hidden === true}>
      <span className="badge__icon" aria-hidden="true">
        <BadgeIcon icon={badge.icon} />
      </span>
      <div className="badge__body">
        <p className="badge__name">
          {badge.name}
          {badge.tier !== undefined && !secret && (
            <>
              {' '}
              <TierChip tier={badge.tier} earned={badge.earned} />
            </>
          )}
          <span className="visually-hidden">{badge.earned ? ', earned' : ', locked'}</span>
        </p>
        <p className="badge__description">{badge.description}</p>
        {badge.proposedByName !== undefined && <p className="badge__proposer">Proposed by {badge.proposedByName}</p>}
        {badge.earned ? (
          <p className="badge__status">
            <Icon of={CircleCheck} className="icon--lead" />
            Earned{badge.earnedAt !== undefined ? ` ${formatWhen(badge.earnedAt)}` : ''}
          </p>
        ) : secret ? (
          <p className="badge__status">Hidden until earned</p>
        ) : (
          <BadgeProgress badge={badge} />
        )}
      </div>
    </li>
  );
}
