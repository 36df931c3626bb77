// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxStore } from '../stores/outbox.store';
import { SyncStatus } from './sync-status';

let online = true;

function setOnline(value: boolean): void {
  online = value;
  act(() => {
    window.dispatchEvent(new Event(value ? 'online' : 'offline'));
  });
}

function queue(username: string, key: string, itemTitle: string, action: 'dispatch' | 'onSite' | 'complete'): void {
  outboxStore.getState().enqueue({ idempotencyKey: key, username, itemId: 1, itemTitle, body: { action, occurredAt: '2026-11-24T09:00:00.000Z' } });
}

describe('SyncStatus: what is still on this phone', () => {
  beforeEach(() => {
    Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
    online = true;
    outboxStore.setState({ entries: [], failures: [], syncing: false });
  });
  afterEach(() => cleanup());

  it('says all is synced when nothing waits', () => {
    render(<SyncStatus username="tech" />);
    expect(screen.getByTestId('sync-summary').textContent).toBe('All synced');
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
  });

  it('offline: lists my waiting actions in order (not another user’s), and offers a manual sync once back online', () => {
    queue('tech', 'k1', 'Replace ONT at NTH-1', 'dispatch');
    queue('other', 'k2', 'Someone else’s visit', 'onSite');
    queue('tech', 'k3', 'Replace ONT at NTH-1', 'onSite');
    online = false;
    render(<SyncStatus username="tech" />);

    const status = screen.getByTestId('sync-status');
    expect(screen.getByTestId('sync-summary').textContent).toBe('2 actions waiting to sync');
    expect(status.textContent).toContain('offline: they are kept on this phone and sent when the connection returns');
    expect(status.dataset.online).toBe('false');
    const queued = within(screen.getByRole('list', { name: 'Waiting to sync, in order' })).getAllByRole('listitem');
    expect(queued.map((li) => li.querySelector('strong')?.textContent)).toEqual(['Dispatch', 'On site']);
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();

    setOnline(true);
    expect(screen.getByTestId('sync-status').dataset.online).toBe('true');
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeTruthy();

    act(() => outboxStore.getState().remove('k1'));
    expect(screen.getByTestId('sync-summary').textContent).toBe('1 action waiting to sync');
  });

  it('shows an action the server refused, with the reason, until dismissed', () => {
    queue('tech', 'k9', 'Survey at STH-2', 'complete');
    const entry = outboxStore.getState().entries[0];
    if (!entry) throw new Error('not queued');
    act(() => outboxStore.getState().fail(entry, 409, 'The visit was cancelled by dispatch.', '2026-11-24T09:01:00.000Z'));
    render(<SyncStatus username="tech" />);

    const failure = screen.getByTestId('outbox-failure');
    expect(failure.dataset.status).toBe('409');
    expect(failure.textContent).toContain('Not synced: Complete');
    expect(failure.textContent).toContain('The visit was cancelled by dispatch.');
    expect(screen.getByTestId('sync-summary').textContent).toBe('All synced');

    fireEvent.click(within(failure).getByRole('button', { name: /dismiss/i }));
    expect(screen.queryByTestId('outbox-failure')).toBeNull();
    expect(outboxStore.getState().failures).toEqual([]);
  });
});
