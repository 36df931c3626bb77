import { SEVERITY_RANK, type Stream, type WorkItem } from '@opsquest/core';
import type { ListFilter, WorkItemRecord, WorkItemsStore } from '../../services/ports/work-items-store';
import { nextSlaCheck } from '../../services/ports/work-items-store';
import type { PgExecutor } from './executor.postgres';

interface RawItem {
  id: number;
  state: string;
  updated_at: number;
}

/**
 * `work_items.state` read as json, safely: PostgreSQL refuses a document holding a `\u0000` or a
 * lone-surrogate escape (JSON.stringify writes both for such text, SQLite reads them), which would
 * fail the whole statement. Dropping each escaped backslash pair and then the backslash of every
 * remaining `\uXXXX` escape leaves no `\u` escape and the same structure; only the text inside
 * strings changes, never the top-level numbers and enum strings read with it (closedAt, ackState).
 */
export const SAFE_STATE_JSON = "replace(replace(state, repeat(chr(92), 2), ''), chr(92) || 'u', 'u')::json";

const toRecord = (r: RawItem): WorkItemRecord => ({ id: r.id, item: JSON.parse(r.state) as WorkItem, updatedAt: r.updated_at });

/**
 * PostgreSQL's WorkItemsStore: the core WorkItem as JSON text, with the same indexed columns as
 * SQLite's. Orders that SQLite leaves to NULLs-first or to its index walk are spelled out here
 * (NULLS FIRST, `id` as the last key, byte order for text), so both engines list items alike.
 */
export class PgWorkItemsStore implements WorkItemsStore {
  constructor(
    private readonly pg: PgExecutor,
    private readonly atRiskPct: number,
  ) {}

  /** Closed items whose close time (source clock) is at or after `since`. */
  async closedSince(since: number): Promise<WorkItem[]> {
    // closedAt is a JSON number when present (save writes it); the type check keeps a hand-edited row
    // from failing the cast. The order is the one SQLite's walk of work_items_open (open, stream, …) gives.
    const rows = await this.pg.rows<{ state: string }>(
      `SELECT w.state FROM work_items w CROSS JOIN LATERAL (SELECT ${SAFE_STATE_JSON} -> 'closedAt' AS closed_at OFFSET 0) j
        WHERE w.open = 0 AND json_typeof(j.closed_at) = 'number' AND (j.closed_at #>> '{}')::numeric >= $1
        ORDER BY w.stream COLLATE "C", w.severity_rank, w.resolution_due_at NULLS FIRST, w.id`,
      [since],
    );
    return rows.map((r) => JSON.parse(r.state) as WorkItem);
  }

  async openCounts(): Promise<Record<Stream, number>> {
    const counts: Record<Stream, number> = { alarm: 0, order: 0, truckroll: 0 };
    const rows = await this.pg.rows<{ stream: Stream; n: number }>('SELECT stream, count(*)::int AS n FROM work_items WHERE open = 1 GROUP BY stream');
    for (const r of rows) counts[r.stream] = r.n;
    return counts;
  }

  async setNextSlaCheck(id: number, at: number | null): Promise<void> {
    await this.pg.run('UPDATE work_items SET next_sla_check_at = $1 WHERE id = $2', [at, id]);
  }

  async get(itemKey: string): Promise<WorkItem | undefined> {
    const r = await this.pg.one<{ state: string }>('SELECT state FROM work_items WHERE item_key = $1', [itemKey]);
    return r ? (JSON.parse(r.state) as WorkItem) : undefined;
  }

  async findById(id: number): Promise<WorkItemRecord | undefined> {
    const r = await this.pg.one<RawItem>('SELECT id, state, updated_at FROM work_items WHERE id = $1', [id]);
    return r ? toRecord(r) : undefined;
  }

  async findByKey(itemKey: string): Promise<WorkItemRecord | undefined> {
    const r = await this.pg.one<RawItem>('SELECT id, state, updated_at FROM work_items WHERE item_key = $1', [itemKey]);
    return r ? toRecord(r) : undefined;
  }

  async save(item: WorkItem, now: number): Promise<number> {
    const row = await this.pg.one<{ id: number }>(
      `INSERT INTO work_items (item_key, stream, status, open, severity_rank, priority, assignee, appointment_start, response_due_at, resolution_due_at, next_sla_check_at, opened_at, updated_at, state, incident_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (item_key) DO UPDATE SET status = EXCLUDED.status, open = EXCLUDED.open, severity_rank = EXCLUDED.severity_rank,
         priority = EXCLUDED.priority, assignee = EXCLUDED.assignee, appointment_start = EXCLUDED.appointment_start,
         response_due_at = EXCLUDED.response_due_at, resolution_due_at = EXCLUDED.resolution_due_at,
         next_sla_check_at = EXCLUDED.next_sla_check_at, opened_at = EXCLUDED.opened_at, updated_at = EXCLUDED.updated_at, state = EXCLUDED.state,
         incident_id = EXCLUDED.incident_id
       RETURNING id`,
      [
        item.key,
        item.stream,
        item.status,
        item.open ? 1 : 0,
        item.severity ? SEVERITY_RANK[item.severity] : 9,
        item.priority ?? null,
        item.assignee ?? null,
        item.appointmentStart ?? null,
        item.sla.response.dueAt,
        item.sla.resolution.dueAt,
        nextSlaCheck(item, this.atRiskPct),
        item.openedAt,
        now,
        JSON.stringify(item),
        item.incidentId ?? null,
      ],
    );
    if (!row) throw new Error(`saving work item ${item.key} returned no id`);
    return row.id;
  }

  /** Items whose SLA clocks need a look at or before `now` (ties in id order, as SQLite's work_items_sla index gives them). */
  async dueForSlaCheck(now: number, limit: number): Promise<WorkItemRecord[]> {
    const rows = await this.pg.rows<RawItem>('SELECT id, state, updated_at FROM work_items WHERE next_sla_check_at <= $1 ORDER BY next_sla_check_at, id LIMIT $2', [now, limit]);
    return rows.map(toRecord);
  }

  async list(filter: ListFilter): Promise<WorkItemRecord[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.stream) {
      params.push(filter.stream);
      where.push(`stream = $${params.length}`);
    }
    if (filter.state !== 'all') {
      params.push(filter.state === 'open' ? 1 : 0);
      where.push(`open = $${params.length}`);
    }
    if (filter.assignee) {
      params.push(filter.assignee);
      where.push(`assignee = $${params.length}`);
    }
    // SQLite sorts NULLs first; `id` settles ties that SQLite leaves to its plan (mostly id order)
    const order =
      filter.stream === 'truckroll'
        ? 'coalesce(appointment_start, opened_at), id'
        : filter.state === 'open'
          ? 'severity_rank, coalesce(priority, 9), resolution_due_at NULLS FIRST, id'
          : 'updated_at DESC, id';
    params.push(filter.limit);
    const rows = await this.pg.rows<RawItem>(
      `SELECT id, state, updated_at FROM work_items ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }
}
