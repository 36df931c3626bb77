import type { SessionStore } from '../../services/ports/auth-stores';
import type { Db } from '../database';

/** SQLite's SessionStore. */
export class SqliteSessionStore implements SessionStore {
  private readonly insert;
  private readonly find;
  private readonly remove;
  private readonly purge;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO sessions (token_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
    this.find = db.prepare<[string, number], { person_id: string; expires_at: number }>(
      'SELECT person_id, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
    );
    this.remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  async create(tokenHash: string, personId: string, now: number, expiresAt: number): Promise<void> {
    this.insert.run(tokenHash, personId, now, expiresAt);
  }

  async findValid(tokenHash: string, now: number): Promise<{ personId: string; expiresAt: number } | undefined> {
    const row = this.find.get(tokenHash, now);
    return row ? { personId: row.person_id, expiresAt: row.expires_at } : undefined;
  }

  async delete(tokenHash: string): Promise<void> {
    this.remove.run(tokenHash);
  }

  async purgeExpired(now: number): Promise<number> {
    return this.purge.run(now).changes;
  }
}
