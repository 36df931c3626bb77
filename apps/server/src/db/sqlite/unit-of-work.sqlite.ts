import type { UnitOfWork } from '../../services/ports/unit-of-work';
import type { Db } from '../database';

/**
 * SQLite's unit of work: one better-sqlite3 transaction, taken with BEGIN IMMEDIATE so the write lock
 * is held from the start (no upgrade deadlock with the backup command or another reader turning writer).
 * A unit inside a unit becomes a savepoint of the outer one.
 */
export class SqliteUnitOfWork implements UnitOfWork {
  constructor(private readonly db: Db) {}

  run<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  isOpen(): boolean {
    return this.db.open;
  }
}
