import type { Statement } from 'better-sqlite3';
import type { Db } from '../database';
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

/** A JSON number of the state, else 0 (a hand-edited row must not break a sum). */
const numberOf = (path: string): string => `CASE WHEN typeof(json_extract(state, '${path}')) IN ('integer', 'real') THEN json_extract(state, '${path}') ELSE 0 END`;
const NOT_PLANNED = "json_extract(state, '$.maintenanceWindowId') IS NULL";

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
  title: unknown;
  closed_at: unknown;
  resolved_by: unknown;
  ftf: unknown;
  ca: number;
  site: unknown;
  customer: unknown;
}

function faultsSql(byCause: boolean): string {
  return `WITH a AS (
      SELECT open, opened_at, json_extract(state, '$.site') AS site, json_extract(state, '$.region') AS region,
        json_extract(state, '$.probableCause') AS cause,
        CASE WHEN typeof(json_extract(state, '$.lastRaisedAt')) IN ('integer', 'real') THEN max(opened_at, json_extract(state, '$.lastRaisedAt')) ELSE opened_at END AS seen,
        ${numberOf('$.customersAffected')} AS ca
      FROM work_items WHERE stream = 'alarm' AND opened_at >= @since AND ${NOT_PLANNED}
    )
    SELECT site, max(region) AS region, ${byCause ? 'cause' : 'NULL'} AS cause, sum(opened_at >= @recentSince) AS recent, count(*) AS total,
      max(seen) AS last_seen, sum(open) AS open_now, sum(ca) AS customers
    FROM a WHERE typeof(site) = 'text' AND site <> '' AND (@region IS NULL OR region = @region)
    GROUP BY site${byCause ? ', cause' : ''}
    HAVING count(*) >= @minCount
    ORDER BY recent DESC, total DESC, last_seen DESC, site, cause
    LIMIT @limit`;
}

function placesSql(kind: PlaceKind): string {
  return `WITH i AS (
      SELECT stream, open, opened_at, json_extract(state, '$.${kind}') AS place
      FROM work_items WHERE stream IN ('alarm', 'truckroll', 'order') AND opened_at >= @since AND ${NOT_PLANNED}
    )
    SELECT place,
      sum(stream = 'alarm' AND opened_at >= @recentSince) AS rf, sum(stream = 'truckroll' AND opened_at >= @recentSince) AS rv,
      sum(stream = 'order' AND opened_at >= @recentSince) AS ro,
      sum(stream = 'alarm') AS tf, sum(stream = 'truckroll') AS tv, sum(stream = 'order') AS tor,
      max(opened_at) AS last_seen, sum(open) AS open_now
    FROM i WHERE typeof(place) = 'text' AND place <> ''
    GROUP BY place
    HAVING sum(stream IN ('alarm', 'truckroll')) >= @minCount
    ORDER BY rf + rv DESC, tf + tv DESC, last_seen DESC, place
    LIMIT @limit`;
}

function historySql(kind: PlaceKind): string {
  return `WITH i AS (
      SELECT id, stream, status, open, opened_at, state, json_extract(state, '$.${kind}') AS place
      FROM work_items WHERE stream IN ('alarm', 'truckroll', 'order') AND opened_at >= @since AND ${NOT_PLANNED}
    ), ranked AS (
      SELECT *, row_number() OVER (PARTITION BY place ORDER BY opened_at DESC, id DESC) AS n
      FROM i WHERE place IN (SELECT value FROM json_each(@keys))
    )
    SELECT id, place, stream, status, open, opened_at, json_extract(state, '$.title') AS title, json_extract(state, '$.closedAt') AS closed_at,
      json_extract(state, '$.resolvedBy') AS resolved_by, json_extract(state, '$.firstTimeFix') AS ftf, ${numberOf('$.customersAffected')} AS ca,
      json_extract(state, '$.site') AS site, json_extract(state, '$.customer') AS customer
    FROM ranked WHERE n <= @perPlace ORDER BY opened_at DESC, id DESC`;
}

