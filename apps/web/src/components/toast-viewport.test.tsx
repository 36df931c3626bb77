// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCelebrationStore } from '../stores/celebration.store';
import { useToastStore } from '../stores/toast.store';
import { TOAST_DURATION_MS, ToastViewport } from './toast-viewport';

function renderViewport(): void {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ToastViewport />
    </QueryClientProvider>,
  );
}

function show(count: number, kind: 'points' | 'error' = 'points'): void {
  act(() => {
    for (let i = 1; i <= count; i += 1) useToastStore.getState().show({ kind, title: `+${i} points` });
  });
}

const titles = (): string[] => screen.queryAllByTestId('toast').map((t) => t.querySelector('.toast__title')?.textContent ?? '');

describe('ToastViewport', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useToastStore.setState({ toasts: [], seenKeys: [] });
    useCelebrationStore.setState({ queue: [], seenKeys: [] });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows at most three toasts, newest first, and counts the older ones in "+N more"', () => {
    renderViewport();
    show(2);
    expect(titles()).toEqual(['+2 points', '+1 points']);
    expect(screen.queryByTestId('toasts-more')).toBeNull();
    show(3);
    // five arrived in all (1, 2, then 1, 2, 3): the newest three show
    expect(titles()).toEqual(['+3 points', '+2 points', '+1 points']);
    expect(screen.getByTestId('toasts-more').textContent).toContain('+2 more');
  });

  it('uses icons (svg), never glyphs, and a labelled close button', () => {
    renderViewport();
    show(1);
    const toast = screen.getByTestId('toast');
    expect(toast.querySelector('svg.toast__icon')).not.toBeNull();
    expect(toast.textContent).toBe('+1 points');
    expect(within(toast).getByRole('button', { name: 'Dismiss notification' })).toBeTruthy();
  });

  it('dismisses each toast by itself when its time is up, collapsed ones included', () => {
    renderViewport();
    show(5);
    expect(useToastStore.getState().toasts).toHaveLength(5);
    act(() => {
      vi.advanceTimersByTime(TOAST_DURATION_MS.points + 300);
    });
    expect(useToastStore.getState().toasts).toHaveLength(0);
    expect(screen.queryAllByTestId('toast')).toHaveLength(0);
    expect(screen.queryByTestId('toasts-more')).toBeNull();
  });

  it('keeps toasts while the pointer is on them, and errors longer than points', () => {
    renderViewport();
    show(1, 'error');
    show(1);
    fireEvent.pointerEnter(screen.getByTestId('toasts'));
    act(() => {
      vi.advanceTimersByTime(TOAST_DURATION_MS.error * 2);
    });
    expect(screen.queryAllByTestId('toast')).toHaveLength(2);
    fireEvent.pointerLeave(screen.getByTestId('toasts'));
    act(() => {
      vi.advanceTimersByTime(TOAST_DURATION_MS.points + 300);
    });
    expect(screen.getAllByTestId('toast').map((t) => t.getAttribute('data-kind'))).toEqual(['error']);
  });

  it('"Dismiss all" empties the list; the close button takes one', () => {
    renderViewport();
    show(4);
    fireEvent.click(within(screen.getAllByTestId('toast')[0]!).getByRole('button', { name: 'Dismiss notification' }));
    expect(titles()).toEqual(['+3 points', '+2 points', '+1 points']);
    expect(screen.queryByTestId('toasts-more')).toBeNull();
    show(2);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss all' }));
    expect(screen.queryAllByTestId('toast')).toHaveLength(0);
  });

  it('shows a celebration as a status message, one at a time, once per key', () => {
    renderViewport();
    act(() => {
      useCelebrationStore.getState().celebrate({ kind: 'badge', title: 'Badge earned: First Responder', key: 'badge:1' });
      useCelebrationStore.getState().celebrate({ kind: 'badge', title: 'Badge earned: First Responder', key: 'badge:1' });
      useCelebrationStore.getState().celebrate({ kind: 'level', title: 'Level up! You reached level 2', key: 'level:2' });
    });
    expect(screen.getByRole('status').textContent).toContain('Badge earned: First Responder');
    act(() => {
      vi.advanceTimersByTime(2_000);
    });
    expect(screen.getByRole('status').textContent).toContain('Level up! You reached level 2');
    act(() => {
      vi.advanceTimersByTime(2_000);
    });
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
