import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { Repositories } from '../services/ports/repositories';
import { Checkpointer } from './checkpointer';
import { openDatabase, type Db } from './database';
import { migrate } from './migrate';
import { createPostgresRepositories } from './postgres/create-postgres-stores';
import { migratePostgres } from './postgres/migrate.postgres';
import { createPgPool, type PgPool } from './postgres/pool.postgres';
import { createRepositories } from './sqlite/create-sqlite-stores';

/** The store a node runs on, chosen once at start-up: the SQLite file, or PostgreSQL when DATABASE_URL is set. */
export type Persistence = (
  | { engine: 'sqlite'; repos: Repositories; db: Db; checkpointer: Checkpointer }
  | { engine: 'postgres'; repos: Repositories; pool: PgPool }
) & {
  /** whether the store answers now (the health check): never throws, gives up after `timeoutMs` */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
};

/** `SELECT 1` on the pool, false when it fails or takes longer than `timeoutMs`. */
async function pingPostgres(pool: PgPool, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([pool.query('SELECT 1').then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where the node's data lives, for its logs: the file, or PostgreSQL's host and database (never the password). */
export function describeStore(config: ServerConfig): string {
  if (!config.databaseUrl) return config.databasePath;
  try {
    const url = new URL(config.databaseUrl);
    return `postgres://${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** Opens and migrates the node's store and builds the adapters of every port on it. */
export async function openPersistence(config: ServerConfig, log: Logger, atRiskPct: number): Promise<Persistence> {
  if (config.databaseUrl) {
    const pool = createPgPool(config.databaseUrl, config.pgPoolMax ?? 10);
    // an idle connection that breaks (PostgreSQL restarted) must not crash the node: the pool drops it
    pool.on('error', (err) => log.warn({ err: { message: err.message } }, 'PostgreSQL connection lost; the pool will reconnect'));
    try {
      const applied = await migratePostgres(pool);
      if (applied.length) log.info({ applied }, 'PostgreSQL database migrated');
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    const repos = createPostgresRepositories(pool, atRiskPct);
    return { engine: 'postgres', repos, pool, ping: (timeoutMs = 1000) => pingPostgres(pool, timeoutMs), close: () => pool.end() };
  }
  const db = openDatabase(config.databasePath);
  const applied = migrate(db);
  if (applied.length) log.info({ applied }, 'database migrated');
  const checkpointer = new Checkpointer(db, { periodMs: config.checkpointMs ?? 1000, walLimitBytes: 64 * 2 ** 20, onError: (err) => log.warn({ err }, 'WAL checkpoint worker: automatic checkpoints are back on') });
  checkpointer.start();
  return {
    engine: 'sqlite',
    repos: createRepositories(db, atRiskPct),
    db,
    checkpointer,
    ping: async () => db.open,
    close: async () => {
      await checkpointer.stop();
      db.close();
    },
  };
}
