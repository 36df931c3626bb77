import {
  MAX_OPEN_GAPS,
  MAX_REASON_LENGTH,
  reasonClass,
  type IntegrationNoticesStore,
  type NoticeKind,
  type NoticeRow,
  type RefusedInput,
  type TruncatedInput,
} from '../../services/ports/integration-notices-store';
import type { PgExecutor } from './executor.postgres';

interface Raw {
  id: number;
  kind: NoticeKind;
  source: string;
  key_id: string | null;
  key_name: string | null;
  group_key: string | null;
  group_labels: string;
  missing: number;
  status: number | null;
  reason: string;
  first_at: number;
  last_at: number;
  occurrences: number;
  resolved_at: number | null;
}

function parseLabels(json: string): Record<string, string> {
  const value: unknown = JSON.parse(json);
  const labels: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return labels;
  for (const [name, v] of Object.entries(value)) if (typeof v === 'string') labels[name] = v;
  return labels;
}

const toRow = (r: Raw): NoticeRow => ({
  id: r.id,
  kind: r.kind,
  source: r.source,
  keyId: r.key_id,
  keyName: r.key_name,
  groupKey: r.group_key,
  groupLabels: parseLabels(r.group_labels),
  missing: r.missing,
  status: r.status,
  reason: r.reason,
  firstAt: r.first_at,
  lastAt: r.last_at,
  occurrences: r.occurrences,
  resolvedAt: r.resolved_at,
});

/** The notice columns of `n` (a notice row or a CTE of them) with its key's name from `k`. */
const COLUMNS = `n.id, n.kind, n.source, n.key_id, k.name AS key_name, n.group_key, n.group_labels, n.missing, n.status,
  n.reason, n.first_at, n.last_at, n.occurrences, n.resolved_at`;
const SELECT = `SELECT ${COLUMNS} FROM integration_notices n LEFT JOIN api_keys k ON k.id = n.key_id`;

interface Notice {
  kind: NoticeKind;
  source: string;
  keyId: string | null;
  groupKey: string | null;
  groupLabels: Record<string, string>;
  missing: number;
  status: number | null;
  reason: string;
}

/**
 * PostgreSQL's IntegrationNoticesStore. Recording the same open notice again is one upsert on the
 * partial unique index `integration_notices_open` (its COALESCE expressions are the conflict
 * target), so nodes recording the same notice at once still give one row whose `occurrences` grows;
 * the upserted or resolved row is read back, with its key's name, by the same statement.
 */
export class PgIntegrationNoticesStore implements IntegrationNoticesStore {
  constructor(private readonly pg: PgExecutor) {}

  async recordTruncated(input: TruncatedInput, now: number): Promise<NoticeRow> {
    return this.record({ kind: 'truncated', keyId: input.keyId, source: input.source, groupKey: input.groupKey, groupLabels: input.groupLabels, missing: input.missing, status: null, reason: input.reason }, now);
  }

  async resolveTruncated(keyId: string | null, groupKey: string | null, now: number): Promise<NoticeRow | undefined> {
    // SQLite's `key_id IS ?` (NULL matches NULL) is IS NOT DISTINCT FROM; like SQLite's `.get`, every
    // matching open notice is resolved and one of them (here the oldest) is answered.
    const row = await this.pg.one<Raw>(
      `WITH n AS (
         UPDATE integration_notices SET resolved_at = $1
         WHERE kind = 'truncated' AND resolved_at IS NULL AND key_id IS NOT DISTINCT FROM $2::text AND group_key IS NOT DISTINCT FROM $3::text
         RETURNING *
       )
       SELECT ${COLUMNS} FROM n LEFT JOIN api_keys k ON k.id = n.key_id ORDER BY n.id LIMIT 1`,
      [now, keyId, groupKey],
    );
    return row ? toRow(row) : undefined;
  }

  async recordRefused(input: RefusedInput, now: number): Promise<NoticeRow> {
    return this.record({ kind: 'refused', keyId: input.keyId, source: input.source, groupKey: input.groupKey ?? null, groupLabels: input.groupLabels ?? {}, missing: input.missing, status: input.status, reason: input.reason }, now);
  }

  async find(id: number): Promise<NoticeRow | undefined> {
    const row = await this.pg.one<Raw>(`${SELECT} WHERE n.id = $1`, [id]);
    return row ? toRow(row) : undefined;
  }

  async list(limit: number): Promise<NoticeRow[]> {
    return (await this.pg.rows<Raw>(`${SELECT} ORDER BY (n.resolved_at IS NULL) DESC, n.last_at DESC, n.id DESC LIMIT $1`, [limit])).map(toRow);
  }

  async openGaps(limit = MAX_OPEN_GAPS): Promise<NoticeRow[]> {
    return (await this.pg.rows<Raw>(`${SELECT} WHERE n.kind = 'truncated' AND n.resolved_at IS NULL ORDER BY n.last_at DESC, n.id DESC LIMIT $1`, [limit])).map(toRow);
  }

  private async record(n: Notice, now: number): Promise<NoticeRow> {
    const reason = n.reason.slice(0, MAX_REASON_LENGTH);
    const row = await this.pg.one<Raw>(
      `WITH n AS (
         INSERT INTO integration_notices AS t (kind, source, key_id, group_key, group_labels, missing, status, reason, reason_class, first_at, last_at, occurrences)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, 1)
         ON CONFLICT (kind, source, COALESCE(key_id, ''), COALESCE(group_key, ''), COALESCE(status, 0), reason_class) WHERE resolved_at IS NULL
         DO UPDATE SET group_labels = excluded.group_labels, missing = excluded.missing, reason = excluded.reason,
           last_at = GREATEST(t.last_at, excluded.last_at), occurrences = t.occurrences + 1
         RETURNING *
       )
       SELECT ${COLUMNS} FROM n LEFT JOIN api_keys k ON k.id = n.key_id`,
      [n.kind, n.source, n.keyId, n.groupKey, JSON.stringify(n.groupLabels), Math.max(0, Math.trunc(n.missing)), n.status, reason, reasonClass(n.kind, reason), now],
    );
    if (!row) throw new Error('integration notice vanished');
    return toRow(row);
  }
}
