import type { ProposalView } from '@opsquest/contracts';
import { BadgeIcon } from './badge-icon';

/** What a proposal asks for, in words. */
export function ProposalSummary({ proposal }: { proposal: ProposalView }) {
  const { badge, mission } = proposal;
  return (
    <div className="proposal-summary">
      <p className="proposal-summary__title">
        {badge && <BadgeIcon icon={badge.icon} className="icon--lead" />}
        <strong>{proposal.title}</strong> <span className="tag tag--small">{proposal.kind === 'badge' ? 'Badge' : 'Mission'}</span>
      </p>
      {badge && (
        <p className="proposal-summary__what">
          {badge.description} {badge.criteriaText}; earned at {badge.threshold}; bonus {badge.bonusPoints} points.
        </p>
      )}
      {mission && (
        <p className="proposal-summary__what">
          {mission.criteriaText}
          {mission.target !== undefined ? `; target ${mission.target}` : ''}
          {mission.rewardPoints !== undefined ? `; reward ${mission.rewardPoints} points` : ''}.
        </p>
      )}
      <p className="proposal-summary__by">Proposed by {proposal.proposedBy.name}</p>
    </div>
  );
}
