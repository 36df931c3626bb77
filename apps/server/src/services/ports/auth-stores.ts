import type { Severity } from '@opsquest/core';

/**
 * The persistence ports of sign-in: sessions, failed-login runs and integration API keys. Kept in
 * the database (not in a node's memory), so a session made on one node works on every node and a
 * revoked key stops everywhere at once. SQLite's adapters are in db/sqlite/.
 */

/** Login sessions, stored by the hash of their token. */
export interface SessionStore {
  create(tokenHash: string, personId: string, now: number, expiresAt: number): Promise<void>;
  findValid(tokenHash: string, now: number): Promise<{ personId: string; expiresAt: number } | undefined>;
  delete(tokenHash: string): Promise<void>;
  /** Deletes expired sessions; how many went. */
  purgeExpired(now: number): Promise<number>;
}

/** A run of failed logins of one username (the account lockout's memory). */
export interface LoginFailureRow {
  username: string;
  failures: number;
  firstFailedAt: number;
  lastFailedAt: number;
  lockedUntil: number | null;
}

export interface LoginFailureStore {
  get(username: string): Promise<LoginFailureRow | undefined>;
  save(row: LoginFailureRow): Promise<void>;
  clear(username: string): Promise<void>;
  /** Forgets runs that ended before `before` and hold no lock; how many went. */
  purgeOlderThan(before: number): Promise<number>;
}

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

/** Integration API keys, stored as a SHA-256 of the key; the key itself is shown once. */
export interface ApiKeyStore {
  findByHash(hash: string): Promise<ApiKeyRow | undefined>;
  find(id: string): Promise<ApiKeyRow | undefined>;
  list(): Promise<ApiKeyRow[]>;
  markUsed(id: string, now: number): Promise<void>;
  /** The environment's key (OPSQUEST_API_KEY): replaced in place when the value changes. */
  put(id: string, name: string, hash: string, scopes: string[], now: number): Promise<void>;
  create(row: { id: string; name: string; hash: string; prefix: string; scopes: string[]; createdBy: string }, now: number): Promise<void>;
  /** false when there was no such unrevoked key */
  revokeOne(id: string, now: number): Promise<boolean>;
  /** Replaces the key's Alertmanager URLs and severity labels; false when there is no such key. */
  updateSettings(id: string, settings: ApiKeySettings): Promise<boolean>;
}
