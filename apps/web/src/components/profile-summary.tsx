import { useMe } from '../api/me.queries';
import { useCountUp } from '../hooks/use-count-up';
import { formatNumber, formatSignedPoints, humanize } from '../lib/format';
import { LevelProgress } from './level-progress';
import { PendingPointsChip } from './pending-points-chip';
import { ErrorState, LoadingState } from './query-states';
import { StreakIndicator } from './streak-indicator';

/** Banked points, counting up when they change, with what is still pending beside them. */
function PointsStat({ points, pointsToday, owner, heldPoints }: { points: number; pointsToday: number; owner: string; heldPoints: number }) {
  const shown = useCountUp(points);
  return (
    <div className="stat" data-testid="my-points" data-points={points}>
      <span className="stat__label">Points</span>
      <span className="stat__value">
        <span className="visually-hidden">{formatNumber(points)}</span>
        <span aria-hidden="true" className="stat__counter" data-testid="my-points-shown">
          {formatNumber(shown)}
        </span>
        <PendingPointsChip owner={owner} heldPoints={heldPoints} />
      </span>
      <span className="stat__hint" data-testid="points-today">
        {formatSignedPoints(pointsToday)} today
      </span>
    </div>
  );
}

/**
 * Me at a glance: who, level, points (banked and pending), streak. Refreshed when the socket says I
 * earned something. Leads and admins who do not take part in the game get no personal game header.
 */
export function ProfileSummary() {
  const me = useMe();
  if (me.isPending) return <LoadingState label="Loading your profile…" />;
  if (me.isError) return <ErrorState title="Could not load your profile" error={me.error} onRetry={() => void me.refetch()} />;
  const { id, displayName, role, team, level, points, pointsToday, streak, playsGame, heldPoints } = me.data;
  if (!playsGame) return null;
  return (
    <section className="profile" aria-label="My progress" data-testid="profile-summary">
      <div className="profile__who">
        <p className="profile__name" data-testid="my-name">
          {displayName}
        </p>
        <p className="profile__meta">
          <span className="tag" data-testid="my-role">
            {humanize(role)}
          </span>
          <span>{team ? team.name : 'No team'}</span>
        </p>
      </div>
      <LevelProgress level={level} />
      <PointsStat points={points} pointsToday={pointsToday} owner={id} heldPoints={heldPoints} />
      <StreakIndicator streak={streak} />
    </section>
  );
}
