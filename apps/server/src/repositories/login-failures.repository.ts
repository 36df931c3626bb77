import type { Db } from '../db/database';

export interface LoginFailureRow {
  username: string;
  failures: number;
  firstFailedAt: number;
  lastFailedAt: number;
  lockedUntil: number | null;
}

interface Raw {
  username: string;
  failures: number;
  first_failed_at: number;
  last_failed_at: number;
  locked_until: number | null;
}

/** Runs of failed logins per username, for the account lockout. */
export class LoginFailuresRepository {
  private readonly find;
  private readonly upsert;
  private readonly remove;
  private readonly purge;

  constructor(db: Db) {
    this.find = db.prepare<[string], Raw>('SELECT username, failures, first_failed_at, last_failed_at, locked_until FROM login_failures WHERE username = ?');
    this.upsert = db.prepare(
      `INSERT INTO login_failures (username, failures, first_failed_at, last_failed_at, locked_until) VALUES (@username, @failures, @firstFailedAt, @lastFailedAt, @lockedUntil)
       ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, first_failed_at = excluded.first_failed_at, last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until`,
    );
    this.remove = db.prepare('DELETE FROM login_failures WHERE username = ?');
    this.purge = db.prepare('DELETE FROM login_failures WHERE last_failed_at < ? AND (locked_until IS NULL OR locked_until < ?)');
  }

  get(username: string): LoginFailureRow | undefined {
    const row = this.find.get(username);
    return row ? { username: row.username, failures: row.failures, firstFailedAt: row.first_failed_at, lastFailedAt: row.last_failed_at, lockedUntil: row.locked_until } : undefined;
  }

  save(row: LoginFailureRow): void {
    this.upsert.run(row);
  }

  clear(username: string): void {
    this.remove.run(username);
  }

  /** Forgets runs that ended before `before` and hold no lock. */
  purgeOlderThan(before: number): number {
    return this.purge.run(before, before).changes;
  }
}
