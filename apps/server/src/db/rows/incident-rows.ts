import type { AlarmIncidentState, IncidentChild, StrandedChild } from '../../services/ports/incident-store';

/** How each engine names a statement's parameters and the larger of two values. */
export interface SqlDialect {
  /** the n-th parameter (1-based): `$n` on PostgreSQL, `@pn` on SQLite (named, as SQLite cannot reuse `?`) */
  param(n: number): string;
  greatest: 'greatest' | 'max';
}

export const PG_DIALECT: SqlDialect = { param: (n) => `$${n}`, greatest: 'greatest' };
export const SQLITE_DIALECT: SqlDialect = { param: (n) => `@p${n}`, greatest: 'max' };

/** SQLite's named parameters for a positional list: { p1, p2, ... }. */
export function namedParams(values: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(values.map((v, i) => [`p${i + 1}`, v]));
}

/**
 * Runs' claims on their places, as one atomic upsert: a place's incident is joined when it is open and
 * the run's first raise is within the window of its latest (its window slides to the run's latest);
 * otherwise the run's own incident replaces it. `rows` is the VALUES or SELECT that yields (place,
 * incident_id, root_key, opened_at, last_raised_at), one row per place; `windowMs` names the window
 * parameter. Answers each place's incident.
 */
export function claimSql(d: SqlDialect, rows: string, windowMs: string): string {
  const joins = `(incident_claims.closed = 0 AND ${windowMs} > 0 AND excluded.opened_at <= incident_claims.last_raised_at + ${windowMs} AND excluded.opened_at >= incident_claims.opened_at - ${windowMs})`;
  const keep = (column: string) => `${column} = CASE WHEN ${joins} THEN incident_claims.${column} ELSE excluded.${column} END`;
  return `INSERT INTO incident_claims (place, incident_id, root_key, opened_at, last_raised_at, closed) ${rows}
    ON CONFLICT (place) DO UPDATE SET ${keep('incident_id')}, ${keep('root_key')}, ${keep('opened_at')},
      last_raised_at = CASE WHEN ${joins} THEN ${d.greatest}(incident_claims.last_raised_at, excluded.last_raised_at) ELSE excluded.last_raised_at END,
      closed = 0
    RETURNING place, incident_id, root_key`;
}

/** Claims in waves of distinct places (one upsert may touch a row once): a place's second run goes in the next wave. */
export function claimWaves<T extends { place: string }>(requests: readonly T[]): T[][] {
  const waves: T[][] = [];
  const seen = new Map<string, number>();
  for (const request of requests) {
    const wave = seen.get(request.place) ?? 0;
    seen.set(request.place, wave + 1);
    (waves[wave] ??= []).push(request);
  }
  return waves;
}

/** A stranded child as both adapters read it (see strandedSql). */
export interface RawStranded {
  item_key: string;
  opened_at: number | string;
  incident_id: string;
  root_cleared_at: number | string;
}

export function toStranded(r: RawStranded): StrandedChild {
  return { itemKey: r.item_key, openedAt: Number(r.opened_at), incidentId: r.incident_id, rootClearedAt: Number(r.root_cleared_at) };
}

/**
 * Open children of incidents whose root alarm is cleared, in either dialect (`field(table, name)`
 * reads a field of a row's state JSON as text or number): the open ones are read through the
 * partial index of open incident alarms (migration 023; SQLite's planner is told to, `indexHint`,
 * as it would walk every open item of every stream; CROSS JOIN keeps the children the outer loop),
 * each root by the incident index.
 */
export function strandedSql(field: (row: string, name: string) => string, rootFlag: (row: string) => string, clearedBy: string, limit: string, indexHint = ''): string {
  return `SELECT c.item_key, c.opened_at, c.incident_id, ${field('r', 'closedAt')} AS root_cleared_at
    FROM work_items c ${indexHint} CROSS JOIN work_items r
    WHERE r.incident_id = c.incident_id AND r.open = 0 AND c.incident_id IS NOT NULL AND c.open = 1 AND NOT ${rootFlag('c')} AND ${rootFlag('r')} AND ${field('r', 'closedAt')} <= ${clearedBy}
    ORDER BY c.incident_id, c.opened_at, c.item_key LIMIT ${limit}`;
}

/** An alarm's incident fields as both adapters read them (picked out of the state JSON by SQL, not parsed here). */
export interface RawAlarmState {
  item_key: string;
  open: number;
  opened_at: number | string;
  closed_at: number | string | null;
  incident_id: string | null;
  incident_root: number | boolean | string | null;
  customers: number | string | null;
}

/** The columns of RawAlarmState from a work_items row `w`, in SQLite's dialect. */
export const SQLITE_ALARM_STATE = `w.item_key, w.open, w.opened_at, json_extract(w.state, '$.closedAt') AS closed_at, w.incident_id,
  json_extract(w.state, '$.incidentRoot') AS incident_root, json_extract(w.state, '$.customersAffected') AS customers`;

/** The same in PostgreSQL's (the state is text holding JSON). */
export const PG_ALARM_STATE = `w.item_key, w.open, w.opened_at, (s.j ->> 'closedAt')::numeric AS closed_at, w.incident_id,
  (s.j ->> 'incidentRoot') AS incident_root, (s.j ->> 'customersAffected')::numeric AS customers`;

/**
 * The state parsed once per row for PG_ALARM_STATE, after `work_items w` (a cast written three times
 * is parsed three times; OFFSET 0 keeps the planner from folding the subquery back into them).
 */
export const PG_ALARM_JSON = 'CROSS JOIN LATERAL (SELECT w.state::jsonb AS j OFFSET 0) AS s';

export function toAlarmState(r: RawAlarmState): AlarmIncidentState {
  const state: AlarmIncidentState = { itemKey: r.item_key, open: Number(r.open) === 1, openedAt: Number(r.opened_at), customersAffected: Math.max(0, Number(r.customers ?? 0) || 0) };
  if (r.closed_at !== null && r.closed_at !== undefined) state.closedAt = Number(r.closed_at);
  if (r.incident_id !== null) {
    state.incidentId = r.incident_id;
    state.incidentRoot = r.incident_root === 1 || r.incident_root === true || r.incident_root === 'true';
  }
  return state;
}

/** Root first, then by when each alarm's life began. */
export function rootFirst(a: AlarmIncidentState, b: AlarmIncidentState): number {
  return Number(b.incidentRoot === true) - Number(a.incidentRoot === true) || a.openedAt - b.openedAt || (a.itemKey < b.itemKey ? -1 : 1);
}

/** The alarms that are not their incident's root, in a stable order (by incident, raise, key). */
export function childrenOf(alarms: readonly AlarmIncidentState[]): IncidentChild[] {
  const children: IncidentChild[] = [];
  for (const a of alarms) if (a.incidentRoot !== true && a.incidentId !== undefined) children.push({ itemKey: a.itemKey, openedAt: a.openedAt, incidentId: a.incidentId });
  return children.sort((x, y) => (x.incidentId < y.incidentId ? -1 : x.incidentId > y.incidentId ? 1 : x.openedAt - y.openedAt || (x.itemKey < y.itemKey ? -1 : 1)));
}
