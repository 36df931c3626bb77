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

export type BadgeTier = NonNullable<BadgeView['tier']>;
export const TIERS: readonly BadgeTier[] = ['bronze', 'silver', 'gold'];

/** A hidden badge not yet earned: the server sends no name, description or progress for it. */
export function isSecret(badge: BadgeView): boolean {
  return badge.hidden === true && !badge.earned;
}

/** A tier family: its tiers from the lowest threshold up, and the first tier not yet earned. */
export interface BadgeFamily {
  id: string;
  tiers: BadgeView[];
  next: BadgeView | undefined;
}

/** Badges that belong to a tier family (two or more tiers), grouped; everything else stays single. */
export function groupBadges(badges: readonly BadgeView[]): { families: BadgeFamily[]; singles: BadgeView[] } {
  const byFamily = new Map<string, BadgeView[]>();
  for (const badge of badges) {
    if (badge.family === undefined || isSecret(badge)) continue;
    byFamily.set(badge.family, [...(byFamily.get(badge.family) ?? []), badge]);
  }
  const families: BadgeFamily[] = [];
  const grouped = new Set<string>();
  for (const [id, list] of byFamily) {
    if (list.length < 2) continue;
    const tiers = [...list].sort((a, b) => a.threshold - b.threshold);
    for (const t of tiers) grouped.add(t.id);
    families.push({ id, tiers, next: tiers.find((t) => !t.earned) });
  }
  return { families, singles: badges.filter((b) => !grouped.has(b.id)) };
}

/**
 * Badges worth working towards: every locked badge except hidden ones, and of a tier family only
 * the next tier (silver once bronze is earned), closest to being earned first.
 */
export function nextGoals(badges: readonly BadgeView[]): BadgeView[] {
  const nextOfFamily = new Map<string, BadgeView>();
  for (const badge of badges) {
    if (badge.earned || isSecret(badge) || badge.family === undefined) continue;
    const known = nextOfFamily.get(badge.family);
    if (known === undefined || badge.threshold < known.threshold) nextOfFamily.set(badge.family, badge);
  }
  return badges
    .filter((b) => !b.earned && !isSecret(b) && b.threshold > 0 && (b.family === undefined || nextOfFamily.get(b.family) === b))
    .sort(byEarnedThenProgress);
}
