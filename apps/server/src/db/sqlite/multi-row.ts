import type { Statement } from 'better-sqlite3';
import type { Db } from '../database';

/** Rows per statement: 14 columns × 100 rows stays far below SQLite's bound-parameter limit. */
const ROWS_PER_STATEMENT = 100;

/**
 * One INSERT for many rows: `INSERT INTO t (a, b) VALUES (?, ?), (?, ?), ... <tail>`, prepared once
 * per row count (at most ROWS_PER_STATEMENT shapes) and run in chunks. `tail` may hold an
 * `ON CONFLICT` clause and a `RETURNING` list.
 */
export class MultiRowInsert<R = unknown> {
  private readonly shapes = new Map<number, Statement<unknown[], R>>();
  private readonly row: string;

  constructor(
    private readonly db: Db,
    private readonly head: string,
    private readonly columns: number,
    private readonly tail = '',
  ) {
    this.row = `(${new Array<string>(columns).fill('?').join(', ')})`;
  }

  /** Inserts every row; with a RETURNING tail, the returned rows of all chunks. */
  run(rows: readonly (readonly unknown[])[], returning = false): R[] {
    const out: R[] = [];
    for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(at, at + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      for (const r of chunk) {
        if (r.length !== this.columns) throw new Error(`a row of ${r.length} values for ${this.columns} columns`);
        params.push(...r);
      }
      const statement = this.shape(chunk.length);
      if (returning) out.push(...statement.all(...params));
      else statement.run(...params);
    }
    return out;
  }

  private shape(count: number): Statement<unknown[], R> {
    let statement = this.shapes.get(count);
    if (!statement) {
      statement = this.db.prepare<unknown[], R>(`${this.head} VALUES ${new Array<string>(count).fill(this.row).join(', ')} ${this.tail}`);
      this.shapes.set(count, statement);
    }
    return statement;
  }
}

/** `WHERE key IN (SELECT value FROM json_each(?))`: one statement for any number of keys. */
export function jsonList(keys: readonly string[]): string {
  return JSON.stringify(keys);
}
