import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once for a burst of calls, after the delay', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 500);
    c.call();
    vi.advanceTimersByTime(200);
    c.call();
    c.call();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('is not starved by a steady stream of calls', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 500);
    for (let i = 0; i < 20; i += 1) {
      c.call();
      vi.advanceTimersByTime(100);
    }
    expect(fn).toHaveBeenCalledTimes(4);
  });

  it('cancels a pending run', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 500);
    c.call();
    c.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});
