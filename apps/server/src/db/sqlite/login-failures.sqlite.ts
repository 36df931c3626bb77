import type { LoginFailureRow, LoginFailureStore } from '../../services/ports/auth-stores';
import type { Db } from '../database';

interface Raw {
  username: string;
  failures: number;
  first_failed_at: number;
  last_failed_at: number;
  locked_until: number | null;
}

/** SQLite's LoginFailureStore. */
export class SqliteLoginFailureStore implements LoginFailureStore {
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

  async get(username: string): Promise<LoginFailureRow | undefined> {
    const row = this.find.get(username);
    return row ? { username: row.username, failures: row.failures, firstFailedAt: row.first_failed_at, lastFailedAt: row.last_failed_at, lockedUntil: row.locked_until } : undefined;
  }

  async save(row: LoginFailureRow): Promise<void> {
    this.upsert.run(row);
  }

  async clear(username: string): Promise<void> {
    this.remove.run(username);
  }

  async purgeOlderThan(before: number): Promise<number> {
    return this.purge.run(before, before).changes;
  }
}
