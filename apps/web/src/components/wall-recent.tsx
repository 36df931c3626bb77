import type { FeedItem } from '@opsquest/contracts';
import { formatSignedPoints, formatWhen } from '../lib/format';
import { FEED_ICONS } from '../lib/feed-icons';
import { withoutEmoji } from '../lib/without-emoji';
import { Icon } from './icon';

/** The latest awards, badges and level-ups, newest first. */
export function WallRecent({ items }: { items: readonly FeedItem[] }) {
  return (
    <section className="wall-card wall-recent" aria-label="Recent awards" data-testid="wall-recent">
      <h2 className="wall-card__title">Just now</h2>
      {items.length === 0 ? (
        <p className="wall-card__empty">Awards and badges appear here as they are earned.</p>
      ) : (
        <ol className="wall-recent__list">
          {items.map((item) => (
            <li key={item.id} className={`wall-recent__item wall-recent__item--${item.kind}`} data-testid="wall-recent-item">
              <span className="wall-recent__icon" aria-hidden="true">
                <Icon of={FEED_ICONS[item.kind]} />
              </span>
              <span className="wall-recent__text">{withoutEmoji(item.text)}</span>
              {item.points !== undefined && item.points !== 0 && (
                <span className={`wall-recent__points${item.points < 0 ? ' wall-recent__points--negative' : ''}`}>{formatSignedPoints(item.points)}</span>
              )}
              <time className="wall-recent__when" dateTime={item.at}>
                {formatWhen(item.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
