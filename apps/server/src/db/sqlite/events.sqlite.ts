import Database from 'better-sqlite3';
import type { OpsEvent } from '@opsquest/core';
import type { Db } from '../database';
import { type StoredEvent, type NewEventRow, type EventsStore } from '../../services/ports/events-store';

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

/** The append-only event log. */
export class SqliteEventsStore implements EventsStore {
  private readonly exists;
  private readonly insert;
  private readonly page;
  private readonly forItem;
  private readonly countAll;
  private readonly markAppliedStmt;
  private readonly unknownActorsStmt;
  private readonly byActorStmt;
  private readonly windowPage;
  private readonly lastSeqStmt;

  constructor(private readonly db: Db) {
    this.exists = db.prepare<[string], { seq: number }>('SELECT seq FROM events WHERE event_key = ?');
    this.insert = db.prepare(
      `INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
       VALUES (@eventKey, @itemKey, @stream, @source, @externalKey, @transition, @occurredAt, @receivedAt, @actor, @via, @payload, @raw, @applied, @reason)`,
    );
    this.page = db.prepare<[number, number], RawEvent>(
      'SELECT seq, event_key, item_key, payload, via, received_at, applied, reason FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.forItem = db.prepare<[string], RawEvent>(
      'SELECT seq, event_key, item_key, payload, via, received_at, applied, reason FROM events WHERE item_key = ? ORDER BY seq',
    );
    this.countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events');
    this.unknownActorsStmt = db.prepare<[number], { actor: string; events: number; items: number; firstSeen: number; lastSeen: number; vias: string }>(
      `SELECT actor, count(*) AS events, count(DISTINCT item_key) AS items, min(received_at) AS firstSeen, max(received_at) AS lastSeen, group_concat(DISTINCT via) AS vias
         FROM events WHERE actor IS NOT NULL AND NOT EXISTS (SELECT 1 FROM people p WHERE p.username = events.actor) AND NOT EXISTS (SELECT 1 FROM actor_aliases a WHERE a.actor = events.actor)
        GROUP BY actor ORDER BY lastSeen DESC LIMIT ?`,
    );
    this.byActorStmt = db.prepare<[string], RawEvent>(
      'SELECT seq, event_key, item_key, payload, via, received_at, applied, reason FROM events WHERE actor = ? COLLATE NOCASE ORDER BY seq',
    );
    this.markAppliedStmt = db.prepare<[string]>('UPDATE events SET applied = 1, reason = NULL WHERE event_key = ?');
    // occurred_at is the time the event counts at: its payload's occurredAt, or its received_at when
    // the payload is dated later (see `effectiveTime`). So every row whose payload time is at or after
    // `from` has occurred_at >= from, or occurred_at = received_at (taken at its receive time): this
    // reads those, and the few of the second kind outside (inside = 0) are checked on their payload.
    this.windowPage = db
      .prepare<{ after: number; through: number; from: number; limit: number }, [seq: number, payload: string, inside: number]>(
        `SELECT seq, payload, occurred_at >= @from AS inside FROM events
          WHERE seq > @after AND seq <= @through AND (occurred_at >= @from OR occurred_at = received_at)
          ORDER BY seq LIMIT @limit`,
      )
      .raw(true);
    this.lastSeqStmt = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events');
  }

  /**
   * Actors that name no person (case-insensitive), most recently seen first: their work paid nobody.
   * A scan of the event log, for the admin page only.
   */
  async unknownActors(limit = 200): Promise<{ actor: string; events: number; items: number; firstSeen: number; lastSeen: number; vias: string }[]> {
    return this.unknownActorsStmt.all(limit);
  }

  /** The events that name `actor` (case-insensitive), in log order: a scan, for an admin's mapping only. */
  async listForActor(actor: string): Promise<StoredEvent[]> {
    return this.byActorStmt.all(actor).map(toStored);
  }

  /** A parked event whose item's start has arrived: it is applied now (its payload is never changed). */
  async markApplied(eventKey: string): Promise<void> {
    this.markAppliedStmt.run(eventKey);
  }

