import { isSeverity, type Severity } from '@opsquest/core';
import type { Db } from '../db/database';

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: number;
  createdBy: string | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  /** Alertmanager base URLs this key's notifications may make OpsQuest fetch a truncated group from */
  alertmanagerUrls: string[];
  /** the sender's own severity labels (lower-case) and the severity each reads as */
  severityMap: Record<string, Severity>;
}

/** What an admin may set on a key beyond its scopes (PUT /api/admin/api-keys/:id/settings). */
export interface ApiKeySettings {
  alertmanagerUrls: string[];
  severityMap: Record<string, Severity>;
}

interface RawKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string;
  created_at: number;
  created_by: string | null;
  last_used_at: number | null;
  revoked_at: number | null;
  alertmanager_urls: string;
  severity_map: string;
}

const COLUMNS = 'id, name, prefix, scopes, created_at, created_by, last_used_at, revoked_at, alertmanager_urls, severity_map';

function parseUrls(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((u): u is string => typeof u === 'string') : [];
}

/** Only labels that still map onto a known severity are kept (the column is written by updateSettings alone). */
function parseSeverityMap(json: string): Record<string, Severity> {
  const value: unknown = JSON.parse(json);
  const map: Record<string, Severity> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return map;
  for (const [label, severity] of Object.entries(value)) if (isSeverity(severity)) map[label] = severity;
  return map;
}

const toRow = (r: RawKey): ApiKeyRow => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: JSON.parse(r.scopes) as string[],
  createdAt: r.created_at,
  createdBy: r.created_by,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
  alertmanagerUrls: parseUrls(r.alertmanager_urls),
  severityMap: parseSeverityMap(r.severity_map),
});

/** Integration API keys, stored as a SHA-256 of the key; the key itself is shown once. */
export class ApiKeysRepository {
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

  findByHash(hash: string): ApiKeyRow | undefined {
    const r = this.byHash.get(hash);
    return r ? toRow(r) : undefined;
  }

  find(id: string): ApiKeyRow | undefined {
    const r = this.byId.get(id);
    return r ? toRow(r) : undefined;
  }

  list(): ApiKeyRow[] {
    return this.all.all().map(toRow);
  }

  markUsed(id: string, now: number): void {
    this.touch.run(now, id);
  }

  /** The environment's key (OPSQUEST_API_KEY): replaced in place when the value changes. */
  put(id: string, name: string, hash: string, scopes: string[], now: number): void {
    this.upsert.run(id, name, hash, JSON.stringify(scopes), now);
  }

  create(row: { id: string; name: string; hash: string; prefix: string; scopes: string[]; createdBy: string }, now: number): void {
    this.insert.run(row.id, row.name, row.hash, row.prefix, JSON.stringify(row.scopes), now, row.createdBy);
  }

  revokeOne(id: string, now: number): boolean {
    return this.revoke.run(now, id).changes > 0;
  }

  /** Replaces the key's Alertmanager URLs and severity labels; false when there is no such key. */
  updateSettings(id: string, settings: ApiKeySettings): boolean {
    return this.settings.run(JSON.stringify(settings.alertmanagerUrls), JSON.stringify(settings.severityMap), id).changes > 0;
  }
}
