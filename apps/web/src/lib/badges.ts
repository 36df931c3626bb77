import type { BadgeView } from '@opsquest/contracts';

/** How far along a badge is, 0..1 (an earned badge is 1). */
export function badgeShare(badge: BadgeView): number {
  if (badge.earned) return 1;
  return badge.threshold > 0 ? Math.min(1, badge.progress / badge.threshold) : 0;
}

/** Earned first (newest first), then locked badges closest to being earned. */
export function byEarnedThenProgress(a: BadgeView, b: BadgeView): number {
  if (a.earned !== b.earned) return a.earned ? -1 : 1;
  if (a.earned) return (b.earnedAt ?? '').localeCompare(a.earnedAt ?? '');
  return badgeShare(b) - badgeShare(a);
}