  async has(eventKey: string): Promise<boolean> {
    return this.exists.get(eventKey) !== undefined;
  }

  async append(row: NewEventRow): Promise<number> {
    const e = row.event;
    const info = this.insert.run({
      eventKey: row.eventKey,
      itemKey: row.itemKey,
      stream: e.stream,
      source: e.source,
      externalKey: e.externalKey,
      transition: e.transition,
      occurredAt: row.occurredAt,
      receivedAt: row.receivedAt,
      actor: e.actor ?? null,
      via: row.via,
      payload: JSON.stringify(e),
      raw: row.raw ?? null,
      applied: row.applied ? 1 : 0,
      reason: row.reason ?? null,
    });
    return Number(info.lastInsertRowid);
  }

  /** Events in log order, a page at a time (for replay and the consistency check). */
  async *pages(pageSize = 5000): AsyncGenerator<StoredEvent[]> {
    let after = 0;
    for (;;) {
      const rows = this.page.all(after, pageSize);
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.seq;
      yield rows.map(toStored);
    }
  }

  /**
   * The events whose own time (`Date.parse` of the payload's occurredAt) is at or after `from`, in
   * log order up to sequence `throughSeq`, a page at a time: the window a what-if preview replays.
   * SQL selects the window by the stored times (no index: one pass over the rows from the start of
   * the log, no JSON); only the window's payloads, and those of the few rows dated after their
   * receipt, are parsed.
   */
  async *pagesSince(from: number, throughSeq = Number.MAX_SAFE_INTEGER, pageSize = 5000): AsyncGenerator<OpsEvent[]> {
    let after = 0;
    for (;;) {
      const page = this.windowPageAfter(after, from, throughSeq, pageSize);
      if (!page) return;
      after = page.last;
      if (page.events.length > 0) yield page.events;
    }
  }

  /** `pagesSince` read synchronously (a what-if worker thread's own connection, see openEventsReader). */
  *iterateSince(from: number, throughSeq = Number.MAX_SAFE_INTEGER, pageSize = 5000): Generator<OpsEvent> {
    let after = 0;
    for (;;) {
      const page = this.windowPageAfter(after, from, throughSeq, pageSize);
      if (!page) return;
      after = page.last;
      yield* page.events;
    }
  }

  /** One page of the window after sequence `after`, parsed at once (parsing stays fast when the consumer does heavy work per event); undefined past the end. */
  private windowPageAfter(after: number, from: number, throughSeq: number, pageSize: number): { events: OpsEvent[]; last: number } | undefined {
    const rows = this.windowPage.all({ after, through: throughSeq, from, limit: pageSize });
    if (rows.length === 0) return undefined;
    const events: OpsEvent[] = [];
    for (const [, payload, inside] of rows) {
      const event = JSON.parse(payload) as OpsEvent;
      if (inside === 1 || Date.parse(event.occurredAt) >= from) events.push(event);
    }
    return { events, last: rows[rows.length - 1]![0] };
  }

  /**
   * The database file another connection (a worker thread's, see `openEventsReader`) can read this
   * log from, seeing what this one sees: none for an in-memory database, nor inside an open
   * transaction (its writes are not visible to other connections yet).
   */
  async sharedPath(): Promise<string | undefined> {
    return this.db.memory || this.db.inTransaction ? undefined : this.db.name;
  }

  /** The newest event's sequence number (0 when the log is empty). */
  async lastSeq(): Promise<number> {
    return this.lastSeqStmt.get()?.seq ?? 0;
  }

  async listForItem(itemKey: string): Promise<StoredEvent[]> {
    return this.forItem.all(itemKey).map(toStored);
  }

  async count(): Promise<number> {
    return this.countAll.get()?.n ?? 0;
  }
}

/**
 * The event log of the database file at `path` through a read-only connection of its own (for a
 * worker thread, which cannot share the server's connection). Close it when done.
 */
export function openEventsReader(path: string): { events: SqliteEventsStore; close(): void } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return { events: new SqliteEventsStore(db), close: () => db.close() };
  } catch (err) {
    db.close();
    throw err;
  }
}
