import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberedMigrationFiles } from '../migrate';
import { ADVISORY } from './advisory-locks';
import type { PgPool } from './pool.postgres';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Any number: the advisory lock that lets one node at a time migrate (the others wait, then find nothing to do). */
const MIGRATION_LOCK = ADVISORY.migrations;

/**
 * PostgreSQL's numbered SQL files, applied in order, each once, each in its own transaction, forward
 * only: the twin of db/migrate.ts. Nodes starting together take an advisory lock so one migrates.
 */
export async function migratePostgres(pool: PgPool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const files = numberedMigrationFiles(dir);
    const done: string[] = [];
    for (const file of files) {
      const version = parseInt(file, 10);
      if (applied.has(version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(join(dir, file), 'utf8'));
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [version, file, Date.now()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`PostgreSQL migration ${file} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      done.push(file);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
