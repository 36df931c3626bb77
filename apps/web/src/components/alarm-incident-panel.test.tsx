// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { MeView, SlaClockDto, WorkItemView } from '@opsquest/contracts';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../api/query-keys';
import { OPEN_ALARMS } from '../api/work-items.queries';
import { useSessionStore } from '../stores/session.store';
import { AlarmIncidentPanel } from './alarm-incident-panel';

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

const clock: SlaClockDto = { target: 'response', startedAt: '2026-12-05T08:00:00.000Z', dueAt: '2026-12-05T09:00:00.000Z', elapsedPct: 10, atRiskPct: 75, atRisk: false, breached: false, paused: false };

const alarm = (id: number, extra: Partial<WorkItemView> = {}): WorkItemView =>
  ({
    id,
    key: `alarm:nms:${id}`,
    stream: 'alarm',
    source: 'nms',
    externalKey: `k${id}`,
    status: 'raised',
    ackState: 'unacknowledged',
    title: `LinkDown ${id}`,
    severity: 'major',
    serviceAffecting: false,
    customersAffected: 0,
    vip: false,
    site: 'OSL-1',
    count: 1,
    reraiseCount: 0,
    open: true,
    openedAt: '2026-12-05T08:00:00.000Z',
    updatedAt: '2026-12-05T08:00:00.000Z',
    sla: { response: clock, resolution: clock },
    ...extra,
  }) as WorkItemView;

const inIncident = (id: number, root: boolean, incidentId = 'inc-1', extra: Partial<WorkItemView> = {}): WorkItemView => alarm(id, { incidentId, incidentRoot: root, ...extra });

/** Answers POSTs with `status` and `body` (and records them); GETs of the open alarms with `openAlarms`. */
function answerWith(status: number, body: unknown, openAlarms: WorkItemView[] = []): { url: string; body: unknown }[] {
  const sent: { url: string; body: unknown }[] = [];
  const json = (answer: unknown, code = 200): Promise<Response> => Promise.resolve(new Response(JSON.stringify(answer), { status: code, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    if ((init.method ?? 'GET') === 'GET') return json({ items: openAlarms });
    sent.push({ url, body: JSON.parse(String(init.body)) });
    return json(body, status);
  });
  return sent;
}

function renderPanel(subject: WorkItemView, openAlarms: WorkItemView[]): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false }, mutations: { retry: false } } });
  client.setQueryData(queryKeys.workItems(OPEN_ALARMS), { items: openAlarms });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <AlarmIncidentPanel alarm={subject} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return client;
}

