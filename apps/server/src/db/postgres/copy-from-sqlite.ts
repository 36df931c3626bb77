import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Db } from '../database';
import { numberedMigrationFiles } from '../migrate';
import { migratePostgres } from './migrate.postgres';
import type { PgClient, PgPool } from './pool.postgres';
import { POSTGRES_ONLY_TABLES } from './postgres-only-tables';

/**
 * Copies an OpsQuest SQLite database into an empty PostgreSQL database (npm run migrate:postgres):
 * PostgreSQL's migrations first, then every table in foreign-key order in ONE transaction, identity
 * sequences moved past the copied keys, and each table's row count and content digest compared on
 * both sides before COMMIT. Any failure or difference rolls back, so the target stays empty and the
 * copy can simply be run again. SQLite is read inside one read transaction: a consistent snapshot.
 */

const SQLITE_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
/** PostgreSQL accepts at most this many bind parameters in one statement. */
const MAX_BIND_PARAMETERS = 65_535;
const INT8_OID = 20;
/** Reading for the digest: BIGINTs as their exact decimal text (the pool's parser makes numbers). */
const DIGEST_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Why the copy did not happen; `refused` means the target was not touched at all. */
export class CopyError extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'failed',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CopyError';
  }
}

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
  /** rows per second of this table so far */
  rowsPerSecond: number;
}

export interface TableReport {
  table: string;
  sqliteRows: number;
  postgresRows: number;
  sqliteDigest: string;
  postgresDigest: string;
  same: boolean;
}

export interface CopyReport {
  /** in copy (foreign-key) order */
  tables: TableReport[];
  /** false when a table differed: the transaction was rolled back and the target left empty */
  committed: boolean;
  rows: number;
  copyMs: number;
  verifyMs: number;
}

export interface CopyOptions {
  sqlite: Db;
  pool: PgPool;
  /** called at most once per `progressEveryMs` (default 1000) while rows are being copied */
  onProgress?: (progress: CopyProgress) => void;
  progressEveryMs?: number;
  /** rows per INSERT at most (default 1000; fewer when the columns would exceed 65,535 parameters) */
  chunkRows?: number;
}

interface TableInfo {
  name: string;
  columns: string[];
  /** the primary key's columns, in key order; all columns when the table has none */
  key: string[];
  /** PostgreSQL: column name -> data_type, and the identity columns */
  pgTypes: Map<string, string>;
  identity: string[];
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Why this SQLite handle is not a copyable OpsQuest database, or undefined when it is. */
export function sqliteProblem(sqlite: Db): string | undefined {
  let tables: string[];
  try {
    tables = sqlite.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
  } catch (err) {
    return `not a SQLite database (${message(err)})`;
  }
  if (!tables.includes('schema_migrations') || !tables.includes('events')) return 'not an OpsQuest database (it has no schema_migrations or events table)';
  const version = sqlite.prepare<[], number | null>('SELECT max(version) FROM schema_migrations').pluck().get() ?? 0;
  const expected = Math.max(0, ...numberedMigrationFiles(SQLITE_MIGRATIONS_DIR).map((f) => parseInt(f, 10)));
  if (version < expected) return `its schema is at migration ${version} and this OpsQuest's at ${expected}: start the server on it once (it migrates on start), then copy`;
  if (version > expected) return `its schema (migration ${version}) is newer than this OpsQuest's (${expected}): use the OpsQuest that wrote it`;
  return undefined;
}

/** The tables to copy, parents before children, from SQLite's own foreign keys (ties by name). */
export function copyOrder(sqlite: Db): string[] {
  const tables = sqlite
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations' ORDER BY name")
    .pluck()
    .all();
  const byLower = new Map(tables.map((t) => [t.toLowerCase(), t]));
  const parents = new Map<string, Set<string>>();
  for (const table of tables) {
    const refs = sqlite.prepare<[], { table: string }>(`PRAGMA foreign_key_list(${ident(table)})`).all();
    parents.set(table, new Set(refs.map((r) => byLower.get(r.table.toLowerCase())).filter((p): p is string => p !== undefined && p !== table)));
  }
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p)));
    if (ready.length === 0) throw new CopyError(`the foreign keys of ${tables.filter((t) => !placed.has(t)).join(', ')} form a cycle`, 'refused');
    for (const t of ready) {
      order.push(t);
      placed.add(t);
    }
  }
  return order;
}

