import type { Db } from '../db/database';

export interface ApiKeyRow {
  id: string;
  name: string;
  scopes: string[];
  lastUsedAt: number | null;
  revokedAt: number | null;
}

interface RawKey {
  id: string;
  name: string;
  scopes: string;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** Integration API keys, stored hashed. */
export class ApiKeysRepository {
  private readonly byHash;
  private readonly touch;
  private readonly upsert;

  constructor(db: Db) {
    this.byHash = db.prepare<[string], RawKey>('SELECT id, name, scopes, last_used_at, revoked_at FROM api_keys WHERE key_hash = ?');
    this.touch = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
    this.upsert = db.prepare(
      `INSERT INTO api_keys (id, name, key_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET key_hash = excluded.key_hash, scopes = excluded.scopes, revoked_at = NULL`,
    );
  }

  findByHash(hash: string): ApiKeyRow | undefined {
    const r = this.byHash.get(hash);
    return r ? { id: r.id, name: r.name, scopes: JSON.parse(r.scopes) as string[], lastUsedAt: r.last_used_at, revokedAt: r.revoked_at } : undefined;
  }

  markUsed(id: string, now: number): void {
    this.touch.run(now, id);
  }

  put(id: string, name: string, hash: string, scopes: string[], now: number): void {
    this.upsert.run(id, name, hash, JSON.stringify(scopes), now);
  }
}
