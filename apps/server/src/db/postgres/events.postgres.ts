import type { OpsEvent } from '@opsquest/core';
import { type EventsStore, type NewEventRow, type StoredEvent } from '../../services/ports/events-store';
import type { PgExecutor } from './executor.postgres';

interface RawEvent {
  seq: number;
  event_key: string;
  item_key: string;
  payload: string;
  via: string;
  received_at: number;
  applied: number;
  reason: string | null;
}

interface UnknownActor {
  actor: string;
  events: number;
  items: number;
  firstSeen: number;
  lastSeen: number;
  vias: string;
}

const COLUMNS = 'seq, event_key, item_key, payload, via, received_at, applied, reason';

function toStored(r: RawEvent): StoredEvent {
  return {
    seq: r.seq,
    eventKey: r.event_key,
    itemKey: r.item_key,
    event: JSON.parse(r.payload) as OpsEvent,
    via: r.via,
    receivedAt: r.received_at,
    applied: r.applied === 1,
    reason: r.reason,
  };
}

/** SQLite reads a negative LIMIT as no limit; PostgreSQL refuses one (LIMIT NULL is none). */
function limitOf(n: number): number | null {
  return n < 0 ? null : n;
}

/**
 * PostgreSQL's append-only event log. `people.username` and `actor_aliases.actor` are unique on
 * lower(...) (SQLite's COLLATE NOCASE), so names are compared on lower(...) here.
 */
export class PgEventsStore implements EventsStore {
  constructor(private readonly pg: PgExecutor) {}

  /**
   * Actors that name no person (case-insensitive), most recently seen first: their work paid nobody.
   * A scan of the event log, for the admin page only. Grouped by the actor as sent (case and all);
   * `vias` lists each via once (in no promised order: callers split and sort it).
   */
  async unknownActors(limit = 200): Promise<UnknownActor[]> {
    return this.pg.rows<UnknownActor>(
      `SELECT actor, count(*) AS events, count(DISTINCT item_key) AS items, min(received_at) AS "firstSeen", max(received_at) AS "lastSeen",
              string_agg(DISTINCT via, ',' ORDER BY via) AS vias
         FROM events
        WHERE actor IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM people p WHERE lower(p.username) = lower(events.actor))
          AND NOT EXISTS (SELECT 1 FROM actor_aliases a WHERE lower(a.actor) = lower(events.actor))
        GROUP BY actor ORDER BY "lastSeen" DESC, actor COLLATE "C" LIMIT $1`,
      [limitOf(limit)],
    );
  }

  /** The events that name `actor` (case-insensitive), in log order: a scan, for an admin's mapping only. */
  async listForActor(actor: string): Promise<StoredEvent[]> {
    return (await this.pg.rows<RawEvent>(`SELECT ${COLUMNS} FROM events WHERE lower(actor) = lower($1) ORDER BY seq`, [actor])).map(toStored);
  }

  /** A parked event whose item's start has arrived: it is applied now (its payload is never changed). */
  async markApplied(eventKey: string): Promise<void> {
    await this.pg.run('UPDATE events SET applied = 1, reason = NULL WHERE event_key = $1', [eventKey]);
  }

  async has(eventKey: string): Promise<boolean> {
    return (await this.pg.one<{ seq: number }>('SELECT seq FROM events WHERE event_key = $1', [eventKey])) !== undefined;
  }

  async append(row: NewEventRow): Promise<number> {
    const e = row.event;
    const inserted = await this.pg.one<{ seq: number }>(
      `INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING seq`,
      [
        row.eventKey,
        row.itemKey,
        e.stream,
        e.source,
        e.externalKey,
        e.transition,
        row.occurredAt,
        row.receivedAt,
        e.actor ?? null,
        row.via,
        JSON.stringify(e),
        row.raw ?? null,
        row.applied ? 1 : 0,
        row.reason ?? null,
      ],
    );
    if (!inserted) throw new Error(`the event ${row.eventKey} was not stored`);
    return inserted.seq;
  }

  /** Events in log order, a page at a time (for replay and the consistency check); each page read when asked for. */
  async *pages(pageSize = 5000): AsyncGenerator<StoredEvent[]> {
    let after = 0;
    for (;;) {
      const rows = await this.pg.rows<RawEvent>(`SELECT ${COLUMNS} FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, limitOf(pageSize)]);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.seq;
      yield rows.map(toStored);
    }
  }

  /**
   * The events whose own time (`Date.parse` of the payload's occurredAt) is at or after `from`, in
   * log order up to sequence `throughSeq`, a page at a time: the window a what-if preview replays.
   * occurred_at is the time an event counts at: its payload's occurredAt, or its received_at when the
   * payload is dated later. So every event of the window has occurred_at >= from, or occurred_at =
   * received_at: this reads those, and checks the few of the second kind outside (inside false) on
   * their payload. A page holds only the window's events (it may be shorter than `pageSize`); a page
   * of rows none of which is in the window is not handed on, the walk goes on past it.
   */
  async *pagesSince(from: number, throughSeq = Number.MAX_SAFE_INTEGER, pageSize = 5000): AsyncGenerator<OpsEvent[]> {
    let after = 0;
    for (;;) {
      const rows = await this.pg.rows<{ seq: number; payload: string; inside: boolean }>(
        `SELECT seq, payload, occurred_at >= $3 AS inside FROM events
          WHERE seq > $1 AND seq <= $2 AND (occurred_at >= $3 OR occurred_at = received_at)
          ORDER BY seq LIMIT $4`,
        [after, throughSeq, from, limitOf(pageSize)],
      );
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.seq;
      const page: OpsEvent[] = [];
      for (const r of rows) {
        const event = JSON.parse(r.payload) as OpsEvent;
        if (r.inside || Date.parse(event.occurredAt) >= from) page.push(event);
      }
      if (page.length > 0) yield page;
    }
  }

  /** No file another connection could read this log from: PostgreSQL's every connection sees it. */
  async sharedPath(): Promise<string | undefined> {
    return undefined;
  }

  /** The newest event's sequence number (0 when the log is empty). */
  async lastSeq(): Promise<number> {
    return (await this.pg.one<{ seq: number | null }>('SELECT max(seq) AS seq FROM events'))?.seq ?? 0;
  }

  async listForItem(itemKey: string): Promise<StoredEvent[]> {
    return (await this.pg.rows<RawEvent>(`SELECT ${COLUMNS} FROM events WHERE item_key = $1 ORDER BY seq`, [itemKey])).map(toStored);
  }

  async count(): Promise<number> {
    return (await this.pg.one<{ n: number }>('SELECT count(*) AS n FROM events'))?.n ?? 0;
  }
}
