/**
 * The persistence port for atomic work: a service says what must happen together, the adapter
 * (SQLite today, see db/sqlite/) decides how. No service opens a transaction or sees a driver.
 */
export interface UnitOfWork {
  /** Runs `work` so that all of its writes land or none do; nested units join the outer one. */
  run<T>(work: () => T): T;
  /** false once the store is closed (background jobs that outlive a shutdown check it before writing) */
  isOpen(): boolean;
}
