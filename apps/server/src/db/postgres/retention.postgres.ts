import { type RetentionCursor, type RetentionStore } from '../../services/ports/retention-store';
import type { PgExecutor } from './executor.postgres';

/** Still holds a raw payload, received before the cutoff ($1). */
const OLDER = 'e.raw IS NOT NULL AND e.received_at < $1';
/** Its work item is open (an event of an item never stored is not). */
const OPEN = 'EXISTS (SELECT 1 FROM work_items w WHERE w.item_key = e.item_key AND w.open = 1)';

/** SQLite reads a negative LIMIT as no limit; PostgreSQL refuses one (LIMIT NULL is none). */
function limitOf(n: number): number | null {
  return n < 0 ? null : n;
}

/**
 * PostgreSQL's raw payloads (`events.raw`) for retention (services/use-cases/retention.service.ts):
 * events with a raw payload received before a cutoff, those of work items still open set apart. The
 * candidate query walks the partial index events_raw_received with a keyset cursor on (received_at, seq).
 */
export class PgRetentionStore implements RetentionStore {
  constructor(private readonly pg: PgExecutor) {}

  /**
   * Up to `limit` events after `after` (in (received_at, seq) order) received before `cutoff` that
   * still have a raw payload and whose work item is not open.
   */
  async prunableAfter(cutoff: number, after: RetentionCursor, limit: number): Promise<RetentionCursor[]> {
    const rows = await this.pg.rows<{ seq: number; received_at: number }>(
      `SELECT e.seq, e.received_at FROM events e
       WHERE ${OLDER} AND (e.received_at, e.seq) > ($2, $3) AND NOT ${OPEN}
       ORDER BY e.received_at, e.seq LIMIT $4`,
      [cutoff, after.receivedAt, after.seq, limitOf(limit)],
    );
    return rows.map((r) => ({ receivedAt: r.received_at, seq: r.seq }));
  }

  /** Sets the event's raw payload to NULL; returns 1 when it had one, else 0. */
  async clearRaw(seq: number): Promise<number> {
    return this.pg.run('UPDATE events SET raw = NULL WHERE seq = $1 AND raw IS NOT NULL', [seq]);
  }

  /** Events received before `cutoff` with a raw payload whose work item is not open (what a prune would clear). */
  async countPrunable(cutoff: number): Promise<number> {
    return (await this.pg.one<{ n: number }>(`SELECT count(*) AS n FROM events e WHERE ${OLDER} AND NOT ${OPEN}`, [cutoff]))?.n ?? 0;
  }

  /** Events received before `cutoff` with a raw payload that is kept because their work item is still open. */
  async countKeptOpen(cutoff: number): Promise<number> {
    return (await this.pg.one<{ n: number }>(`SELECT count(*) AS n FROM events e WHERE ${OLDER} AND ${OPEN}`, [cutoff]))?.n ?? 0;
  }
}
