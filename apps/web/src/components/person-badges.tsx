import type { BadgeView } from '@opsquest/contracts';
import { byEarnedThenProgress } from '../lib/badges';
import { BadgeTile } from './badge-tile';
import { Panel } from './panel';

/** Someone's badges (the person view): earned with their date, locked with progress. */
export function PersonBadges({ badges }: { badges: readonly BadgeView[] }) {
  const sorted = [...badges].sort(byEarnedThenProgress);
  const earned = sorted.filter((b) => b.earned).length;
  return (
    <Panel title="Badges" meta={`${earned} of ${badges.length} earned`} testId="person-badges">
      <ul className="badges">
        {sorted.map((badge) => (
          <BadgeTile key={badge.id} badge={badge} testId="person-badge" />
        ))}
      </ul>
    </Panel>
  );
}
