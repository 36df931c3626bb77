import { SEVERITY_RANK } from '@opsquest/core';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../database';
import type { WorkItemRecord } from '../../services/ports/work-items-store';
import { type AlarmHistoryEntry, type AlarmPageFilter, type TmfAlarmsStore } from '../../services/ports/tmf-alarms-store';
import { type RawItem, type RawHistory, toRecord } from '../rows/tmf-alarms-rows';

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
/** Keys per history query, well under SQLite's bound-parameter limit. */
const HISTORY_CHUNK = 500;

/** Alarm work items as the TMF642 API reads them: filtered pages with a total, open alarms for task patterns, and their event history. */
export class SqliteTmfAlarmsStore implements TmfAlarmsStore {
  private readonly statements = new Map<string, Statement<(string | number)[], unknown>>();
  private readonly openAll;

  constructor(private readonly db: Db) {
    this.openAll = db.prepare<[], RawItem>("SELECT id, state, updated_at FROM work_items WHERE stream = 'alarm' AND open = 1 ORDER BY id");
  }

  private prepared<R>(sql: string): Statement<(string | number)[], R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<(string | number)[], unknown>(sql);
      this.statements.set(sql, statement);
    }
    return statement as Statement<(string | number)[], R>;
  }

  async incidentRoots(incidentIds: readonly string[]): Promise<Map<string, number>> {
    if (incidentIds.length === 0) return new Map();
    const rows = this.prepared<{ incident_id: string; id: number }>(
      "SELECT w.incident_id, w.id FROM json_each(?) k CROSS JOIN work_items w ON w.incident_id = k.value WHERE json_extract(w.state, '$.incidentRoot') = 1",
    ).all(JSON.stringify([...new Set(incidentIds)]));
    return new Map(rows.map((r) => [r.incident_id, r.id]));
  }

  /** One page of alarms in creation order (stable under new arrivals) and how many match in all. */
  async page(filter: AlarmPageFilter): Promise<{ total: number; records: WorkItemRecord[] }> {
    const where = ["stream = 'alarm'"];
    const params: (string | number)[] = [];
    if (filter.states?.length) {
      where.push(`status IN (${placeholders(filter.states.length)})`);
      params.push(...filter.states);
    }
    if (filter.severities?.length) {
      where.push(`severity_rank IN (${placeholders(filter.severities.length)})`);
      params.push(...filter.severities.map((s) => SEVERITY_RANK[s]));
    }
    if (filter.ackStates?.length) {
      where.push(`coalesce(json_extract(state, '$.ackState'), 'unacknowledged') IN (${placeholders(filter.ackStates.length)})`);
      params.push(...filter.ackStates);
    }
    const clause = where.join(' AND ');
    const total = this.prepared<{ n: number }>(`SELECT count(*) AS n FROM work_items WHERE ${clause}`).get(...params)?.n ?? 0;
    const rows = this.prepared<RawItem>(`SELECT id, state, updated_at FROM work_items WHERE ${clause} ORDER BY id LIMIT ? OFFSET ?`).all(...params, filter.limit, filter.offset);
    return { total, records: rows.map(toRecord) };
  }

  /** Every open alarm (candidates for an AckAlarms / ClearAlarms pattern). */
  async openAlarms(): Promise<WorkItemRecord[]> {
    return this.openAll.all().map(toRecord);
  }

  /** The applied events of each item, in log order. */
  async historyOf(itemKeys: readonly string[]): Promise<Map<string, AlarmHistoryEntry[]>> {
    const out = new Map<string, AlarmHistoryEntry[]>();
    const unique = [...new Set(itemKeys)];
    for (let i = 0; i < unique.length; i += HISTORY_CHUNK) {
      const chunk = unique.slice(i, i + HISTORY_CHUNK);
      const rows = this.prepared<RawHistory>(
        `SELECT item_key, transition, occurred_at, via, raw FROM events WHERE applied = 1 AND item_key IN (${placeholders(chunk.length)}) ORDER BY seq`,
      ).all(...chunk);
      for (const r of rows) {
        const list = out.get(r.item_key) ?? [];
        list.push({ transition: r.transition, occurredAt: r.occurred_at, via: r.via, raw: r.raw });
        out.set(r.item_key, list);
      }
    }
    return out;
  }
}
