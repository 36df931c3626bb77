import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryResultRow } from 'pg';
import { invalid } from '../../services/domain-errors';
import { UNSTORABLE_TEXT, unstorableText } from './binary-arrays';
import { ConcurrentUpdateError, StoreUnavailableError } from '../../services/ports/unit-of-work';
import type { PgClient, PgPool } from './pool.postgres';

function unstorable(value: unknown): boolean {
  if (typeof value === 'string') return unstorableText(value);
  if (Array.isArray(value)) return value.some(unstorable);
  return false;
}

/**
 * Refuses, before PostgreSQL sees them, parameters it cannot store (SQLite can): the request gets a
 * clear 400 instead of a driver error and a 500.
 */
function checkStorable(values: unknown[]): void {
  if (values.some(unstorable)) throw invalid(UNSTORABLE_TEXT);
}

/** The connection of the unit of work open in this async context, and how deep its savepoints go. */
export interface OpenPgUnit {
  client: PgClient;
  depth: number;
}

/** deadlock_detected, serialization_failure: another transaction won; this one may be run again */
const CONCURRENT_CODES = new Set(['40P01', '40001']);

/** The server is gone or going (refused, reset, shut down, cannot connect now, connection failures of class 08). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

/**
 * The driver's error in the port's words: a lost race as ConcurrentUpdateError, an unreachable server
 * as StoreUnavailableError (the driver's error as the cause of either); any other error as it is.
 */
export function asStoreError(err: unknown): unknown {
  if (err instanceof ConcurrentUpdateError || err instanceof StoreUnavailableError) return err;
  const code = err !== null && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && CONCURRENT_CODES.has(code)) return new ConcurrentUpdateError(`another node changed the same data at the same time (${code})`, { cause: err });
  const message = err instanceof Error ? err.message : '';
  if ((typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)) {
    return new StoreUnavailableError('PostgreSQL cannot be reached', { cause: err });
  }
  return err;
}

/** At most this many statement texts are kept prepared (per connection); any further one is parsed and planned each time. */
const MAX_PREPARED = 400;

/**
 * Statements with parameters run as named prepared statements: each connection parses and plans one
 * the first times it runs (PostgreSQL then keeps a generic plan where that is no dearer), not every
 * time. Names are given per distinct text, in the order first seen.
 */
class StatementNames {
  private readonly names = new Map<string, string>();

  of(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < MAX_PREPARED) {
      name = `opsquest_${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name;
  }
}

/**
 * Where a PostgreSQL port's statement runs: on the connection of the unit of work that is open in
 * this async context (so it joins that transaction), or on any pooled connection outside one.
 */
export class PgExecutor {
  readonly units = new AsyncLocalStorage<OpenPgUnit>();
  private readonly statements = new StatementNames();

  constructor(readonly pool: PgPool) {}

  private query<R extends QueryResultRow>(text: string, values: unknown[]) {
    const unit = this.units.getStore();
    const name = values.length > 0 ? this.statements.of(text) : undefined;
    const config = name !== undefined ? { name, text, values } : { text, values };
    return unit ? unit.client.query<R>(config) : this.pool.query<R>(config);
  }

  async rows<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    checkStorable(values);
    try {
      const result = await this.query<R>(text, values);
      return result.rows;
    } catch (err) {
      throw asStoreError(err);
    }
  }

  async one<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<R | undefined> {
    return (await this.rows<R>(text, values))[0];
  }

  /** Runs a statement; how many rows it changed. */
  async run(text: string, values: unknown[] = []): Promise<number> {
    checkStorable(values);
    try {
      const result = await this.query(text, values);
      return result.rowCount ?? 0;
    } catch (err) {
      throw asStoreError(err);
    }
  }
}
