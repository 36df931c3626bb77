import type {
  CustomersProtectedRow,
  NetworkStore,
  PlaceHistoryQuery,
  PlaceItemRow,
  PlaceKind,
  RecurringFaultRow,
  RecurringFaultsQuery,
  RepeatPlaceRow,
  RepeatPlacesQuery,
} from '../../services/ports/network-store';
import type { PgExecutor } from './executor.postgres';
import { SAFE_STATE_JSON } from './work-items.postgres';

/** The state as JSON, parsed once per row (`j`). */
const STATE = `CROSS JOIN LATERAL (SELECT ${SAFE_STATE_JSON} AS j OFFSET 0) s`;
/** A JSON number of the state, else 0 (SQLite's twin checks typeof the same way). */
const numberOf = (key: string): string => `CASE WHEN json_typeof(j -> '${key}') = 'number' THEN (j ->> '${key}')::numeric ELSE 0 END`;
const NOT_PLANNED = "(j ->> 'maintenanceWindowId') IS NULL";
const textOf = (key: string): string => `CASE WHEN json_typeof(j -> '${key}') = 'string' THEN j ->> '${key}' END`;

interface RawFault {
  site: string;
  region: string | null;
  cause: string | null;
  recent: number;
  total: number;
  last_seen: number;
  open_now: number;
  customers: number;
}

interface RawPlace {
  place: string;
  rf: number;
  rv: number;
  ro: number;
  tf: number;
  tv: number;
  tor: number;
  last_seen: number;
  open_now: number;
}

interface RawPlaceItem {
  id: number;
  place: string;
  stream: string;
  status: string;
  open: number;
  opened_at: number;
  title: string | null;
  closed_at: number | null;
  resolved_by: string | null;
  ftf: boolean | null;
  ca: number;
  site: string | null;
  customer: string | null;
}

function faultsSql(byCause: boolean): string {
  return `WITH a AS (
      SELECT w.open, w.opened_at, ${textOf('site')} AS site, ${textOf('region')} AS region, ${textOf('probableCause')} AS cause,
        CASE WHEN json_typeof(j -> 'lastRaisedAt') = 'number' THEN GREATEST(w.opened_at, (j ->> 'lastRaisedAt')::numeric) ELSE w.opened_at END AS seen,
        ${numberOf('customersAffected')} AS ca
      FROM work_items w ${STATE}
      WHERE w.stream = 'alarm' AND w.opened_at >= $1 AND ${NOT_PLANNED}
    )
    SELECT * FROM (
      SELECT site, max(region COLLATE "C") AS region, ${byCause ? 'cause' : 'NULL::text'} AS cause,
        sum(CASE WHEN opened_at >= $2 THEN 1 ELSE 0 END)::int AS recent, count(*)::int AS total,
        max(seen)::bigint AS last_seen, sum(open)::int AS open_now, sum(ca)::bigint AS customers
      FROM a WHERE site IS NOT NULL AND site <> '' AND ($3::text IS NULL OR region = $3::text)
      GROUP BY site${byCause ? ', cause' : ''}
      HAVING count(*) >= $4
    ) g
    ORDER BY recent DESC, total DESC, last_seen DESC, site COLLATE "C", cause COLLATE "C" NULLS FIRST
    LIMIT $5`;
}

function placesSql(kind: PlaceKind): string {
  return `WITH i AS (
      SELECT w.stream, w.open, w.opened_at, ${textOf(kind)} AS place
      FROM work_items w ${STATE}
      WHERE w.stream IN ('alarm', 'truckroll', 'order') AND w.opened_at >= $1 AND ${NOT_PLANNED}
    )
    SELECT * FROM (
      SELECT place,
        sum(CASE WHEN stream = 'alarm' AND opened_at >= $2 THEN 1 ELSE 0 END)::int AS rf,
        sum(CASE WHEN stream = 'truckroll' AND opened_at >= $2 THEN 1 ELSE 0 END)::int AS rv,
        sum(CASE WHEN stream = 'order' AND opened_at >= $2 THEN 1 ELSE 0 END)::int AS ro,
        sum(CASE WHEN stream = 'alarm' THEN 1 ELSE 0 END)::int AS tf,
        sum(CASE WHEN stream = 'truckroll' THEN 1 ELSE 0 END)::int AS tv,
        sum(CASE WHEN stream = 'order' THEN 1 ELSE 0 END)::int AS tor,
        max(opened_at) AS last_seen, sum(open)::int AS open_now
      FROM i WHERE place IS NOT NULL AND place <> ''
      GROUP BY place
      HAVING sum(CASE WHEN stream IN ('alarm', 'truckroll') THEN 1 ELSE 0 END) >= $3
    ) g
    ORDER BY rf + rv DESC, tf + tv DESC, last_seen DESC, place COLLATE "C"
    LIMIT $4`;
}

