import type { UnitOfWork } from '../../src/services/ports/unit-of-work';

/**
 * What an adapter hands a store's contract test: the store on a fresh, migrated, empty database,
 * the unit of work of the same database, and a way to put in rows of tables this store does not
 * write (plain SQL without parameters, written so that it runs the same on SQLite and PostgreSQL).
 */
export interface StoreFixture<S> {
  store: S;
  uow: UnitOfWork;
  /** Runs one or more plain SQL statements (no parameters) on the same database. */
  seed(sql: string): Promise<void>;
  /** Reads rows with plain SQL (no parameters): for checking what a write left behind. */
  query<R>(sql: string): Promise<R[]>;
  close(): Promise<void>;
}

export type OpenStore<S> = () => Promise<StoreFixture<S>>;
