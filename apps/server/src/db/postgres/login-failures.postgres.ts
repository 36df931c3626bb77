import type { LoginFailureRow, LoginFailureStore } from '../../services/ports/auth-stores';
import type { PgExecutor } from './executor.postgres';

interface Raw {
  username: string;
  failures: number;
  first_failed_at: number;
  last_failed_at: number;
  locked_until: number | null;
}

/** PostgreSQL's LoginFailureStore: a lockout made on one node holds on every node. */
export class PgLoginFailureStore implements LoginFailureStore {
  constructor(private readonly pg: PgExecutor) {}

  async get(username: string): Promise<LoginFailureRow | undefined> {
    const row = await this.pg.one<Raw>('SELECT username, failures, first_failed_at, last_failed_at, locked_until FROM login_failures WHERE username = $1', [username]);
    return row ? { username: row.username, failures: row.failures, firstFailedAt: row.first_failed_at, lastFailedAt: row.last_failed_at, lockedUntil: row.locked_until } : undefined;
  }

  async save(row: LoginFailureRow): Promise<void> {
    await this.pg.run(
      `INSERT INTO login_failures (username, failures, first_failed_at, last_failed_at, locked_until) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, first_failed_at = excluded.first_failed_at, last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until`,
      [row.username, row.failures, row.firstFailedAt, row.lastFailedAt, row.lockedUntil],
    );
  }

  async clear(username: string): Promise<void> {
    await this.pg.run('DELETE FROM login_failures WHERE username = $1', [username]);
  }

  async purgeOlderThan(before: number): Promise<number> {
    return this.pg.run('DELETE FROM login_failures WHERE last_failed_at < $1 AND (locked_until IS NULL OR locked_until < $1)', [before]);
  }
}