describe('the incident panel on the alarm page', () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
    useSessionStore.getState().signIn(me('engineer'));
  });
  afterEach(() => cleanup());

  it('is not there for an engineer on an alarm in no incident; a lead gets it, with Merge into… only', () => {
    renderPanel(alarm(1), [alarm(1), alarm(2, { site: 'BRG-2' })]);
    expect(screen.queryByTestId('alarm-incident-panel')).toBeNull();
    cleanup();
    useSessionStore.getState().signIn(me('lead'));
    renderPanel(alarm(1), [alarm(1), alarm(2, { site: 'BRG-2' })]);
    expect(screen.getByTestId('incident-summary').textContent).toMatch(/in no incident/);
    expect(screen.queryByRole('button', { name: 'Make this the root cause' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Split out of the incident' })).toBeNull();
    const select = screen.getByLabelText('Merge into…');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose…', 'LinkDown 2 · BRG-2']);
  });

  it('treats an alarm alone in its incident (as every alarm with a site starts) as in none: nothing for an engineer, no split for a lead', () => {
    const list = [inIncident(1, true, 'inc-1'), inIncident(2, true, 'inc-2', { site: 'BRG-2' })];
    renderPanel(inIncident(1, true, 'inc-1'), list);
    expect(screen.queryByTestId('alarm-incident-panel')).toBeNull();
    cleanup();
    useSessionStore.getState().signIn(me('lead'));
    renderPanel(inIncident(1, true, 'inc-1'), list);
    expect(screen.getByTestId('incident-summary').textContent).toMatch(/in no incident/);
    expect(screen.queryByRole('button', { name: 'Split out of the incident' })).toBeNull();
    expect(within(screen.getByLabelText('Merge into…')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose…', 'LinkDown 2 · BRG-2']);
  });

  it('tells an engineer on a child that it is part of an incident, names its root and counts the alarms; no regroup controls', () => {
    const list = [inIncident(1, true), inIncident(2, false), inIncident(3, false)];
    renderPanel(inIncident(3, false), list);
    expect(screen.getByTestId('incident-summary').textContent).toMatch(/part of an incident of 3 open alarms\. Its root cause is LinkDown 1 · OSL-1\./);
    expect(screen.getByTestId('incident-root-link').getAttribute('href')).toBe('/alarms/1');
    expect(screen.queryByTestId('incident-regroup')).toBeNull();
  });

  it('lists a root’s other alarms, at most 20 then a count', () => {
    const list = [inIncident(1, true), ...Array.from({ length: 25 }, (_, i) => inIncident(i + 2, false))];
    renderPanel(inIncident(1, true), list);
    expect(screen.getByTestId('incident-summary').textContent).toMatch(/root cause of an incident of 26 open alarms\. Clearing it clears the other 25 alarms too/);
    expect(within(screen.getByTestId('incident-children')).getAllByRole('link')).toHaveLength(20);
    expect(screen.getByTestId('incident-more').textContent).toBe('and 5 more alarms');
  });

  it('offers a lead on a child the root and the split; a refusal is shown in words, a success as a status', async () => {
    useSessionStore.getState().signIn(me('lead'));
    const list = [inIncident(1, true), inIncident(2, false), inIncident(3, false), inIncident(9, true, 'inc-2', { title: 'PowerFail', site: 'BRG-2' }), alarm(10, { maintenanceWindowId: 'mw' })];
    const client = renderPanel(inIncident(2, false), list);
    expect(within(screen.getByLabelText('Merge into…')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Choose…',
      'PowerFail · BRG-2',
    ]);
    // nothing chosen: said, nothing sent
    const sent = answerWith(409, { error: 'conflict', message: 'Alarm 2 is cleared: only open alarms can be regrouped' }, list);
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Choose an incident or an alarm to merge into\./);
    expect(sent).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Split out of the incident' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Alarm 2 is cleared: only open alarms can be regrouped\./));
    expect(sent).toEqual([{ url: '/api/work-items/2/incident', body: { action: 'split' } }]);

    const later = '2026-12-05T08:05:00.000Z';
    const moved = [inIncident(2, true, 'inc-1', { updatedAt: later }), inIncident(1, false, 'inc-1', { updatedAt: later })];
    const sentRoot = answerWith(200, { items: moved }, list);
    fireEvent.click(screen.getByRole('button', { name: 'Make this the root cause' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/now the root cause/));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(sentRoot).toEqual([{ url: '/api/work-items/2/incident', body: { action: 'root' } }]);
    // the board's cache has both moved alarms as they are now
    const cached = client.getQueryData<{ items: WorkItemView[] }>(queryKeys.workItems(OPEN_ALARMS))?.items ?? [];
    expect(cached.filter((a) => a.incidentId === 'inc-1' && a.incidentRoot === true).map((a) => a.id)).toEqual([2]);
  });

  it('merges into the chosen incident', async () => {
    useSessionStore.getState().signIn(me('admin'));
    const list = [inIncident(1, true), inIncident(2, false), inIncident(9, true, 'inc-2', { title: 'PowerFail', site: 'BRG-2' })];
    renderPanel(inIncident(1, true), list);
    // a root with other open alarms cannot be split out
    expect(screen.queryByRole('button', { name: 'Split out of the incident' })).toBeNull();
    const sent = answerWith(200, { items: [inIncident(1, false, 'inc-2'), inIncident(2, false, 'inc-2')] });
    fireEvent.change(screen.getByLabelText('Merge into…'), { target: { value: '9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Merged: 2 alarms joined the incident of “PowerFail · BRG-2”.'));
    expect(sent).toEqual([{ url: '/api/work-items/1/incident', body: { action: 'merge', into: 9 } }]);
  });
});
