/**
 * The persistence port for atomic work: a service says what must happen together, the adapter
 * (SQLite in db/sqlite/, PostgreSQL in db/postgres/) decides how. No service opens a transaction or sees a driver.
 */
export interface UnitOfWork {
  /**
   * Runs `work` so that all of its writes land or none do. Port calls made inside it (awaited) join it;
   * a unit inside a unit joins the outer one as a nested step that can fail alone. Units of work from
   * different callers never share a transaction: they run one after another.
   */
  run<T>(work: () => Promise<T>, options?: UnitOptions): Promise<T>;
  /** false once the store is closed (background jobs that outlive a shutdown check it before writing) */
  isOpen(): boolean;
}

/**
 * The store refused a unit of work because another node's unit changed the same data at the same
 * moment (PostgreSQL: a deadlock or a serialization failure). Nothing of it was written; the whole
 * unit may be run again from the start (the ingest store does so itself).
 */
export class ConcurrentUpdateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConcurrentUpdateError';
  }
}

/**
 * The store cannot be reached (PostgreSQL down or restarting, its connection lost). What the unit was
 * doing is not known to be written; an idempotent request (events keyed by their sender) may simply
 * be sent again. The HTTP layer answers 503 with Retry-After.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

export interface UnitOptions {
  /**
   * Every read inside the unit sees one snapshot of the store, whatever other units commit
   * meanwhile (a long check read a page at a time). SQLite's units always do (one writer at a time);
   * PostgreSQL's take REPEATABLE READ for it.
   */
  snapshot?: boolean;
}