const PROTECTED_SQL = `WITH c AS (
    SELECT stream, lower(json_extract(state, '$.resolvedBy')) AS username, json_extract(state, '$.closedAt') AS closed_at,
      ${numberOf('$.customersAffected')} AS ca, json_extract(state, '$.customer') AS customer
    FROM work_items
    WHERE open = 0 AND ((stream = 'alarm' AND status = 'cleared') OR (stream = 'truckroll' AND status = 'completed')) AND ${NOT_PLANNED}
      AND (incident_id IS NULL OR json_extract(state, '$.incidentRoot') = 1)
  ), p AS (
    SELECT username, stream,
      CASE WHEN ca > 0 THEN ca WHEN stream = 'truckroll' AND typeof(customer) = 'text' AND customer <> '' THEN 1 ELSE 0 END AS customers
    FROM c WHERE typeof(username) = 'text' AND username <> '' AND typeof(closed_at) IN ('integer', 'real') AND closed_at >= ? AND closed_at < ?
  )
  SELECT username, sum(customers) AS customers, sum(stream = 'alarm' AND customers > 0) AS alarms, sum(stream = 'truckroll' AND customers > 0) AS truck_rolls
  FROM p GROUP BY username HAVING sum(customers) > 0 ORDER BY username`;

const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** SQLite's NetworkStore: aggregations over work_items' JSON state (json_extract), one statement per question. */
export class SqliteNetworkStore implements NetworkStore {
  private readonly faults: Record<'site' | 'cause', Statement<[Record<string, unknown>], RawFault>>;
  private readonly places: Record<PlaceKind, Statement<[Record<string, unknown>], RawPlace>>;
  private readonly history: Record<PlaceKind, Statement<[Record<string, unknown>], RawPlaceItem>>;
  private readonly protectedBy: Statement<[number, number], { username: string; customers: number; alarms: number; truck_rolls: number }>;

  constructor(db: Db) {
    this.faults = { site: db.prepare(faultsSql(false)), cause: db.prepare(faultsSql(true)) };
    this.places = { customer: db.prepare(placesSql('customer')), site: db.prepare(placesSql('site')) };
    this.history = { customer: db.prepare(historySql('customer')), site: db.prepare(historySql('site')) };
    this.protectedBy = db.prepare(PROTECTED_SQL);
  }

  async recurringFaults(q: RecurringFaultsQuery): Promise<RecurringFaultRow[]> {
    const rows = this.faults[q.byCause ? 'cause' : 'site'].all({ since: q.since, recentSince: q.recentSince, region: q.region ?? null, minCount: q.minCount, limit: q.limit });
    return rows.map((r) => ({
      site: r.site,
      region: textOrNull(r.region),
      probableCause: q.byCause ? textOrNull(r.cause) : null,
      recent: r.recent,
      total: r.total,
      lastSeenAt: r.last_seen,
      open: r.open_now,
      customersAffected: r.customers,
    }));
  }

  async repeatPlaces(q: RepeatPlacesQuery): Promise<RepeatPlaceRow[]> {
    const rows = this.places[q.kind].all({ since: q.since, recentSince: q.recentSince, minCount: q.minCount, limit: q.limit });
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
    const rows = this.history[q.kind].all({ since: q.since, keys: JSON.stringify(q.keys), perPlace: q.perPlace });
    return rows.map((r) => ({
      place: r.place,
      id: r.id,
      stream: r.stream,
      title: textOrNull(r.title) ?? '',
      status: r.status,
      open: r.open === 1,
      openedAt: r.opened_at,
      closedAt: typeof r.closed_at === 'number' ? r.closed_at : null,
      resolvedBy: textOrNull(r.resolved_by),
      // json_extract reads a JSON true / false as 1 / 0
      firstTimeFix: r.ftf === 1 ? true : r.ftf === 0 ? false : null,
      customersAffected: r.ca,
      site: textOrNull(r.site),
      customer: textOrNull(r.customer),
    }));
  }

  async customersProtected(from: number, to: number): Promise<CustomersProtectedRow[]> {
    return this.protectedBy.all(from, to).map((r) => ({ username: r.username, customers: r.customers, alarms: r.alarms, truckRolls: r.truck_rolls }));
  }
}
