import { SEVERITY_RANK, type Stream, type WorkItem } from '@opsquest/core';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../database';
import { nextSlaCheck, type WorkItemRecord, type ListFilter, type WorkItemsStore } from '../../services/ports/work-items-store';

interface RawItem {
  id: number;
  state: string;
  updated_at: number;
}

/** Current state of each work item (the core WorkItem as JSON, with indexed columns for queries). */
export class SqliteWorkItemsStore implements WorkItemsStore {
  private readonly byKey;
  private readonly byId;
  private readonly upsert;
  private readonly due;
  private readonly setCheck;
  private readonly closed;
  private readonly openCount;
  private readonly listStatements = new Map<string, Statement<(string | number)[], RawItem>>();

  constructor(
    private readonly db: Db,
    private readonly atRiskPct: number,
  ) {
    this.byKey = db.prepare<[string], RawItem>('SELECT id, state, updated_at FROM work_items WHERE item_key = ?');
    this.byId = db.prepare<[number], RawItem>('SELECT id, state, updated_at FROM work_items WHERE id = ?');
    this.upsert = db.prepare(
      `INSERT INTO work_items (item_key, stream, status, open, severity_rank, priority, assignee, appointment_start, response_due_at, resolution_due_at, next_sla_check_at, opened_at, updated_at, state, incident_id)
       VALUES (@key, @stream, @status, @open, @severityRank, @priority, @assignee, @appointmentStart, @responseDueAt, @resolutionDueAt, @nextCheck, @openedAt, @updatedAt, @state, @incidentId)
       ON CONFLICT (item_key) DO UPDATE SET status = excluded.status, open = excluded.open, severity_rank = excluded.severity_rank,
         priority = excluded.priority, assignee = excluded.assignee, appointment_start = excluded.appointment_start,
         response_due_at = excluded.response_due_at, resolution_due_at = excluded.resolution_due_at,
         next_sla_check_at = excluded.next_sla_check_at, opened_at = excluded.opened_at, updated_at = excluded.updated_at, state = excluded.state,
         incident_id = excluded.incident_id
       RETURNING id`,
    );
    this.closed = db.prepare<[number], { state: string }>("SELECT state FROM work_items WHERE open = 0 AND json_extract(state, '$.closedAt') >= ?");
    this.openCount = db.prepare<[], { stream: Stream; n: number }>('SELECT stream, count(*) AS n FROM work_items WHERE open = 1 GROUP BY stream');
    this.setCheck = db.prepare('UPDATE work_items SET next_sla_check_at = ? WHERE id = ?');
    this.due = db.prepare<[number, number], RawItem>(
      'SELECT id, state, updated_at FROM work_items WHERE next_sla_check_at <= ? ORDER BY next_sla_check_at LIMIT ?',
    );
  }

  /** Closed items whose close time (source clock) is at or after `since`. */
  async closedSince(since: number): Promise<WorkItem[]> {
    return this.closed.all(since).map((r) => JSON.parse(r.state) as WorkItem);
  }

  async openCounts(): Promise<Record<Stream, number>> {
    const counts: Record<Stream, number> = { alarm: 0, order: 0, truckroll: 0 };
    for (const r of this.openCount.all()) counts[r.stream] = r.n;
    return counts;
  }

  async setNextSlaCheck(id: number, at: number | null): Promise<void> {
    this.setCheck.run(at, id);
  }

  async get(itemKey: string): Promise<WorkItem | undefined> {
    const r = this.byKey.get(itemKey);
    return r ? (JSON.parse(r.state) as WorkItem) : undefined;
  }

  async findById(id: number): Promise<WorkItemRecord | undefined> {
    const r = this.byId.get(id);
    return r ? { id: r.id, item: JSON.parse(r.state) as WorkItem, updatedAt: r.updated_at } : undefined;
  }

  async findByKey(itemKey: string): Promise<WorkItemRecord | undefined> {
    const r = this.byKey.get(itemKey);
    return r ? { id: r.id, item: JSON.parse(r.state) as WorkItem, updatedAt: r.updated_at } : undefined;
  }

  async save(item: WorkItem, now: number): Promise<number> {
    const row = this.upsert.get({
      key: item.key,
      stream: item.stream,
      status: item.status,
      open: item.open ? 1 : 0,
      severityRank: item.severity ? SEVERITY_RANK[item.severity] : 9,
      priority: item.priority ?? null,
      assignee: item.assignee ?? null,
      appointmentStart: item.appointmentStart ?? null,
      responseDueAt: item.sla.response.dueAt,
      resolutionDueAt: item.sla.resolution.dueAt,
      nextCheck: nextSlaCheck(item, this.atRiskPct),
      openedAt: item.openedAt,
      updatedAt: now,
      state: JSON.stringify(item),
      incidentId: item.incidentId ?? null,
    }) as { id: number };
    return row.id;
  }

  /** Items whose SLA clocks need a look at or before `now`. */
  async dueForSlaCheck(now: number, limit: number): Promise<WorkItemRecord[]> {
    return this.due.all(now, limit).map((r) => ({ id: r.id, item: JSON.parse(r.state) as WorkItem, updatedAt: r.updated_at }));
  }

  async list(filter: ListFilter): Promise<WorkItemRecord[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.stream) {
      where.push('stream = ?');
      params.push(filter.stream);
    }
    if (filter.state !== 'all') {
      where.push('open = ?');
      params.push(filter.state === 'open' ? 1 : 0);
    }
    if (filter.assignee) {
      where.push('assignee = ?');
      params.push(filter.assignee);
    }
    const order =
      filter.stream === 'truckroll'
        ? 'coalesce(appointment_start, opened_at), id'
        : filter.state === 'open'
          ? 'severity_rank, coalesce(priority, 9), resolution_due_at, id'
          : 'updated_at DESC';
    const sql = `SELECT id, state, updated_at FROM work_items ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
    let statement = this.listStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<(string | number)[], RawItem>(sql);
      this.listStatements.set(sql, statement);
    }
    return statement
      .all(...params, filter.limit)
      .map((r) => ({ id: r.id, item: JSON.parse(r.state) as WorkItem, updatedAt: r.updated_at }));
  }
}
