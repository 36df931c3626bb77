import type { MissionView } from '@opsquest/contracts';
import { formatNumber } from '../lib/format';
import { MissionProgressBar } from './mission-progress-bar';
import { BadgeIcon } from './badge-icon';

const DATE = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

function dates(m: MissionView): string {
  return `${DATE.format(new Date(m.startsAt))} – ${DATE.format(new Date(m.endsAt))}`;
}

/** One mission: what counts, for whom, until when, the reward, who proposed it, and my progress. */
export function MissionCard({ mission }: { mission: MissionView }) {
  return (
    <article className="mission-card" data-testid="mission-card" data-mission-id={mission.id} aria-label={mission.title}>
      <header className="mission-card__header">
        <h3 className="mission-card__title">{mission.title}</h3>
        <span className="tag tag--small">{mission.scope === 'team' ? 'Team' : 'Personal'}</span>
        {mission.status !== 'active' && <span className="tag tag--small">{mission.status}</span>}
        <span className="tag tag--small" title="Mission version">
          v{mission.version}
        </span>
      </header>
      <p className="mission-card__what">{mission.criteriaText}</p>
      <dl className="mission-card__facts">
        <div>
          <dt>For</dt>
          <dd>{mission.audienceText}</dd>
        </div>
        <div>
          <dt>When</dt>
          <dd>{dates(mission)}</dd>
        </div>
        <div>
          <dt>Reward</dt>
          <dd>
            {formatNumber(mission.rewardPoints)} points
            {mission.rewardBadge && (
              <>
                {' '}
                and <BadgeIcon icon={mission.rewardBadge.icon} /> {mission.rewardBadge.name}
              </>
            )}
          </dd>
        </div>
      </dl>
      {mission.proposedBy && <p className="mission-card__proposed">Proposed by {mission.proposedBy.name}</p>}
      {mission.mine && <MissionProgressBar label={mission.title} progress={mission.mine.progress} target={mission.target} completed={mission.mine.completed} />}
    </article>
  );
}
