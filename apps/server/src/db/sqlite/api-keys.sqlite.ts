import type { ApiKeyRow, ApiKeySettings, ApiKeyStore } from '../../services/ports/auth-stores';
import { API_KEY_COLUMNS as COLUMNS, toApiKeyRow as toRow, type RawApiKey as RawKey } from '../api-key-rows';
import type { Db } from '../database';

/** SQLite's ApiKeyStore. */
export class SqliteApiKeyStore implements ApiKeyStore {
  private readonly byHash;
  private readonly byId;
  private readonly all;
  private readonly touch;
  private readonly upsert;
  private readonly insert;
  private readonly revoke;
  private readonly settings;

  constructor(db: Db) {
    this.byHash = db.prepare<[string], RawKey>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ?`);
    this.byId = db.prepare<[string], RawKey>(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`);
    this.all = db.prepare<[], RawKey>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC`);
    this.touch = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
    this.upsert = db.prepare(
      `INSERT INTO api_keys (id, name, key_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET key_hash = excluded.key_hash, scopes = excluded.scopes, revoked_at = NULL`,
    );
    this.insert = db.prepare('INSERT INTO api_keys (id, name, key_hash, prefix, scopes, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.revoke = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.settings = db.prepare('UPDATE api_keys SET alertmanager_urls = ?, severity_map = ? WHERE id = ?');
  }

  async findByHash(hash: string): Promise<ApiKeyRow | undefined> {
    const r = this.byHash.get(hash);
    return r ? toRow(r) : undefined;
  }

  async find(id: string): Promise<ApiKeyRow | undefined> {
    const r = this.byId.get(id);
    return r ? toRow(r) : undefined;
  }

  async list(): Promise<ApiKeyRow[]> {
    return this.all.all().map(toRow);
  }

  async markUsed(id: string, now: number): Promise<void> {
    this.touch.run(now, id);
  }

  async put(id: string, name: string, hash: string, scopes: string[], now: number): Promise<void> {
    this.upsert.run(id, name, hash, JSON.stringify(scopes), now);
  }

  async create(row: { id: string; name: string; hash: string; prefix: string; scopes: string[]; createdBy: string }, now: number): Promise<void> {
    this.insert.run(row.id, row.name, row.hash, row.prefix, JSON.stringify(row.scopes), now, row.createdBy);
  }

  async revokeOne(id: string, now: number): Promise<boolean> {
    return this.revoke.run(now, id).changes > 0;
  }

  async updateSettings(id: string, settings: ApiKeySettings): Promise<boolean> {
    return this.settings.run(JSON.stringify(settings.alertmanagerUrls), JSON.stringify(settings.severityMap), id).changes > 0;
  }
}
