import { describe, expect, it } from 'vitest';
import { afterFailure, lockedUntil, LOCKOUT_POLICY } from './login-lockout';

const MIN = 60_000;

describe('login lockout policy', () => {
  it('locks on the fifth failure within the window, for the lock time', () => {
    let row = afterFailure(undefined, 'eng', 0);
    for (let i = 1; i < LOCKOUT_POLICY.threshold - 1; i += 1) row = afterFailure(row, 'eng', i * MIN);
    expect(row.failures).toBe(4);
    expect(lockedUntil(row, 4 * MIN)).toBeUndefined();
    row = afterFailure(row, 'eng', 5 * MIN);
    expect(row.failures).toBe(5);
    expect(lockedUntil(row, 5 * MIN)).toBe(5 * MIN + LOCKOUT_POLICY.lockMs);
    expect(lockedUntil(row, 5 * MIN + LOCKOUT_POLICY.lockMs)).toBeUndefined();
  });

  it('starts a new run when the failures are spread over more than the window', () => {
    let row = afterFailure(undefined, 'eng', 0);
    for (let i = 1; i < 4; i += 1) row = afterFailure(row, 'eng', i * MIN);
    row = afterFailure(row, 'eng', LOCKOUT_POLICY.windowMs + MIN);
    expect(row).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it('after a lock has run out, the next failure starts a new run rather than locking again at once', () => {
    let row = afterFailure(undefined, 'eng', 0);
    for (let i = 1; i < 5; i += 1) row = afterFailure(row, 'eng', i);
    expect(row.lockedUntil).not.toBeNull();
    row = afterFailure(row, 'eng', 4 + LOCKOUT_POLICY.lockMs + 1);
    expect(row).toMatchObject({ failures: 1, lockedUntil: null });
  });
});
