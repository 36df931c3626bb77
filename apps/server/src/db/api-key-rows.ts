import { isSeverity, type Severity } from '@opsquest/core';
import type { ApiKeyRow } from '../services/ports/auth-stores';

/** An api_keys row as both adapters read it (JSON in TEXT columns), and how it becomes an ApiKeyRow. */
export interface RawApiKey {
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

export const API_KEY_COLUMNS = 'id, name, prefix, scopes, created_at, created_by, last_used_at, revoked_at, alertmanager_urls, severity_map';

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

export const toApiKeyRow = (r: RawApiKey): ApiKeyRow => ({
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

