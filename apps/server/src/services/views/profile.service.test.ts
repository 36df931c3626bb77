import { describe, expect, it } from 'vitest';
import { DEFAULT_BADGES, type PersonProgress } from '@opsquest/core';
import { badgeView, HIDDEN_BADGE_NAME } from './profile.service';

const moonlight = DEFAULT_BADGES.find((b) => b.id === 'moonlight-fix');
const silver = DEFAULT_BADGES.find((b) => b.id === 'first-time-fixer-silver');
const progress = (counters: Record<string, number>, badges: Record<string, number> = {}): PersonProgress => ({
  personId: 'p-1',
  xp: 0,
  counters,
  streak: { current: 0, best: 0 },
  badges,
});

describe('badgeView', () => {
  it('withholds a hidden badge until it is earned, then shows it whole', () => {
    if (!moonlight) throw new Error('no moonlight-fix badge');
    const locked = badgeView(moonlight, progress({ 'moonlight-fix': 0 }), undefined, 1);
    expect(locked).toEqual({ id: 'hidden-2', name: HIDDEN_BADGE_NAME, description: expect.not.stringContaining('night') as unknown, icon: 'lock', threshold: 1, progress: 0, earned: false, hidden: true });
    const earnedAt = Date.parse('2026-11-20T23:30:00Z');
    expect(badgeView(moonlight, progress({ 'moonlight-fix': 1 }, { 'moonlight-fix': earnedAt }))).toMatchObject({
      id: 'moonlight-fix',
      name: 'Moonlight Fix',
      earned: true,
      earnedAt: '2026-11-20T23:30:00.000Z',
      hidden: true,
    });
  });

  it('sends a badge icon as a name of the icon set, also for an emoji stored by an earlier version', () => {
    if (!silver) throw new Error('no first-time-fixer-silver badge');
    expect(badgeView(silver, progress({})).icon).toBe('wrench');
    expect(badgeView({ ...silver, icon: '🔧' }, progress({})).icon).toBe('wrench');
    expect(badgeView({ ...silver, icon: '🛡️' }, progress({})).icon).toBe('shield');
    expect(badgeView({ ...silver, icon: '🧹' }, progress({})).icon).toBe('award');
  });

  it('reads a tier’s progress from its family’s counter and names who proposed a badge', () => {
    if (!silver) throw new Error('no silver tier');
    expect(badgeView(silver, progress({ 'first-time-fixer': 12 }))).toMatchObject({ progress: 12, threshold: 25, tier: 'silver', family: 'first-time-fixer', earned: false });
    expect(badgeView({ ...silver, proposedBy: 'p-2' }, progress({}), 'Tia Technician').proposedByName).toBe('Tia Technician');
  });
});
