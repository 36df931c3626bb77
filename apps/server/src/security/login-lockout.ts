import type { LoginFailureRow } from '../services/ports/auth-stores';

/**
 * Account lockout: five failed logins for one username within 15 minutes lock that username for
 * 15 minutes. While locked, no password is checked (so guessing stops), and the answer does not
 * depend on whether the password was right or the account exists. The per-IP rate limit on the
 * login route slows guessing further; the lock is short so that it cannot shut someone out for long.
 */
export const LOCKOUT_POLICY = { threshold: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

/** When the lock ends, if the username is locked at `now`. */
export function lockedUntil(row: LoginFailureRow | undefined, now: number): number | undefined {
  return row?.lockedUntil != null && row.lockedUntil > now ? row.lockedUntil : undefined;
}

/** The run of failures after one more failed attempt; a run older than the window starts again. */
export function afterFailure(row: LoginFailureRow | undefined, username: string, now: number, policy = LOCKOUT_POLICY): LoginFailureRow {
  const fresh = !row || now - row.firstFailedAt > policy.windowMs || (row.lockedUntil !== null && row.lockedUntil <= now);
  const failures = fresh ? 1 : row.failures + 1;
  const firstFailedAt = fresh ? now : row.firstFailedAt;
  return { username, failures, firstFailedAt, lastFailedAt: now, lockedUntil: failures >= policy.threshold ? now + policy.lockMs : null };
}
