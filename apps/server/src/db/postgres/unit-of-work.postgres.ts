import type { UnitOfWork, UnitOptions } from '../../services/ports/unit-of-work';
import { asStoreError, type OpenPgUnit, type PgExecutor } from './executor.postgres';

/**
 * PostgreSQL's unit of work: one transaction on one pooled connection, handed to the ports through
 * the executor's AsyncLocalStorage; a unit inside a unit is a savepoint of it. Units of different
 * callers run side by side on their own connections (PostgreSQL's row locks keep them apart).
 */
export class PgUnitOfWork implements UnitOfWork {
  constructor(private readonly executor: PgExecutor) {}

  async run<T>(work: () => Promise<T>, options: UnitOptions = {}): Promise<T> {
    try {
      return await this.unit(work, options);
    } catch (err) {
      throw asStoreError(err);
    }
  }

  private async unit<T>(work: () => Promise<T>, options: UnitOptions): Promise<T> {
    const outer = this.executor.units.getStore();
    if (outer) return this.nested(outer, work);
    const client = await this.executor.pool.connect();
    let broken = false;
    try {
      await client.query(options.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ' : 'BEGIN');
      try {
        const result = await this.executor.units.run({ client, depth: 0 }, work);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  private async nested<T>(outer: OpenPgUnit, work: () => Promise<T>): Promise<T> {
    const name = `uow_${outer.depth + 1}`;
    await outer.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await this.executor.units.run({ client: outer.client, depth: outer.depth + 1 }, work);
      await outer.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await outer.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await outer.client.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  }

  isOpen(): boolean {
    return !this.executor.pool.ended;
  }
}
