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
 * Asynchronous units are queued: one is open at a time, and the calls made inside it find it through
 * AsyncLocalStorage (the same way a networked adapter hands its transaction's client to the ports).
 * SQLite's adapters never wait for I/O, so an open unit does not even let another request's turn of
 * the event loop in; if one ever did, a synchronous unit started from outside would be refused
 * (`runSync` throws) rather than silently folded into a transaction that is not its own.
 */
export class SqliteUnitOfWork implements UnitOfWork {
  private readonly open = new AsyncLocalStorage<OpenUnit>();
  private queue: Promise<void> = Promise.resolve();
  private asyncOpen = false;

  constructor(private readonly db: Db) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.open.getStore();
    if (outer) return this.nested(outer, work);
    const previous = this.queue;
    let release = (): void => undefined;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      this.db.exec('BEGIN IMMEDIATE');
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

  runSync<T>(work: () => T): T {
    if (this.asyncOpen && !this.open.getStore()) {
      throw new Error('a synchronous unit of work started while an asynchronous one from another caller was open: it would have joined that transaction');
    }
    return this.db.transaction(work).immediate();
  }

  isOpen(): boolean {
    return this.db.open;
  }
}
