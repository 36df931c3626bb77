import type { SessionStore } from '../../services/ports/auth-stores';
import type { PgExecutor } from './executor.postgres';

/** PostgreSQL's SessionStore: one table for every node, so a session made on one works on all. */
export class PgSessionStore implements SessionStore {
  constructor(private readonly pg: PgExecutor) {}

  async create(tokenHash: string, personId: string, now: number, expiresAt: number): Promise<void> {
    await this.pg.run('INSERT INTO sessions (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash, personId, now, expiresAt]);
  }

  async findValid(tokenHash: string, now: number): Promise<{ personId: string; expiresAt: number } | undefined> {
    const row = await this.pg.one<{ person_id: string; expires_at: number }>('SELECT person_id, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2', [tokenHash, now]);
    return row ? { personId: row.person_id, expiresAt: row.expires_at } : undefined;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.pg.run('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async purgeExpired(now: number): Promise<number> {
    return this.pg.run('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  }
}
