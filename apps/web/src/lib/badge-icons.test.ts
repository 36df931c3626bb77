import { describe, expect, it } from 'vitest';
import { Award, Flame, Handshake, Lock, Shield } from 'lucide-react';
import { BADGE_ICON_NAMES } from '@opsquest/contracts';
import { BADGE_ICONS, BADGE_ICON_CHOICES, badgeIconOf } from './badge-icons';

describe('badge icons in the web app', () => {
  it('draws every name of the set, each with its own icon and a name for the picker', () => {
    expect(Object.keys(BADGE_ICONS).sort()).toEqual([...BADGE_ICON_NAMES].sort());
    expect(new Set(Object.values(BADGE_ICONS).map((i) => i.svg)).size).toBe(BADGE_ICON_NAMES.length);
    expect(new Set(Object.values(BADGE_ICONS).map((i) => i.label)).size).toBe(BADGE_ICON_NAMES.length);
    expect(BADGE_ICON_CHOICES).toEqual(BADGE_ICON_NAMES);
  });

  it('draws a name as its icon', () => {
    expect(badgeIconOf('flame')).toMatchObject({ name: 'flame', svg: Flame, label: 'Flame' });
  });

  it('draws the emoji that older databases hold as their icons', () => {
    expect(badgeIconOf('🔥').svg).toBe(Flame);
    expect(badgeIconOf('🛡️').svg).toBe(Shield);
    expect(badgeIconOf('🤝').svg).toBe(Handshake);
    expect(badgeIconOf('❔').svg).toBe(Lock);
  });

  it('draws an unknown icon as the award', () => {
    expect(badgeIconOf('🧹')).toMatchObject({ name: 'award', svg: Award });
    expect(badgeIconOf('')).toMatchObject({ name: 'award', svg: Award });
  });
});
