/**
 * The persistence port for atomic work: a service says what must happen together, the adapter
 * (SQLite today, see db/sqlite/) decides how. No service opens a transaction or sees a driver.
 */
export interface UnitOfWork {
  /**
   * Runs `work` so that all of its writes land or none do. Port calls made inside it (awaited) join it;
   * a unit inside a unit joins the outer one as a nested step that can fail alone. Units of work from
   * different callers never share a transaction: they run one after another.
   */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** false once the store is closed (background jobs that outlive a shutdown check it before writing) */
  isOpen(): boolean;
}
