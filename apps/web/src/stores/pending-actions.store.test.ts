import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPendingActionsStore, pendingFor, UNDO_MS } from './pending-actions.store';

function input(itemIds: number[], action: 'acknowledge' | 'clear' = 'acknowledge') {
  return { action, itemIds, label: `Alarm ${itemIds.join(',')}`, send: vi.fn(), sendOnExit: vi.fn() };
}

describe('pending actions (undo before anything is sent)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends only when the undo time has passed, exactly once', () => {
    const store = createPendingActionsStore();
    const ack = input([1]);
    store.getState().schedule(ack);
    expect(pendingFor(store.getState(), 1)?.action).toBe('acknowledge');
    vi.advanceTimersByTime(UNDO_MS - 1);
    expect(ack.send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(ack.send).toHaveBeenCalledTimes(1);
    expect(store.getState().pending).toEqual([]);
    vi.advanceTimersByTime(UNDO_MS * 2);
    expect(ack.send).toHaveBeenCalledTimes(1);
    expect(ack.sendOnExit).not.toHaveBeenCalled();
  });

  it('an undo sends nothing, ever', () => {
    const store = createPendingActionsStore();
    const clear = input([2], 'clear');
    const entry = store.getState().schedule(clear);
    vi.advanceTimersByTime(UNDO_MS - 100);
    expect(store.getState().undo(entry?.id)?.itemIds).toEqual([2]);
    vi.advanceTimersByTime(UNDO_MS * 3);
    store.getState().flushOnExit();
    expect(clear.send).not.toHaveBeenCalled();
    expect(clear.sendOnExit).not.toHaveBeenCalled();
    expect(store.getState().pending).toEqual([]);
  });

  it('undo without an id takes back the latest one only', () => {
    const store = createPendingActionsStore();
    const first = input([1]);
    const second = input([2], 'clear');
    store.getState().schedule(first);
    store.getState().schedule(second);
    expect(store.getState().undo()?.itemIds).toEqual([2]);
    vi.advanceTimersByTime(UNDO_MS);
    expect(first.send).toHaveBeenCalledTimes(1);
    expect(second.send).not.toHaveBeenCalled();
    expect(store.getState().undo()).toBeUndefined();
  });

  it('keeps one waiting action per alarm (a bulk batch included)', () => {
    const store = createPendingActionsStore();
    expect(store.getState().schedule(input([1, 2, 3]))).toBeDefined();
    expect(store.getState().schedule(input([3], 'clear'))).toBeUndefined();
    expect(store.getState().pending).toHaveLength(1);
  });

  it('when the page goes away, sends everything waiting at once on the exit path, and not again later', () => {
    const store = createPendingActionsStore();
    const a = input([1]);
    const b = input([2], 'clear');
    store.getState().schedule(a);
    store.getState().schedule(b);
    store.getState().flushOnExit();
    expect(a.sendOnExit).toHaveBeenCalledTimes(1);
    expect(b.sendOnExit).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(UNDO_MS * 2);
    expect(a.send).not.toHaveBeenCalled();
    expect(b.send).not.toHaveBeenCalled();
    expect(store.getState().pending).toEqual([]);
  });
});
