import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { openDatabase } from '../database';
import { migrate } from '../migrate';
import { migratePostgres } from './migrate.postgres';
import { createPgPool } from './pool.postgres';
import { POSTGRES_ONLY_TABLES } from './postgres-only-tables';

/** Indexes PostgreSQL has in place of SQLite's COLLATE NOCASE. */
const POSTGRES_ONLY_INDEXES = ['actor_aliases_nocase', 'people_username_nocase'];

type Shape = Record<string, string[]>;

function sqliteShape(): { tables: Shape; indexes: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-parity-'));
  const db = openDatabase(join(dir, 'parity.db'));
  try {
    migrate(db);
    const names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").all();
    const tables: Shape = {};
    for (const { name } of names) tables[name] = db.prepare<[], { name: string }>(`PRAGMA table_info(${name})`).all().map((c) => c.name);
    const indexes = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all().map((r) => r.name);
    return { tables, indexes };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * PostgreSQL's migrations leave the same schema as SQLite's: the same tables with the same columns
 * in the same order, and the same named indexes. A SQLite migration without its PostgreSQL twin fails here.
 */
describeWithPostgres('PostgreSQL schema parity with SQLite', (server) => {
  it('has the same tables, columns and index names as the SQLite migrations leave', async () => {
    const pool = createPgPool(await server().createDatabase(), 2);
    try {
      await migratePostgres(pool);
      const columns = await pool.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations' AND table_name <> ALL($1) ORDER BY table_name, ordinal_position`,
        [[...POSTGRES_ONLY_TABLES]],
      );
      const tables: Shape = {};
      for (const r of columns.rows) (tables[r.table_name] ??= []).push(r.column_name);
      const indexes = await pool.query<{ indexname: string }>(
        "SELECT i.indexname FROM pg_indexes i WHERE i.schemaname = 'public' AND i.tablename <> ALL($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY i.indexname",
        [[...POSTGRES_ONLY_TABLES]],
      );
      const sqlite = sqliteShape();
      expect(Object.keys(tables).sort()).toEqual(Object.keys(sqlite.tables).sort());
      for (const [table, cols] of Object.entries(sqlite.tables)) expect({ table, columns: tables[table] }).toEqual({ table, columns: cols });
      expect(indexes.rows.map((r) => r.indexname).filter((n) => !POSTGRES_ONLY_INDEXES.includes(n))).toEqual(sqlite.indexes);
      expect(await migratePostgres(pool)).toEqual([]);
    } finally {
      await pool.end();
    }
  });
});