/** SQLite's columns and key of each table, checked against the PostgreSQL tables (same names, same order). */
async function describeTables(sqlite: Db, client: PgClient, order: string[]): Promise<TableInfo[]> {
  const pgColumns = await client.query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
    "SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position",
  );
  const pgTables = new Map<string, typeof pgColumns.rows>();
  for (const r of pgColumns.rows) pgTables.set(r.table_name, [...(pgTables.get(r.table_name) ?? []), r]);
  const problems: string[] = [];
  const infos = order.map((name): TableInfo => {
    const cols = sqlite.prepare<[], { name: string; pk: number }>(`PRAGMA table_info(${ident(name)})`).all();
    const pgCols = pgTables.get(name) ?? [];
    const columns = cols.map((c) => c.name);
    if (pgCols.map((c) => c.column_name).join(',') !== columns.join(',')) {
      problems.push(`${name}: SQLite has (${columns.join(', ')}), PostgreSQL has (${pgCols.map((c) => c.column_name).join(', ') || 'no such table'})`);
    }
    const key = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    return {
      name,
      columns,
      key: key.length > 0 ? key : columns,
      pgTypes: new Map(pgCols.map((c) => [c.column_name, c.data_type])),
      identity: pgCols.filter((c) => c.is_identity === 'YES').map((c) => c.column_name),
    };
  });
  for (const extra of [...pgTables.keys()].filter((t) => !order.includes(t) && !POSTGRES_ONLY_TABLES.includes(t))) problems.push(`${extra}: only in PostgreSQL`);
  if (problems.length > 0) throw new CopyError(`the SQLite and PostgreSQL schemas differ:\n  ${problems.join('\n  ')}`, 'refused');
  return infos;
}

/** The tables of the target's schema that hold at least one row. */
async function tablesWithRows(client: PgClient | PgPool, tables: string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const sql = tables.map((t, i) => `SELECT $${i + 1}::text AS t WHERE EXISTS (SELECT 1 FROM ${ident(t)})`).join(' UNION ALL ');
  return (await client.query<{ t: string }>(sql, tables)).rows.map((r) => r.t);
}

async function existingTables(client: PgClient | PgPool): Promise<string[]> {
  const r = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations' ORDER BY tablename");
  return r.rows.map((row) => row.tablename).filter((t) => !POSTGRES_ONLY_TABLES.includes(t));
}

const refusal = (tables: string[]): CopyError =>
  new CopyError(`the target database is not empty (rows in ${tables.join(', ')}): copy only into an empty database; nothing was written`, 'refused');

function rowKey(table: TableInfo, row: unknown[]): string {
  return table.key.map((k) => `${k}=${String(row[table.columns.indexOf(k)])}`).join(', ');
}

/** A SQLite value as PostgreSQL gets it; refuses what PostgreSQL would store differently or not at all. */
function toPg(value: unknown, table: TableInfo, column: number, row: unknown[]): unknown {
  if (typeof value === 'string' && value.includes('\u0000')) {
    throw new CopyError(`${table.name} (row ${rowKey(table, row)}), column ${table.columns[column]}: the text holds a NUL character (\\u0000), which PostgreSQL TEXT cannot store; fix that value in SQLite and run the copy again`, 'failed');
  }
  if (Buffer.isBuffer(value)) {
    throw new CopyError(`${table.name} (row ${rowKey(table, row)}), column ${table.columns[column]}: holds a BLOB, which no OpsQuest column takes; fix that value in SQLite and run the copy again`, 'failed');
  }
  return value;
}

