import type { Db } from '../database';
import { type RetentionCursor, type RetentionStore } from '../../services/ports/retention-store';

interface Candidate {
  seq: number;
  received_at: number;
}

/**
 * Raw payloads (`events.raw`) for retention (services/use-cases/retention.service.ts): events with
 * a raw payload received before a cutoff, those of work items still open set apart. The candidate
 * query walks the partial index of migration 010 with a keyset cursor on (received_at, seq).
 */
export class SqliteRetentionStore implements RetentionStore {
  private readonly candidates;
  private readonly clear;
  private readonly countOlder;
  private readonly countKept;

  constructor(db: Db) {
    const older = 'e.raw IS NOT NULL AND e.received_at < @cutoff';
    const open = 'EXISTS (SELECT 1 FROM work_items w WHERE w.item_key = e.item_key AND w.open = 1)';
    this.candidates = db.prepare<{ cutoff: number; lastAt: number; lastSeq: number; limit: number }, Candidate>(
      `SELECT e.seq, e.received_at FROM events e
       WHERE ${older} AND (e.received_at, e.seq) > (@lastAt, @lastSeq) AND NOT ${open}
       ORDER BY e.received_at, e.seq LIMIT @limit`,
    );
    this.clear = db.prepare<[number]>('UPDATE events SET raw = NULL WHERE seq = ? AND raw IS NOT NULL');
    this.countOlder = db.prepare<{ cutoff: number }, { n: number }>(`SELECT count(*) AS n FROM events e WHERE ${older} AND NOT ${open}`);
    this.countKept = db.prepare<{ cutoff: number }, { n: number }>(`SELECT count(*) AS n FROM events e WHERE ${older} AND ${open}`);
  }

  /**
   * Up to `limit` events after `after` (in (received_at, seq) order) received before `cutoff` that
   * still have a raw payload and whose work item is not open.
   */
  async prunableAfter(cutoff: number, after: RetentionCursor, limit: number): Promise<RetentionCursor[]> {
    return this.candidates.all({ cutoff, lastAt: after.receivedAt, lastSeq: after.seq, limit }).map((r) => ({ receivedAt: r.received_at, seq: r.seq }));
  }

  /** Sets the event's raw payload to NULL; returns 1 when it had one, else 0. */
  async clearRaw(seq: number): Promise<number> {
    return this.clear.run(seq).changes;
  }

  /** Events received before `cutoff` with a raw payload whose work item is not open (what a prune would clear). */
  async countPrunable(cutoff: number): Promise<number> {
    return this.countOlder.get({ cutoff })?.n ?? 0;
  }

  /** Events received before `cutoff` with a raw payload that is kept because their work item is still open. */
  async countKeptOpen(cutoff: number): Promise<number> {
    return this.countKept.get({ cutoff })?.n ?? 0;
  }
}
