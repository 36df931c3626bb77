// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import type { AlarmGapView, MeView } from '@opsquest/contracts';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alarmGapKeys, replaceAlarmGaps } from '../api/alarm-gaps.queries';
import { useSessionStore } from '../stores/session.store';
import { AlarmGapBanner } from './alarm-gap-banner';

const me = (role: MeView['role']): MeView => ({
  id: 'p-1',
  username: 'someone',
  displayName: 'Someone',
  role,
  team: null,
  points: 0,
  pointsToday: 0,
  level: { level: 1, title: 'Rookie', xp: 0, levelStartXp: 0, nextLevelXp: 100, progressPct: 0 },
  streak: { current: 0, best: 0, atRisk: false, freezes: 0, freezeCoversToday: false },
  badges: [],
  playsGame: true,
  heldPoints: 0,
});

const gap = (id: number, missing: number, groupLabels: Record<string, string>): AlarmGapView => ({ id, groupKey: null, groupLabels, missing, reason: 'not allowed', lastAt: '2026-11-20T08:00:00.000Z' });

function renderBanner(gaps: AlarmGapView[], where?: 'board' | 'alarm'): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(alarmGapKeys.open(), { gaps });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <AlarmGapBanner {...(where ? { where } : {})} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return client;
}

describe('AlarmGapBanner: the board says when Alertmanager alerts are missing', () => {
  beforeEach(() => useSessionStore.getState().signIn(me('engineer')));
  afterEach(() => cleanup());

  it('shows nothing without gaps, but keeps its alert region for one that comes later', async () => {
    const client = renderBanner([]);
    const region = screen.getByRole('alert');
    expect(region.textContent).toBe('');
    act(() => replaceAlarmGaps(client, [gap(1, 12, { alertname: 'SiteDown' })]));
    expect((await screen.findAllByTestId('alarm-gap')).map((li) => li.textContent)).toEqual(['12 alerts of group {alertname="SiteDown"} were not received from Alertmanager']);
    expect(screen.getByRole('alert')).toBe(region);
    act(() => replaceAlarmGaps(client, []));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(''));
  });

  it('writes one line per gap, the group as its labels', () => {
    renderBanner([gap(1, 1, { alertname: 'SiteDown', site: 'NTH-1' }), gap(2, 40, { alertname: 'LinkDown' })]);
    expect(screen.getAllByTestId('alarm-gap').map((li) => li.textContent)).toEqual([
      '1 alert of group {alertname="SiteDown", site="NTH-1"} was not received from Alertmanager',
      '40 alerts of group {alertname="LinkDown"} were not received from Alertmanager',
    ]);
    expect(screen.getByRole('alert').textContent).toContain('An admin sees why');
  });

  it('links an admin to the integration notices', () => {
    useSessionStore.getState().signIn(me('admin'));
    renderBanner([gap(1, 3, { alertname: 'SiteDown' })]);
    expect(screen.getByRole('link', { name: 'Admin, Integration notices' }).getAttribute('href')).toBe('/admin');
  });

  it("on an Alertmanager alarm's own page it says the alarm's group may be among the missing", () => {
    renderBanner([gap(1, 12, { alertname: 'SiteDown' })], 'alarm');
    expect(screen.getByRole('alert').textContent).toContain('Alertmanager alerts not received: this alarm’s group may be the one');
    expect(screen.getAllByTestId('alarm-gap').map((li) => li.textContent)).toEqual(['12 alerts of group {alertname="SiteDown"} were not received from Alertmanager']);
  });
});