/** One value as the digest sees it, the same on both sides: numbers as decimal strings, text as is, null as null. */
function normalise(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint' || typeof value === 'number') return value.toString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  return String(value);
}

function orderBy(table: TableInfo, side: 'sqlite' | 'postgres'): string {
  // both sides order text by its bytes, whatever the columns' or the database's collation
  if (side === 'sqlite') return table.key.map((k) => `${ident(k)} COLLATE BINARY`).join(', ');
  return table.key.map((k) => `${ident(k)}${table.pgTypes.get(k) === 'text' ? ' COLLATE "C"' : ''} NULLS FIRST`).join(', ');
}

function selectAll(table: TableInfo, side: 'sqlite' | 'postgres'): string {
  return `SELECT ${table.columns.map(ident).join(', ')} FROM ${ident(table.name)} ORDER BY ${orderBy(table, side)}`;
}

async function copyTable(client: PgClient, sqlite: Db, table: TableInfo, options: CopyOptions, progress: { last: number }): Promise<number> {
  const total = sqlite.prepare<[], number>(`SELECT count(*) FROM ${ident(table.name)}`).pluck().get() ?? 0;
  const width = table.columns.length;
  const perInsert = Math.max(1, Math.min(options.chunkRows ?? 1000, Math.floor(MAX_BIND_PARAMETERS / width)));
  const head = `INSERT INTO ${ident(table.name)} (${table.columns.map(ident).join(', ')})${table.identity.length > 0 ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES `;
  const statement = (rows: number): string =>
    head + Array.from({ length: rows }, (_, r) => `(${table.columns.map((_c, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
  const full = statement(perInsert);
  const started = Date.now();
  let copied = 0;
  let batch: unknown[] = [];
  let firstKey = '';
  const flush = async (lastRow: unknown[]): Promise<void> => {
    const rows = batch.length / width;
    try {
      // the full-size INSERT is a named prepared statement: parsed once per table
      await client.query(rows === perInsert ? { name: `opsquest_copy_${perInsert}_${table.name}`, text: full, values: batch } : { text: statement(rows), values: batch });
    } catch (err) {
      throw new CopyError(`${table.name}: PostgreSQL refused the rows ${firstKey} .. ${rowKey(table, lastRow)}: ${message(err)}`, 'failed', { cause: err });
    }
    copied += rows;
    batch = [];
    const now = Date.now();
    if (options.onProgress && now - progress.last >= (options.progressEveryMs ?? 1000)) {
      progress.last = now;
      options.onProgress({ table: table.name, copied, total, rowsPerSecond: Math.round((copied * 1000) / Math.max(1, now - started)) });
    }
  };
  const rows = sqlite.prepare(selectAll(table, 'sqlite')).raw(true).safeIntegers(true);
  let last: unknown[] = [];
  for (const row of rows.iterate() as IterableIterator<unknown[]>) {
    if (batch.length === 0) firstKey = rowKey(table, row);
    for (let c = 0; c < width; c += 1) batch.push(toPg(row[c], table, c, row));
    last = row;
    if (batch.length === perInsert * width) await flush(row);
  }
  if (batch.length > 0) await flush(last);
  return copied;
}

function sqliteDigest(sqlite: Db, table: TableInfo): { rows: number; digest: string } {
  const hash = createHash('sha256');
  let rows = 0;
  for (const row of sqlite.prepare(selectAll(table, 'sqlite')).raw(true).safeIntegers(true).iterate() as IterableIterator<unknown[]>) {
    hash.update(`${JSON.stringify(row.map(normalise))}\n`);
    rows += 1;
  }
  return { rows, digest: hash.digest('hex') };
}

/** Needs an open transaction on `client` (it reads through a cursor, a few thousand rows at a time). */
async function postgresDigest(client: PgClient, table: TableInfo): Promise<{ rows: number; digest: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  await client.query(`DECLARE opsquest_digest NO SCROLL CURSOR FOR ${selectAll(table, 'postgres')}`);
  for (;;) {
    const batch = await client.query<unknown[]>({ text: 'FETCH 5000 FROM opsquest_digest', rowMode: 'array', types: DIGEST_TYPES });
    for (const row of batch.rows) hash.update(`${JSON.stringify(row.map(normalise))}\n`);
    rows += batch.rows.length;
    if (batch.rows.length === 0) break;
  }
  await client.query('CLOSE opsquest_digest');
  return { rows, digest: hash.digest('hex') };
}

async function compare(sqlite: Db, client: PgClient, tables: TableInfo[]): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  for (const table of tables) {
    const s = sqliteDigest(sqlite, table);
    const p = await postgresDigest(client, table);
    reports.push({ table: table.name, sqliteRows: s.rows, postgresRows: p.rows, sqliteDigest: s.digest, postgresDigest: p.digest, same: s.rows === p.rows && s.digest === p.digest });
  }
  return reports;
}

/** Runs `work` inside one SQLite read transaction (one snapshot), unless the caller has one open. */
async function inSqliteSnapshot<T>(sqlite: Db, work: () => Promise<T>): Promise<T> {
  if (sqlite.inTransaction) return work();
  sqlite.exec('BEGIN');
  try {
    return await work();
  } finally {
    if (sqlite.inTransaction) sqlite.exec('COMMIT');
  }
}

/**
 * Copies every table of `sqlite` into the EMPTY PostgreSQL database behind `pool` (migrating it first)
 * and compares each table's count and digest before committing. Throws CopyError when refused or
 * failed (nothing kept); a report with committed: false when a table differed (rolled back).
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyReport> {
  const { sqlite, pool } = options;
  const problem = sqliteProblem(sqlite);
  if (problem) throw new CopyError(`the source ${problem}`, 'refused');
  // before migrating: a database holding anything else is not touched at all
  const occupied = await tablesWithRows(pool, await existingTables(pool));
  if (occupied.length > 0) throw refusal(occupied);
  await migratePostgres(pool);
  return inSqliteSnapshot(sqlite, async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const order = copyOrder(sqlite);
        const tables = await describeTables(sqlite, client, order);
        // another copy running at the same time waits here, then finds rows and is refused
        if (order.length > 0) await client.query(`LOCK TABLE ${order.map(ident).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
        const nowOccupied = await tablesWithRows(client, order);
        if (nowOccupied.length > 0) throw refusal(nowOccupied);
        const started = Date.now();
        const progress = { last: started };
        let rows = 0;
        for (const table of tables) rows += await copyTable(client, sqlite, table, options, progress);
        // setval is not undone by a rollback; a re-run after a failure sets the sequences again
        for (const table of tables) {
          for (const column of table.identity) {
            await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${ident(column)}) FROM ${ident(table.name)}), 0) + 1, false)`, [ident(table.name), column]);
          }
        }
        const copyMs = Date.now() - started;
        const reports = await compare(sqlite, client, tables);
        const committed = reports.every((r) => r.same);
        await client.query(committed ? 'COMMIT' : 'ROLLBACK');
        return { tables: reports, committed, rows, copyMs, verifyMs: Date.now() - started - copyMs };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      client.release();
    }
  });
}

/** Compares an already copied target with the SQLite database (counts and digests), in one read-only transaction. */
export async function compareWithPostgres(sqlite: Db, pool: PgPool): Promise<TableReport[]> {
  return inSqliteSnapshot(sqlite, async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        return await compare(sqlite, client, await describeTables(sqlite, client, copyOrder(sqlite)));
      } finally {
        await client.query('COMMIT').catch(() => undefined);
      }
    } finally {
      client.release();
    }
  });
}
