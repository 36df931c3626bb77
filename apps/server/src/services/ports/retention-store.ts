/** Where a walk over prunable events stands: the last (received_at, seq) seen. */
export interface RetentionCursor {
  receivedAt: number;
  seq: number;
}

/**
 * Raw payloads (`events.raw`) for retention (services/use-cases/retention.service.ts): events with
 * a raw payload received before a cutoff, those of work items still open set apart. The candidate
 * query walks the partial index of migration 010 with a keyset cursor on (received_at, seq).
 */
export interface RetentionStore {
  /**
   * Up to `limit` events after `after` (in (received_at, seq) order) received before `cutoff` that
   * still have a raw payload and whose work item is not open.
   */
  prunableAfter(cutoff: number, after: RetentionCursor, limit: number): Promise<RetentionCursor[]>;
  /** Sets the event's raw payload to NULL; returns 1 when it had one, else 0. */
  clearRaw(seq: number): Promise<number>;
  /** Events received before `cutoff` with a raw payload whose work item is not open (what a prune would clear). */
  countPrunable(cutoff: number): Promise<number>;
  /** Events received before `cutoff` with a raw payload that is kept because their work item is still open. */
  countKeptOpen(cutoff: number): Promise<number>;
}

/** The start of a walk: before every event. */
export const RETENTION_START: RetentionCursor = { receivedAt: Number.MIN_SAFE_INTEGER, seq: 0 };
