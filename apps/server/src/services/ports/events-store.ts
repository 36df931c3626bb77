import type { OpsEvent } from '@opsquest/core';

export interface StoredEvent {
  seq: number;
  eventKey: string;
  itemKey: string;
  event: OpsEvent;
  via: string;
  receivedAt: number;
  applied: boolean;
  reason: string | null;
}

export interface NewEventRow {
  eventKey: string;
  itemKey: string;
  event: OpsEvent;
  occurredAt: number;
  receivedAt: number;
  via: string;
  raw?: string;
  applied: boolean;
  reason?: string;
}

/** The append-only event log. */
export interface EventsStore {
  /**
   * Actors that name no person (case-insensitive), most recently seen first: their work paid nobody.
   * A scan of the event log, for the admin page only.
   */
  unknownActors(limit?: number): Promise<{
  actor: string;
  events: number;
  items: number;
  firstSeen: number;
  lastSeen: number;
  vias: string;
  }[]>;
  /** The events that name `actor` (case-insensitive), in log order: a scan, for an admin's mapping only. */
  listForActor(actor: string): Promise<StoredEvent[]>;
  /** A parked event whose item's start has arrived: it is applied now (its payload is never changed). */
  markApplied(eventKey: string): Promise<void>;
  has(eventKey: string): Promise<boolean>;
  append(row: NewEventRow): Promise<number>;
  /** Events in log order, a page at a time (for replay and the consistency check). */
  pages(pageSize?: number): AsyncIterable<StoredEvent[]>;
  /**
   * The events whose own time (`Date.parse` of the payload's occurredAt) is at or after `from`, in
   * log order up to sequence `throughSeq`, a page at a time: the window a what-if preview replays.
   * SQL selects the window by the stored times (no index: one pass over the rows from the start of
   * the log, no JSON); only the window's payloads, and those of the few rows dated after their
   * receipt, are parsed. Each page is read when the consumer asks for it.
   */
  pagesSince(from: number, throughSeq?: number, pageSize?: number): AsyncIterable<OpsEvent[]>;
  /**
   * The SQLite database file another connection (a worker thread's, see `openEventsReader`) can read
   * this log from, seeing what this one sees: none for an in-memory database, nor inside an open
   * transaction (its writes are not visible to other connections yet), nor on PostgreSQL.
   */
  sharedPath(): Promise<string | undefined>;
  /** The newest event's sequence number (0 when the log is empty). */
  lastSeq(): Promise<number>;
  listForItem(itemKey: string): Promise<StoredEvent[]>;
  count(): Promise<number>;
}
