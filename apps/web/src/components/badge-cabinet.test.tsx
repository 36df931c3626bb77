// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import type { BadgeView } from '@opsquest/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { BadgeCabinet } from './badge-cabinet';

const tier = (id: string, t: 'bronze' | 'silver' | 'gold', threshold: number, progress: number, earnedAt?: string): BadgeView => ({
  id,
  name: `Fixer ${t}`,
  description: `Fix ${threshold}`,
  icon: '🔧',
  threshold,
  progress,
  earned: earnedAt !== undefined,
  ...(earnedAt ? { earnedAt } : {}),
  tier: t,
  family: 'fixer',
});

describe('BadgeCabinet', () => {
  afterEach(() => cleanup());

  it('groups a tier family with its chips lit for earned tiers and the next tier’s progress', () => {
    render(<BadgeCabinet badges={[tier('fixer', 'bronze', 5, 5, '2026-11-20T10:00:00Z'), tier('fixer-silver', 'silver', 25, 12), tier('fixer-gold', 'gold', 75, 12)]} />);
    const family = screen.getByTestId('cabinet-family');
    expect(family.getAttribute('data-earned-tiers')).toBe('bronze');
    expect(within(family).getByText(/Next: Fixer silver/)).toBeTruthy();
    expect(within(family).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('12');
    expect(within(family).getByText('Bronze').closest('[data-earned]')?.getAttribute('data-earned')).toBe('true');
    expect(within(family).getByText('Gold').closest('[data-earned]')?.getAttribute('data-earned')).toBe('false');
    expect(screen.queryAllByTestId('cabinet-badge')).toHaveLength(0);
  });

  it('shows a hidden badge as "Hidden badge" without progress, last among the locked, and names who proposed a badge', () => {
    const secret: BadgeView = { id: 'hidden-1', name: 'Hidden badge', description: 'x', icon: '❔', threshold: 1, progress: 0, earned: false, hidden: true };
    const proposed: BadgeView = { id: 'helper', name: 'Helper', description: 'Help 3 times', icon: '🤝', threshold: 3, progress: 1, earned: false, proposedByName: 'Tia Technician' };
    render(<BadgeCabinet badges={[secret, proposed]} />);
    const tiles = screen.getAllByTestId('cabinet-badge');
    expect(tiles.map((t) => t.getAttribute('data-badge-id'))).toEqual(['helper', 'hidden-1']);
    expect(tiles[1]?.textContent).toContain('Hidden badge');
    expect(within(tiles[1] as HTMLElement).queryByRole('progressbar')).toBeNull();
    expect(tiles[0]?.textContent).toContain('Proposed by Tia Technician');
  });
});
