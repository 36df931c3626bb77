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
import { type RawNotice, toNoticeRow } from '../rows/integration-notices-rows';

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
    const row = await this.pg.one<RawNotice>(
      `WITH n AS (
         UPDATE integration_notices SET resolved_at = $1
         WHERE kind = 'truncated' AND resolved_at IS NULL AND key_id IS NOT DISTINCT FROM $2::text AND group_key IS NOT DISTINCT FROM $3::text
         RETURNING *
       )
       SELECT ${COLUMNS} FROM n LEFT JOIN api_keys k ON k.id = n.key_id ORDER BY n.id LIMIT 1`,
      [now, keyId, groupKey],
    );
    return row ? toNoticeRow(row) : undefined;
  }

  async recordRefused(input: RefusedInput, now: number): Promise<NoticeRow> {
    return this.record({ kind: 'refused', keyId: input.keyId, source: input.source, groupKey: input.groupKey ?? null, groupLabels: input.groupLabels ?? {}, missing: input.missing, status: input.status, reason: input.reason }, now);
  }

  async find(id: number): Promise<NoticeRow | undefined> {
    const row = await this.pg.one<RawNotice>(`${SELECT} WHERE n.id = $1`, [id]);
    return row ? toNoticeRow(row) : undefined;
  }

  async list(limit: number): Promise<NoticeRow[]> {
    return (await this.pg.rows<RawNotice>(`${SELECT} ORDER BY (n.resolved_at IS NULL) DESC, n.last_at DESC, n.id DESC LIMIT $1`, [limit])).map(toNoticeRow);
  }

  async openGaps(limit = MAX_OPEN_GAPS): Promise<NoticeRow[]> {
    return (await this.pg.rows<RawNotice>(`${SELECT} WHERE n.kind = 'truncated' AND n.resolved_at IS NULL ORDER BY n.last_at DESC, n.id DESC LIMIT $1`, [limit])).map(toNoticeRow);
  }

  private async record(n: Notice, now: number): Promise<NoticeRow> {
    const reason = n.reason.slice(0, MAX_REASON_LENGTH);
    const row = await this.pg.one<RawNotice>(
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
    return toNoticeRow(row);
  }
}
