import type { Db } from '../database';
import { type NoticeKind, type NoticeRow, type TruncatedInput, type RefusedInput, type IntegrationNoticesStore } from '../../services/ports/integration-notices-store';
import { MAX_OPEN_GAPS, MAX_REASON_LENGTH, reasonClass } from '../../services/ports/integration-notices-store';
import { type RawNotice, toNoticeRow } from '../rows/integration-notices-rows';

const SELECT = `SELECT n.id, n.kind, n.source, n.key_id, k.name AS key_name, n.group_key, n.group_labels, n.missing, n.status,
  n.reason, n.first_at, n.last_at, n.occurrences, n.resolved_at
  FROM integration_notices n LEFT JOIN api_keys k ON k.id = n.key_id`;

interface UpsertParams {
  kind: NoticeKind;
  source: string;
  keyId: string | null;
  groupKey: string | null;
  groupLabels: string;
  missing: number;
  status: number | null;
  reason: string;
  reasonClass: string;
  now: number;
}

/**
 * Integration notices: truncated Alertmanager groups and refused integration requests. Recording
 * the same open notice again is one upsert on the partial unique index `integration_notices_open`
 * (never check-then-insert), so concurrent or repeated notifications give one row whose
 * `occurrences` grows; a resolved notice is history, and the next one opens a new row.
 */
export class SqliteIntegrationNoticesStore implements IntegrationNoticesStore {
  private readonly upsert;
  private readonly byId;
  private readonly resolve;
  private readonly newest;
  private readonly gaps;

  constructor(db: Db) {
    this.upsert = db.prepare<[UpsertParams], { id: number }>(
      `INSERT INTO integration_notices (kind, source, key_id, group_key, group_labels, missing, status, reason, reason_class, first_at, last_at, occurrences)
       VALUES (@kind, @source, @keyId, @groupKey, @groupLabels, @missing, @status, @reason, @reasonClass, @now, @now, 1)
       ON CONFLICT (kind, source, IFNULL(key_id, ''), IFNULL(group_key, ''), IFNULL(status, 0), reason_class) WHERE resolved_at IS NULL
       DO UPDATE SET group_labels = excluded.group_labels, missing = excluded.missing, reason = excluded.reason,
         last_at = MAX(last_at, excluded.last_at), occurrences = occurrences + 1
       RETURNING id`,
    );
    this.byId = db.prepare<[number], RawNotice>(`${SELECT} WHERE n.id = ?`);
    this.resolve = db.prepare<[number, string | null, string | null], { id: number }>(
      `UPDATE integration_notices SET resolved_at = ?
       WHERE kind = 'truncated' AND resolved_at IS NULL AND key_id IS ? AND group_key IS ?
       RETURNING id`,
    );
    this.newest = db.prepare<[number], RawNotice>(`${SELECT} ORDER BY n.resolved_at IS NULL DESC, n.last_at DESC, n.id DESC LIMIT ?`);
    this.gaps = db.prepare<[number], RawNotice>(`${SELECT} WHERE n.kind = 'truncated' AND n.resolved_at IS NULL ORDER BY n.last_at DESC, n.id DESC LIMIT ?`);
  }

  /** Opens the truncated notice of this key and group, or counts one more occurrence of the open one (its missing count and reason are the latest). */
  async recordTruncated(input: TruncatedInput, now: number): Promise<NoticeRow> {
    return this.record({ kind: 'truncated', keyId: input.keyId, source: input.source, groupKey: input.groupKey, groupLabels: input.groupLabels, missing: input.missing, status: null, reason: input.reason }, now);
  }

  /** Closes the open truncated notice of this key and group (a later notification came complete); undefined when none was open. */
  async resolveTruncated(keyId: string | null, groupKey: string | null, now: number): Promise<NoticeRow | undefined> {
    const hit = this.resolve.get(now, keyId, groupKey);
    return hit ? this.row(hit.id) : undefined;
  }

  /** Opens a refused notice, or counts one more occurrence of the same open one (same key, route, group, status and reason but for numbers). */
  async recordRefused(input: RefusedInput, now: number): Promise<NoticeRow> {
    return this.record({ kind: 'refused', keyId: input.keyId, source: input.source, groupKey: input.groupKey ?? null, groupLabels: input.groupLabels ?? {}, missing: input.missing, status: input.status, reason: input.reason }, now);
  }

  async find(id: number): Promise<NoticeRow | undefined> {
    return this.row(id);
  }

  private row(id: number): NoticeRow | undefined {
    const r = this.byId.get(id);
    return r ? toNoticeRow(r) : undefined;
  }

  /** Open notices first, then the newest. */
  async list(limit: number): Promise<NoticeRow[]> {
    return this.newest.all(limit).map(toNoticeRow);
  }

  /** Open truncated notices, newest first: the alarms the board may be missing. */
  async openGaps(limit = MAX_OPEN_GAPS): Promise<NoticeRow[]> {
    return this.gaps.all(limit).map(toNoticeRow);
  }

  private record(n: Omit<UpsertParams, 'groupLabels' | 'reasonClass' | 'now'> & { groupLabels: Record<string, string> }, now: number): NoticeRow {
    const reason = n.reason.slice(0, MAX_REASON_LENGTH);
    const hit = this.upsert.get({ ...n, reason, groupLabels: JSON.stringify(n.groupLabels), reasonClass: reasonClass(n.kind, reason), missing: Math.max(0, Math.trunc(n.missing)), now });
    const row = hit ? this.row(hit.id) : undefined;
    if (!row) throw new Error('integration notice vanished');
    return row;
  }
}
