import pg from 'pg';

/** BIGINT columns hold epoch milliseconds and counts: well inside Number's exact range. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/** A pool of connections to DATABASE_URL; BIGINTs read as numbers. */
export function createPgPool(url: string, max = 10): PgPool {
  return new pg.Pool({ connectionString: url, max, types });
}