function historySql(kind: PlaceKind): string {
  return `WITH i AS (
      SELECT w.id, w.stream, w.status, w.open, w.opened_at, j, ${textOf(kind)} AS place
      FROM work_items w ${STATE}
      WHERE w.stream IN ('alarm', 'truckroll', 'order') AND w.opened_at >= $1 AND ${NOT_PLANNED}
    ), ranked AS (
      SELECT i.*, row_number() OVER (PARTITION BY place ORDER BY opened_at DESC, id DESC) AS n
      FROM i WHERE place = ANY($2::text[])
    )
    SELECT id, place, stream, status, open, opened_at, ${textOf('title')} AS title,
      CASE WHEN json_typeof(j -> 'closedAt') = 'number' THEN (j ->> 'closedAt')::bigint END AS closed_at,
      ${textOf('resolvedBy')} AS resolved_by,
      CASE WHEN json_typeof(j -> 'firstTimeFix') = 'boolean' THEN (j ->> 'firstTimeFix')::boolean END AS ftf,
      (${numberOf('customersAffected')})::bigint AS ca, ${textOf('site')} AS site, ${textOf('customer')} AS customer
    FROM ranked WHERE n <= $3 ORDER BY opened_at DESC, id DESC`;
}

const PROTECTED_SQL = `WITH c AS (
    SELECT w.stream, lower(${textOf('resolvedBy')}) AS username,
      CASE WHEN json_typeof(j -> 'closedAt') = 'number' THEN (j ->> 'closedAt')::numeric END AS closed_at,
      ${numberOf('customersAffected')} AS ca, ${textOf('customer')} AS customer
    FROM work_items w ${STATE}
    WHERE w.open = 0 AND ((w.stream = 'alarm' AND w.status = 'cleared') OR (w.stream = 'truckroll' AND w.status = 'completed')) AND ${NOT_PLANNED}
      AND (w.incident_id IS NULL OR (j ->> 'incidentRoot') = 'true')
  ), p AS (
    SELECT username, stream,
      CASE WHEN ca > 0 THEN ca WHEN stream = 'truckroll' AND customer IS NOT NULL AND customer <> '' THEN 1 ELSE 0 END AS customers
    FROM c WHERE username IS NOT NULL AND username <> '' AND closed_at >= $1 AND closed_at < $2
  )
  SELECT username, sum(customers)::bigint AS customers,
    sum(CASE WHEN stream = 'alarm' AND customers > 0 THEN 1 ELSE 0 END)::int AS alarms,
    sum(CASE WHEN stream = 'truckroll' AND customers > 0 THEN 1 ELSE 0 END)::int AS truck_rolls
  FROM p GROUP BY username HAVING sum(customers) > 0 ORDER BY username COLLATE "C"`;

/**
 * PostgreSQL's NetworkStore, the twin of SqliteNetworkStore: the state's JSON parsed once per row
 * (SAFE_STATE_JSON), values read only when of the JSON type SQLite's adapter accepts, text ordered
 * byte-wise (COLLATE "C") and a missing cause first, as SQLite orders them.
 */
export class PgNetworkStore implements NetworkStore {
  constructor(private readonly pg: PgExecutor) {}

  async recurringFaults(q: RecurringFaultsQuery): Promise<RecurringFaultRow[]> {
    const rows = await this.pg.rows<RawFault>(faultsSql(q.byCause), [q.since, q.recentSince, q.region ?? null, q.minCount, q.limit]);
    return rows.map((r) => ({
      site: r.site,
      region: r.region,
      probableCause: q.byCause ? r.cause : null,
      recent: r.recent,
      total: r.total,
      lastSeenAt: r.last_seen,
      open: r.open_now,
      customersAffected: r.customers,
    }));
  }

  async repeatPlaces(q: RepeatPlacesQuery): Promise<RepeatPlaceRow[]> {
    const rows = await this.pg.rows<RawPlace>(placesSql(q.kind), [q.since, q.recentSince, q.minCount, q.limit]);
    return rows.map((r) => ({
      key: r.place,
      recent: { faults: r.rf, visits: r.rv, orders: r.ro },
      total: { faults: r.tf, visits: r.tv, orders: r.tor },
      lastSeenAt: r.last_seen,
      open: r.open_now,
    }));
  }

  async placeHistory(q: PlaceHistoryQuery): Promise<PlaceItemRow[]> {
    if (q.keys.length === 0) return [];
    const rows = await this.pg.rows<RawPlaceItem>(historySql(q.kind), [q.since, [...q.keys], q.perPlace]);
    return rows.map((r) => ({
      place: r.place,
      id: r.id,
      stream: r.stream,
      title: r.title ?? '',
      status: r.status,
      open: r.open === 1,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      resolvedBy: r.resolved_by,
      firstTimeFix: r.ftf,
      customersAffected: r.ca,
      site: r.site,
      customer: r.customer,
    }));
  }

  async customersProtected(from: number, to: number): Promise<CustomersProtectedRow[]> {
    const rows = await this.pg.rows<{ username: string; customers: number; alarms: number; truck_rolls: number }>(PROTECTED_SQL, [from, to]);
    return rows.map((r) => ({ username: r.username, customers: r.customers, alarms: r.alarms, truckRolls: r.truck_rolls }));
  }
}
