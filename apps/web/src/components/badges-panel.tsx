import { Link } from 'react-router';
import { useMe } from '../api/me.queries';
import { byEarnedThenProgress, nextGoals } from '../lib/badges';
import { BadgeTile } from './badge-tile';
import { Panel } from './panel';
import { ErrorState, LoadingState } from './query-states';

/** The console shows a glance: the newest badges earned and the goals closest to hand. */
const EARNED_SHOWN = 2;
const GOALS_SHOWN = 3;

/** My badges beside the console; the whole cabinet (tiers, hidden badges) is on the profile page. */
export function BadgesPanel() {
  const me = useMe();
  const badges = me.data ? [...me.data.badges].sort(byEarnedThenProgress) : [];
  const earned = badges.filter((b) => b.earned);
  // Goals: the next tier of each family, never a hidden badge (it stays a surprise until earned).
  const shown = [...earned.slice(0, EARNED_SHOWN), ...nextGoals(badges).slice(0, GOALS_SHOWN)];
  return (
    <Panel title="Badges" testId="badges" meta={me.data ? `${earned.length} of ${badges.length} earned` : undefined}>
      {me.isPending ? (
        <LoadingState label="Loading badges…" />
      ) : me.isError ? (
        <ErrorState title="Could not load badges" error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <>
          <ul className="badges">
            {shown.map((badge) => (
              <BadgeTile key={badge.id} badge={badge} testId="badge" />
            ))}
          </ul>
          {shown.length < badges.length && (
            <p className="panel__more">
              <Link to="/profile" data-testid="all-badges">
                All {badges.length} badges, earned and locked
              </Link>
            </p>
          )}
        </>
      )}
    </Panel>
  );
}
