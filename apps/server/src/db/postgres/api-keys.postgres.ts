import type { ApiKeyRow, ApiKeySettings, ApiKeyStore } from '../../services/ports/auth-stores';
import { API_KEY_COLUMNS, toApiKeyRow, type RawApiKey } from '../api-key-rows';
import type { PgExecutor } from './executor.postgres';

/** PostgreSQL's ApiKeyStore: a key revoked on one node stops on every node at its next request. */
export class PgApiKeyStore implements ApiKeyStore {
  constructor(private readonly pg: PgExecutor) {}

  async findByHash(hash: string): Promise<ApiKeyRow | undefined> {
    const row = await this.pg.one<RawApiKey>(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE key_hash = $1`, [hash]);
    return row ? toApiKeyRow(row) : undefined;
  }

  async find(id: string): Promise<ApiKeyRow | undefined> {
    const row = await this.pg.one<RawApiKey>(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    return row ? toApiKeyRow(row) : undefined;
  }

  async list(): Promise<ApiKeyRow[]> {
    return (await this.pg.rows<RawApiKey>(`SELECT ${API_KEY_COLUMNS} FROM api_keys ORDER BY created_at DESC`)).map(toApiKeyRow);
  }

  async markUsed(id: string, now: number): Promise<void> {
    await this.pg.run('UPDATE api_keys SET last_used_at = $1 WHERE id = $2', [now, id]);
  }

  async put(id: string, name: string, hash: string, scopes: string[], now: number): Promise<void> {
    await this.pg.run(
      `INSERT INTO api_keys (id, name, key_hash, scopes, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET key_hash = excluded.key_hash, scopes = excluded.scopes, revoked_at = NULL`,
      [id, name, hash, JSON.stringify(scopes), now],
    );
  }

  async create(row: { id: string; name: string; hash: string; prefix: string; scopes: string[]; createdBy: string }, now: number): Promise<void> {
    await this.pg.run('INSERT INTO api_keys (id, name, key_hash, prefix, scopes, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      row.id,
      row.name,
      row.hash,
      row.prefix,
      JSON.stringify(row.scopes),
      now,
      row.createdBy,
    ]);
  }

  async revokeOne(id: string, now: number): Promise<boolean> {
    return (await this.pg.run('UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, id])) > 0;
  }

  async updateSettings(id: string, settings: ApiKeySettings): Promise<boolean> {
    return (await this.pg.run('UPDATE api_keys SET alertmanager_urls = $1, severity_map = $2 WHERE id = $3', [JSON.stringify(settings.alertmanagerUrls), JSON.stringify(settings.severityMap), id])) > 0;
  }
}
