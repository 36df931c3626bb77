import pg from 'pg';

/** BIGINT columns hold epoch milliseconds and counts: well inside Number's exact range. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/**
 * A pool of connections to DATABASE_URL; BIGINTs read as numbers. Every connection gets an error
 * listener for its whole life: a connection checked out when PostgreSQL goes away (a unit of work's,
 * the socket.io adapter's LISTEN connection) emits 'error', and an error event nobody listens to would
 * end the process. The error also reaches whoever is waiting on that connection's query, and the
 * pool drops the connection.
 */
export function createPgPool(url: string, max = 10): PgPool {
  const pool = new pg.Pool({ connectionString: url, max, types });
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}
