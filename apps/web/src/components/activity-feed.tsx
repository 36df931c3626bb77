import { useFeed } from '../api/feed.queries';
import { FEED_ICONS } from '../lib/feed-icons';
import { formatSignedPoints, formatWhen } from '../lib/format';
import { withoutEmoji } from '../lib/without-emoji';
import { Icon } from './icon';
import { Panel } from './panel';
import { EmptyState, ErrorState, LoadingState } from './query-states';

/** What my team just did, newest first, prepended live. */
export function ActivityFeed() {
  const feed = useFeed();
  return (
    <Panel title="Team activity" testId="activity-feed">
      {feed.isPending ? (
        <LoadingState label="Loading activity…" />
      ) : feed.isError ? (
        <ErrorState title="Could not load the activity feed" error={feed.error} onRetry={() => void feed.refetch()} />
      ) : feed.data.length === 0 ? (
        <EmptyState title="No activity yet">Your team's work shows up here as it happens.</EmptyState>
      ) : (
        <ol className="feed">
          {feed.data.map((item) => (
            <li key={item.id} className={`feed__item feed__item--${item.kind}`} data-testid="feed-item" data-kind={item.kind}>
              <span className="feed__icon" aria-hidden="true">
                <Icon of={FEED_ICONS[item.kind]} />
              </span>
              <span className="feed__text">
                {withoutEmoji(item.text)}
                {item.points !== undefined && item.points !== 0 && <span className="feed__points"> {formatSignedPoints(item.points)}</span>}
              </span>
              <time className="feed__when" dateTime={item.at}>
                {formatWhen(item.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
