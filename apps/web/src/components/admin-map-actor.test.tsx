// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActorMappingView, TeamSummary } from '@opsquest/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdminMapActor } from './admin-map-actor';

const teams: TeamSummary[] = [
  { id: 't-noc', name: 'NOC', members: [{ id: 'p-ana', displayName: 'Ana Ruiz', role: 'engineer' }] },
  { id: 't-field', name: 'Field', members: [{ id: 'p-tom', displayName: 'Tom Berg', role: 'technician' }] },
];

interface Sent {
  url: string;
  method: string;
  body: unknown;
}

function answerWith(status: number, body: unknown): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method ?? 'GET', body: JSON.parse(String(init.body)) });
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  });
  return sent;
}

function renderMapper(onMapped: (m: ActorMappingView) => void): void {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AdminMapActor actor="jdoe" teams={teams} onMapped={onMapped} />
    </QueryClientProvider>,
  );
}

describe('AdminMapActor: map an unknown name to a person, after a confirmation', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => cleanup());

  it('sends nothing until a person is chosen and the mapping confirmed; then reports what was back-paid', async () => {
    const mapping: ActorMappingView = { actor: 'jdoe', personId: 'p-tom', personName: 'Tom Berg', events: 4, awards: 2, points: 35, mappedAt: '2026-12-05T08:00:00.000Z' };
    const sent = answerWith(201, mapping);
    const mapped: ActorMappingView[] = [];
    renderMapper((m) => mapped.push(m));
    const submit = screen.getByRole('button', { name: 'Map jdoe to a person' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Person “jdoe” is'), { target: { value: 'p-tom' } });
    fireEvent.click(submit);
    // the confirm step names both and says it is for good; Cancel has the focus
    const confirm = screen.getByRole('group', { name: 'Map jdoe to Tom Berg?' });
    expect(confirm.textContent).toMatch(/cannot be undone/);
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(sent).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Map and back-pay' }));
    await waitFor(() => expect(mapped).toHaveLength(1));
    expect(sent).toEqual([{ url: '/api/admin/unknown-actors/map', method: 'POST', body: { actor: 'jdoe', personId: 'p-tom' } }]);
    expect(mapped[0]?.points).toBe(35);
  });

  it('Cancel goes back without sending, and a refusal is shown', async () => {
    const sent = answerWith(409, { error: 'conflict', message: '"jdoe" is mapped already' });
    renderMapper(() => undefined);
    fireEvent.change(screen.getByLabelText('Person “jdoe” is'), { target: { value: 'p-ana' } });
    fireEvent.click(screen.getByRole('button', { name: 'Map jdoe to a person' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(sent).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Map jdoe to a person' }));
    fireEvent.click(screen.getByRole('button', { name: 'Map and back-pay' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/mapped already/);
    expect(sent).toHaveLength(1);
  });
});
