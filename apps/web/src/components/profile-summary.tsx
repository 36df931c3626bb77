import { useMe } from '../api/me.queries';
import { formatNumber, formatSignedPoints, humanize } from '../lib/format';
import { LevelProgress } from './level-progress';
import { ErrorState, LoadingState } from './query-states';
import { StreakIndicator } from './streak-indicator';

/** Me at a glance: who, level, points, streak. Refreshed when the socket says I earned something. */
export function ProfileSummary() {
  const me = useMe();
  if (me.isPending) return <LoadingState label="Loading your profile…" />;
  if (me.isError) return <ErrorState title="Could not load your profile" error={me.error} onRetry={() => void me.refetch()} />;
  const { displayName, role, team, level, points, pointsToday, streak } = me.data;
  return (
    <section className="profile" aria-label="My progress">
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
      <div className="stat" data-testid="my-points" data-points={points}>
        <span className="stat__label">Points</span>
        <span className="stat__value">{formatNumber(points)}</span>
        <span className="stat__hint" data-testid="points-today">
          {formatSignedPoints(pointsToday)} today
        </span>
      </div>
      <StreakIndicator streak={streak} />
    </section>
  );
}
