import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryResultRow } from 'pg';
import type { PgClient, PgPool } from './pool.postgres';

/** The connection of the unit of work open in this async context, and how deep its savepoints go. */
export interface OpenPgUnit {
  client: PgClient;
  depth: number;
}

/**
 * Where a PostgreSQL port's statement runs: on the connection of the unit of work that is open in
 * this async context (so it joins that transaction), or on any pooled connection outside one.
 */
export class PgExecutor {
  readonly units = new AsyncLocalStorage<OpenPgUnit>();

  constructor(readonly pool: PgPool) {}

  async rows<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    const unit = this.units.getStore();
    const result = unit ? await unit.client.query<R>(text, values) : await this.pool.query<R>(text, values);
    return result.rows;
  }

  async one<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<R | undefined> {
    return (await this.rows<R>(text, values))[0];
  }

  /** Runs a statement; how many rows it changed. */
  async run(text: string, values: unknown[] = []): Promise<number> {
    const unit = this.units.getStore();
    const result = unit ? await unit.client.query(text, values) : await this.pool.query(text, values);
    return result.rowCount ?? 0;
  }
}
