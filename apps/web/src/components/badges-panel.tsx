import { useMe } from '../api/me.queries';
import { byEarnedThenProgress } from '../lib/badges';
import { BadgeTile } from './badge-tile';
import { Panel } from './panel';
import { ErrorState, LoadingState } from './query-states';

/** My badges beside the console: earned first, then the locked ones closest to being earned. */
export function BadgesPanel() {
  const me = useMe();
  const badges = me.data ? [...me.data.badges].sort(byEarnedThenProgress) : [];
  const earned = badges.filter((b) => b.earned).length;
  return (
    <Panel title="Badges" testId="badges" meta={me.data ? `${earned} of ${badges.length} earned` : undefined}>
      {me.isPending ? (
        <LoadingState label="Loading badges…" />
      ) : me.isError ? (
        <ErrorState title="Could not load badges" error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <ul className="badges">
          {badges.map((badge) => (
            <BadgeTile key={badge.id} badge={badge} testId="badge" />
          ))}
        </ul>
      )}
    </Panel>
  );
}
