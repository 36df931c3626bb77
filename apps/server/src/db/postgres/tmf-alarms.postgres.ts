import { SEVERITY_RANK } from '@opsquest/core';
import type { WorkItemRecord } from '../../services/ports/work-items-store';
import type { AlarmHistoryEntry, AlarmPageFilter, TmfAlarmsStore } from '../../services/ports/tmf-alarms-store';
import type { PgExecutor } from './executor.postgres';
import { SAFE_STATE_JSON } from './work-items.postgres';
import { type RawItem, type RawHistory, toRecord } from '../rows/tmf-alarms-rows';

/** Keys per history query: the same chunks as SQLite's, so the map lists items in the same order. */
const HISTORY_CHUNK = 500;

/** PostgreSQL's TmfAlarmsStore: alarm work items as the TMF642 API reads them. */
export class PgTmfAlarmsStore implements TmfAlarmsStore {
  constructor(private readonly pg: PgExecutor) {}

  /** One page of alarms in creation order (stable under new arrivals) and how many match in all. */
  async page(filter: AlarmPageFilter): Promise<{ total: number; records: WorkItemRecord[] }> {
    const where = ["stream = 'alarm'"];
    const params: unknown[] = [];
    if (filter.states?.length) {
      params.push([...filter.states]);
      where.push(`status = ANY($${params.length}::text[])`);
    }
    if (filter.severities?.length) {
      params.push(filter.severities.map((s) => SEVERITY_RANK[s]));
      where.push(`severity_rank = ANY($${params.length}::int[])`);
    }
    if (filter.ackStates?.length) {
      params.push([...filter.ackStates]);
      where.push(`coalesce(${SAFE_STATE_JSON} ->> 'ackState', 'unacknowledged') = ANY($${params.length}::text[])`);
    }
    const clause = where.join(' AND ');
    params.push(filter.limit, filter.offset);
    // the total and the page in one statement: one snapshot, so the total counts the rows the page is cut from
    const rows = await this.pg.rows<{ total: number; id: number | null; state: string | null; updated_at: number | null }>(
      `SELECT t.total, p.id, p.state, p.updated_at
         FROM (SELECT count(*)::int AS total FROM work_items WHERE ${clause}) t
         LEFT JOIN LATERAL (SELECT id, state, updated_at FROM work_items WHERE ${clause} ORDER BY id LIMIT $${params.length - 1} OFFSET $${params.length}) p ON true
        ORDER BY p.id`,
      params,
    );
    const records: WorkItemRecord[] = [];
    for (const r of rows) {
      if (r.id !== null && r.state !== null && r.updated_at !== null) records.push(toRecord({ id: r.id, state: r.state, updated_at: r.updated_at }));
    }
    return { total: rows[0]?.total ?? 0, records };
  }

  /** Every open alarm (candidates for an AckAlarms / ClearAlarms pattern). */
  async openAlarms(): Promise<WorkItemRecord[]> {
    return (await this.pg.rows<RawItem>("SELECT id, state, updated_at FROM work_items WHERE stream = 'alarm' AND open = 1 ORDER BY id")).map(toRecord);
  }

  /** The applied events of each item, in log order. */
  async incidentRoots(incidentIds: readonly string[]): Promise<Map<string, number>> {
    if (incidentIds.length === 0) return new Map();
    const rows = await this.pg.rows<{ incident_id: string; id: number }>(
      "SELECT w.incident_id, w.id FROM work_items w WHERE w.incident_id = ANY($1::text[]) AND (w.state::jsonb ->> 'incidentRoot') = 'true'",
      [[...new Set(incidentIds)]],
    );
    return new Map(rows.map((r) => [r.incident_id, Number(r.id)]));
  }

  async historyOf(itemKeys: readonly string[]): Promise<Map<string, AlarmHistoryEntry[]>> {
    const out = new Map<string, AlarmHistoryEntry[]>();
    const unique = [...new Set(itemKeys)];
    for (let i = 0; i < unique.length; i += HISTORY_CHUNK) {
      const rows = await this.pg.rows<RawHistory>(
        'SELECT item_key, transition, occurred_at, via, raw FROM events WHERE applied = 1 AND item_key = ANY($1::text[]) ORDER BY seq',
        [unique.slice(i, i + HISTORY_CHUNK)],
      );
      for (const r of rows) {
        const list = out.get(r.item_key) ?? [];
        list.push({ transition: r.transition, occurredAt: r.occurred_at, via: r.via, raw: r.raw });
        out.set(r.item_key, list);
      }
    }
    return out;
  }
}
