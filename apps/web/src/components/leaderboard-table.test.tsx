// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { LeaderboardView } from '@opsquest/contracts';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { LeaderboardTable, leaderboardCsvHeader, leaderboardCsvRows } from './leaderboard-table';

const view: LeaderboardView = {
  scope: 'individual',
  window: 'week',
  period: '2026-11-23',
  league: 'engineer',
  metric: 'perHour',
  total: 3,
  entries: [
    { rank: 1, name: 'Anonymous', points: 80, anonymous: true, perHour: 4, hours: 20 },
    { rank: 2, id: 'p-eng', name: 'Eve Engineer', team: 'NOC', points: 60, perHour: 3, hours: 20, onlyYouSeeName: true },
    { rank: 3, id: 'p-eng2', name: 'Ed Engineer', team: 'NOC', points: 20, perHour: 1, hours: 20 },
  ],
  me: { rank: 2, id: 'p-eng', name: 'Eve Engineer', team: 'NOC', points: 60, perHour: 3, hours: 20, onlyYouSeeName: true },
};

function renderTable(v: LeaderboardView): void {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <LeaderboardTable view={v} mode="top" caption="Board" id="board" canOpen={() => true} kudos />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('LeaderboardTable', () => {
  afterEach(cleanup);

  it('shows an anonymous row without link, id or kudos; my private row; the per-hour column; kudos for others only', () => {
    renderTable(view);
    const rows = screen.getAllByTestId('leaderboard-row');
    expect(rows).toHaveLength(3);
    const [anonymous, mine, other] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(anonymous.getAttribute('data-id')).toBeNull();
    expect(anonymous.getAttribute('data-anonymous')).toBe('true');
    expect(within(anonymous).queryByRole('link')).toBeNull();
    expect(within(anonymous).queryByTestId('give-kudos')).toBeNull();
    expect(within(mine).getByTestId('only-you').textContent).toBe('only you see your name');
    expect(within(mine).queryByTestId('give-kudos')).toBeNull();
    expect(within(other).getByRole('button', { name: 'Give kudos to Ed Engineer' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Points per scheduled hour' })).toBeTruthy();
    expect(within(other).getByTestId('per-hour').textContent).toContain('1');
  });

  it('exports the per-hour column to CSV, and no extra columns for points boards', () => {
    expect(leaderboardCsvHeader(view)).toEqual(['Rank', 'Name', 'Team', 'Points', 'Points per scheduled hour', 'Scheduled hours']);
    expect(leaderboardCsvRows(view, 'top')[0]).toEqual([1, 'Anonymous', '', 80, 4, 20]);
    const points: LeaderboardView = { ...view, metric: 'points', entries: view.entries.map(({ perHour: _p, hours: _h, ...e }) => e) };
    expect(leaderboardCsvHeader(points)).toEqual(['Rank', 'Name', 'Team', 'Points']);
    expect(leaderboardCsvRows(points, 'top')[2]).toEqual([3, 'Ed Engineer', 'NOC', 20]);
  });
});
