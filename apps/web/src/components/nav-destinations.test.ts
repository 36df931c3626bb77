import { describe, expect, it } from 'vitest';
import { ROLES } from '@opsquest/contracts';
import { destinationsFor, MAX_TABS, splitTabs } from './nav-destinations';

const paths = (list: { to: string }[]): string[] => list.map((d) => d.to);

describe('navigation destinations by role', () => {
  it('gives a technician four tabs: Jobs, Ranks (the leaderboard), Missions, Profile, and nothing under More', () => {
    const { tabs, more } = splitTabs(destinationsFor('technician'));
    expect(tabs.map((t) => t.shortLabel)).toEqual(['Jobs', 'Ranks', 'Missions', 'Profile']);
    expect(more).toEqual([]);
  });

  it('shows the admin all ten places in the top navigation, and four tabs plus More on a phone', () => {
    const all = destinationsFor('admin');
    expect(paths(all)).toEqual(['/console', '/leaderboard', '/missions', '/dashboard', '/network', '/planned-work', '/rules', '/profile', '/wall', '/admin']);
    const { tabs, more } = splitTabs(all);
    expect(paths(tabs)).toEqual(['/console', '/dashboard', '/leaderboard', '/missions']);
    expect(paths(more)).toEqual(['/profile', '/wall', '/network', '/planned-work', '/rules', '/admin']);
  });

  it('offers the network pages (health, customers) to leads and admins', () => {
    for (const role of ['lead', 'admin'] as const) expect(paths(destinationsFor(role))).toContain('/network');
    for (const role of ['engineer', 'technician'] as const) expect(paths(destinationsFor(role))).not.toContain('/network');
  });

  it('keeps every destination reachable, in at most five tabs, for every role', () => {
    for (const role of ROLES) {
      const all = destinationsFor(role);
      const { tabs, more } = splitTabs(all);
      expect(tabs.length + (more.length > 0 ? 1 : 0)).toBeLessThanOrEqual(MAX_TABS);
      expect([...paths(tabs), ...paths(more)].sort()).toEqual(paths(all).sort());
      expect(paths(all)).toContain('/profile');
    }
  });

  it('links the console of a lead or an admin at /console, since "/" lands them on the dashboard', () => {
    for (const role of ['lead', 'admin'] as const) expect(paths(destinationsFor(role))[0]).toBe('/console');
    for (const role of ['engineer', 'technician'] as const) expect(paths(destinationsFor(role))[0]).toBe('/');
  });

  it('never offers the wall to a technician nor the rules to an engineer', () => {
    expect(paths(destinationsFor('technician'))).not.toContain('/wall');
    expect(paths(destinationsFor('engineer'))).not.toContain('/rules');
  });
});
