import { describe, expect, it } from 'vitest';
import { BADGE_ICON_NAMES, DEFAULT_BADGE_ICON, LEGACY_BADGE_ICONS, badgeIconNameOf, isBadgeIconName } from './badge-icons';
import { DEFAULT_BADGES } from './badges';

describe('badge icons', () => {
  it('keeps a name as it is', () => {
    for (const name of BADGE_ICON_NAMES) expect(badgeIconNameOf(name)).toBe(name);
    expect(badgeIconNameOf(' Flame ')).toBe('flame');
  });

  it('maps the emoji earlier versions stored to names, with or without a variation selector', () => {
    expect(badgeIconNameOf('🔥')).toBe('flame');
    expect(badgeIconNameOf('🚨')).toBe('siren');
    expect(badgeIconNameOf('🛡️')).toBe('shield');
    expect(badgeIconNameOf('🛡')).toBe('shield');
    expect(badgeIconNameOf('⛈️')).toBe('cloud-lightning');
    expect(badgeIconNameOf('🏅')).toBe('medal');
    expect(badgeIconNameOf('🏆')).toBe('trophy');
    expect(badgeIconNameOf('🤝')).toBe('handshake');
    expect(badgeIconNameOf('❤️')).toBe('heart');
    expect(badgeIconNameOf('🌃')).toBe('moon');
    expect(badgeIconNameOf('❔')).toBe('lock');
  });

  it('draws anything else as the default award', () => {
    expect(DEFAULT_BADGE_ICON).toBe('award');
    expect(badgeIconNameOf('🧹')).toBe('award');
    expect(badgeIconNameOf('')).toBe('award');
    expect(badgeIconNameOf('not-an-icon')).toBe('award');
    expect(badgeIconNameOf('<svg onload=alert(1)>')).toBe('award');
  });

  it('maps every legacy emoji to a name of the set', () => {
    for (const name of Object.values(LEGACY_BADGE_ICONS)) expect(isBadgeIconName(name)).toBe(true);
  });

  it('gives every default badge a name of the set, not an emoji', () => {
    for (const badge of DEFAULT_BADGES) expect(isBadgeIconName(badge.icon), `${badge.id}: ${badge.icon}`).toBe(true);
  });
});
