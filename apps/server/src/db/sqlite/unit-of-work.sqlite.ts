import { AsyncLocalStorage } from 'node:async_hooks';
import type { UnitOfWork } from '../../services/ports/unit-of-work';
import type { Db } from '../database';

/** What an open asynchronous unit of work knows about itself: how deep its savepoints go. */
interface OpenUnit {
  depth: number;
}

/**
 * SQLite's unit of work: one transaction on the single connection, taken with BEGIN IMMEDIATE so the
 * write lock is held from the start (no upgrade deadlock with the backup command or another reader
 * turning writer). A unit inside a unit becomes a savepoint of the outer one.
 *
 * Units are queued: one is open at a time, and the calls made inside it find it through
 * AsyncLocalStorage (the same way a networked adapter hands its transaction's client to the ports).
 * Between two awaits of an open unit other callers' continuations run on the same connection: their
 * port calls go through `standalone` (every adapter is wrapped by standalone-guard.ts), which makes
 * them wait for the unit instead of joining its transaction.
 */
export class SqliteUnitOfWork implements UnitOfWork {
  private static readonly byDb = new WeakMap<Db, SqliteUnitOfWork>();
  private readonly open = new AsyncLocalStorage<OpenUnit>();
  private queue: Promise<void> = Promise.resolve();
  private asyncOpen = false;

  private constructor(private readonly db: Db) {}

  /** The one unit of work of a connection: every adapter on `db` must queue behind the same one. */
  static of(db: Db): SqliteUnitOfWork {
    let uow = SqliteUnitOfWork.byDb.get(db);
    if (!uow) {
      uow = new SqliteUnitOfWork(db);
      SqliteUnitOfWork.byDb.set(db, uow);
    }
    return uow;
  }

  /**
   * Runs one adapter call made outside any unit of work. While another caller's unit is open, the
   * call waits for it (queued like a unit of its own): on the single connection it would otherwise
   * join that transaction, read what may still roll back, and be lost with it if it does. The wait
   * is short and only ever happens between two awaits of that unit.
   */
  async standalone<T>(call: () => T | Promise<T>): Promise<T> {
    if (!this.asyncOpen || this.open.getStore()) return call();
    return this.run(async () => call());
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.open.getStore();
    if (outer) return this.nested(outer, work);
    // a tool that holds a transaction of its own on this connection (a read snapshot): a savepoint of it
    if (this.db.inTransaction && !this.asyncOpen) return this.nested({ depth: 0 }, work);
    const previous = this.queue;
    let release = (): void => undefined;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      // a read-only connection (a tool checking a file) cannot take the write lock: a plain read transaction
      this.db.exec(this.db.readonly ? 'BEGIN' : 'BEGIN IMMEDIATE');
      this.asyncOpen = true;
      try {
        const result = await this.open.run({ depth: 0 }, work);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        this.asyncOpen = false;
      }
    } finally {
      release();
    }
  }

  private async nested<T>(outer: OpenUnit, work: () => Promise<T>): Promise<T> {
    const name = `uow_${outer.depth + 1}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await this.open.run({ depth: outer.depth + 1 }, work);
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
      throw error;
    }
  }

  isOpen(): boolean {
    return this.db.open;
  }
}
