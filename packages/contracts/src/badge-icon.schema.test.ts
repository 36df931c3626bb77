import { describe, expect, it } from 'vitest';
import { BADGE_ICON_NAMES, badgeIconSchema } from './badge-icon.schema';
import { proposeBadgeBodySchema } from './missions.schema';

const body = { name: 'Night owl', description: 'Works nights', icon: 'moon', criteria: { effect: 'resolved', counting: 'count' }, threshold: 5, bonusPoints: 10 };

describe('badge icon schema', () => {
  it('accepts every name of the set', () => {
    for (const name of BADGE_ICON_NAMES) expect(badgeIconSchema.safeParse(name).success).toBe(true);
  });

  it('refuses an emoji or an unknown name with a message that lists the names', () => {
    for (const icon of ['🌙', 'owl', '', 'MOON']) {
      const result = proposeBadgeBodySchema.safeParse({ ...body, icon });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['icon', `Choose one of the badge icons: ${BADGE_ICON_NAMES.join(', ')}`]]);
    }
    expect(proposeBadgeBodySchema.safeParse(body).success).toBe(true);
  });
});
