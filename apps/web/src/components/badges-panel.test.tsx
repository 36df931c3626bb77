// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import type { BadgeView, MeView } from '@opsquest/contracts';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { queryKeys } from '../api/query-keys';
import { BadgesPanel } from './badges-panel';

function badge(id: string, progress: number, earnedAt?: string): BadgeView {
  return { id, name: `Badge ${id}`, description: `About ${id}`, icon: 'star', threshold: 10, progress, earned: earnedAt !== undefined, ...(earnedAt ? { earnedAt } : {}) };
}

function me(badges: BadgeView[]): MeView {
  return {
    id: 'p-eng',
    username: 'eng',
    displayName: 'Eve Engineer',
    role: 'engineer',
    team: null,
    points: 120,
    pointsToday: 10,
    level: { level: 2, title: 'Rookie', xp: 120, levelStartXp: 100, nextLevelXp: 300, progressPct: 10 },
    streak: { current: 1, best: 3, atRisk: false, freezes: 0, freezeCoversToday: false },
    badges,
    playsGame: true,
    heldPoints: 0,
  };
}

function renderPanel(badges: BadgeView[]): void {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(queryKeys.me(), me(badges));
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <BadgesPanel />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const shownIds = (): (string | null)[] => screen.getAllByTestId('badge').map((tile) => tile.getAttribute('data-badge-id'));

describe('BadgesPanel: a glance beside the console', () => {
  afterEach(() => cleanup());

  it('shows the two newest badges earned and the three goals closest to hand, and links to the whole cabinet', () => {
    renderPanel([
      badge('old', 10, '2026-11-01T10:00:00Z'),
      badge('far', 1),
      badge('newest', 10, '2026-11-20T10:00:00Z'),
      badge('close', 9),
      badge('middle', 5),
      badge('newer', 10, '2026-11-10T10:00:00Z'),
      badge('nearly', 8),
    ]);
    expect(shownIds()).toEqual(['newest', 'newer', 'close', 'nearly', 'middle']);
    expect(screen.getByText('3 of 7 earned')).toBeTruthy();
    expect(screen.getByTestId('all-badges').getAttribute('href')).toBe('/profile');
  });

  it('offers only the next tier of a family as a goal, and never a hidden badge', () => {
    const tier = (id: string, tierName: 'bronze' | 'silver' | 'gold', threshold: number, progress: number, earnedAt?: string): BadgeView => ({
      ...badge(id, progress, earnedAt),
      threshold,
      tier: tierName,
      family: 'fixer',
    });
    const secret: BadgeView = { id: 'hidden-1', name: 'Hidden badge', description: 'A surprise', icon: '❔', threshold: 1, progress: 0, earned: false, hidden: true };
    renderPanel([tier('fixer', 'bronze', 5, 5, '2026-11-20T10:00:00Z'), tier('fixer-silver', 'silver', 25, 12), tier('fixer-gold', 'gold', 75, 12), secret, badge('far', 1)]);
    expect(shownIds()).toEqual(['fixer', 'fixer-silver', 'far']);
    expect(screen.getAllByTestId('badge')[1]?.textContent).toContain('Silver');
    expect(screen.queryByText('Hidden badge')).toBeNull();
  });

  it('shows everything, without the link, when there is little to show', () => {
    renderPanel([badge('a', 2), badge('b', 10, '2026-11-20T10:00:00Z')]);
    expect(shownIds()).toEqual(['b', 'a']);
    expect(screen.queryByTestId('all-badges')).toBeNull();
  });
});
