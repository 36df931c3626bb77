import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Online backup and restore of the OpsQuest SQLite file (npm run backup / npm run restore).
 *
 * Backup uses SQLite's backup API from a connection of its own, so it works while the server runs
 * and writes. The whole database is copied in ONE backup step: a step holds a read transaction,
 * and in WAL mode a reader sees one snapshot and never blocks the writer, so the copy is exactly the
 * database as of one commit. (With small steps, a write by another connection between two steps
 * makes SQLite restart the copy from page one; under steady ingest it might never finish.) The copy
 * is written to `<out>.partial`, switched to rollback-journal mode (one self-contained file),
 * verified, and only then renamed to `<out>`: a file at `<out>` is always a verified backup.
 */

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Highest migration number this code knows: a backup from newer code is refused on restore. */
export function knownSchemaVersion(dir = MIGRATIONS_DIR): number {
  return Math.max(0, ...readdirSync(dir).filter((f) => /^\d+-.+\.sql$/.test(f)).map((f) => parseInt(f, 10)));
}

export interface DatabaseCheck {
  /** 'ok', or the first problems PRAGMA integrity_check / quick_check reported */
  integrity: string;
  quickCheck: string;
  pages: number;
  pageSize: number;
  /** highest applied migration, undefined when there is no schema_migrations table */
  schemaVersion: number | undefined;
  events: number | undefined;
  ledgerEntries: number | undefined;
}

function checkOpen(db: Database.Database): DatabaseCheck {
  const rows = (pragma: string): string => (db.pragma(pragma, { simple: false }) as Record<string, unknown>[]).slice(0, 5).map((r) => String(Object.values(r)[0])).join('; ');
  const hasTable = (name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  const count = (table: string): number | undefined => (hasTable(table) ? (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) : undefined);
  return {
    integrity: rows('integrity_check'),
    quickCheck: rows('quick_check'),
    pages: db.pragma('page_count', { simple: true }) as number,
    pageSize: db.pragma('page_size', { simple: true }) as number,
    schemaVersion: hasTable('schema_migrations') ? ((db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null) ?? 0) : undefined,
    events: count('events'),
    ledgerEntries: count('ledger'),
  };
}

/** Opens a database file that must exist (never creates one) and checks it. Not for a file a server uses. */
export function checkDatabaseFile(path: string): DatabaseCheck {
  const db = openExisting(path);
  try {
    return checkOpen(db);
  } finally {
    db.close();
  }
}

function openExisting(path: string): Database.Database {
  if (!existsSync(path)) throw new BackupError(`no database at ${path}`);
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    // Reading the schema is the first thing that fails on a file that is not SQLite.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    throw new BackupError(`${path} is not a readable SQLite database: ${message(err)}`);
  }
  return db;
}

/** A failure the command line reports as a message (no stack trace) with a non-zero exit. */
export class BackupError extends Error {
  override name = 'BackupError';
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface BackupResult {
  path: string;
  bytes: number;
  pages: number;
  pageSize: number;
  durationMs: number;
  schemaVersion: number;
  events: number | undefined;
  ledgerEntries: number | undefined;
}

/** `opsquest-2026-11-24T14-30-05-123Z.db`: sortable, no characters a file system dislikes. */
export function timestampForFile(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/**
 * Online backup of `sourcePath` into `outPath` (which must not exist), verified before it gets its
 * final name. Safe while a server has the source open and writes to it.
 */
export async function backupDatabase(sourcePath: string, outPath: string): Promise<BackupResult> {
  const started = performance.now();
  if (existsSync(outPath)) throw new BackupError(`${outPath} already exists: choose another --out (a backup never overwrites a file)`);
  const partial = `${outPath}.partial`;
  rmSync(partial, { force: true });
  mkdirSync(dirname(outPath), { recursive: true });
  const source = openExisting(sourcePath);
  try {
    if (source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() === undefined) {
      throw new BackupError(`${sourcePath} is not an OpsQuest database (no schema_migrations table)`);
    }
    // First transfer() is step(0) (sets up, copies nothing); the answer makes the next step copy every page.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } catch (err) {
    rmSync(partial, { force: true });
    throw err instanceof BackupError ? err : new BackupError(`backup of ${sourcePath} failed: ${message(err)}`);
  } finally {
    source.close();
  }
  try {
    const copy = new Database(partial, { fileMustExist: true });
    let check: DatabaseCheck;
    try {
      // The pages carry the source's WAL flag; a backup is better as one self-contained file.
      copy.pragma('journal_mode = DELETE');
      check = checkOpen(copy);
    } finally {
      copy.close();
    }
    if (check.integrity !== 'ok' || check.quickCheck !== 'ok') throw new BackupError(`the copy failed verification: integrity_check: ${check.integrity}; quick_check: ${check.quickCheck}`);
    if (check.schemaVersion === undefined) throw new BackupError('the copy has no schema_migrations table');
    fsyncFile(partial);
    renameSync(partial, outPath);
    return {
      path: outPath,
      bytes: statSync(outPath).size,
      pages: check.pages,
      pageSize: check.pageSize,
      durationMs: Math.round(performance.now() - started),
      schemaVersion: check.schemaVersion,
      events: check.events,
      ledgerEntries: check.ledgerEntries,
    };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err instanceof BackupError ? err : new BackupError(`verifying the copy failed: ${message(err)}`);
  }
}

/**
 * Whether another connection has the database open. A connection in WAL mode holds a shared lock
 * on the database file for as long as it is open (not only while it reads), and SQLite's unix VFS
 * sees locks of other processes and of other connections in this process alike. So: open our own
 * connection with `locking_mode = EXCLUSIVE` and no busy timeout and try to take the write lock in
 * exclusive mode; SQLITE_BUSY means someone else is attached: the server, its checkpoint worker, a
 * check or backup command. Chosen over probing /api/health because it needs no port or host, does
 * not mistake another instance on that port (with another file) for this one, and also catches
 * non-HTTP users of the file.
 */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE');
      db.exec('COMMIT');
      return false;
    } catch (err) {
      if (err instanceof Error && 'code' in err && String(err.code).startsWith('SQLITE_BUSY')) return true;
      throw err;
    }
  } finally {
    db.close();
  }
}

export interface RestoreOptions {
  /** restore even when the target seems in use (a running server keeps writing to the old file!) */
  force?: boolean;
  now?: number;
}

export interface RestoreResult {
  from: string;
  path: string;
  /** where the previous database file went, when there was one */
  keptAside: string | undefined;
  schemaVersion: number;
  events: number | undefined;
  ledgerEntries: number | undefined;
  durationMs: number;
}

/**
 * Puts a verified copy of `fromPath` at `dbPath`. Order: refuse when the target is in use (unless
 * forced); copy the backup next to the target and verify that copy (integrity_check, quick_check,
 * schema_migrations present and not newer than this code); move the current file aside as
 * `<db>.before-restore-<ts>` together with its -wal (which may hold committed data, so it is kept,
 * not deleted), delete the stale -shm; rename the verified copy into place. Nothing of the current
 * database is touched before the backup has passed verification.
 */
export function restoreDatabase(fromPath: string, dbPath: string, options: RestoreOptions = {}): RestoreResult {
  const started = performance.now();
  const now = options.now ?? Date.now();
  if (!existsSync(fromPath)) throw new BackupError(`no backup at ${fromPath}`);
  if (!options.force && databaseInUse(dbPath)) {
    throw new BackupError(`${dbPath} is in use (a server or another command has it open): stop the server first, or pass --force if nothing uses it`);
  }
  mkdirSync(dirname(dbPath), { recursive: true });
  const incoming = `${dbPath}.restore-${timestampForFile(now)}`;
  copyFileSync(fromPath, incoming);
  let check: DatabaseCheck;
  try {
    const db = openExisting(incoming);
    try {
      db.pragma('journal_mode = DELETE');
      check = checkOpen(db);
    } finally {
      db.close();
    }
    if (check.integrity !== 'ok' || check.quickCheck !== 'ok') throw new BackupError(`${fromPath} failed verification: integrity_check: ${check.integrity}; quick_check: ${check.quickCheck}`);
    if (check.schemaVersion === undefined) throw new BackupError(`${fromPath} is not an OpsQuest database (no schema_migrations table)`);
    const known = knownSchemaVersion();
    if (check.schemaVersion > known) throw new BackupError(`${fromPath} has schema version ${check.schemaVersion}, newer than this code knows (${known}): restore it with the newer version`);
    fsyncFile(incoming);
  } catch (err) {
    rmSync(incoming, { force: true });
    rmSync(`${incoming}-journal`, { force: true });
    throw err instanceof BackupError ? err : new BackupError(`verifying ${fromPath} failed: ${message(err)}`);
  }

  let keptAside: string | undefined;
  if (existsSync(dbPath)) {
    keptAside = `${dbPath}.before-restore-${timestampForFile(now)}`;
    renameSync(dbPath, keptAside);
    // Opening the aside file later replays this WAL into it: nothing committed is lost.
    if (existsSync(`${dbPath}-wal`)) renameSync(`${dbPath}-wal`, `${keptAside}-wal`);
  }
  // Any leftover -wal / -shm belongs to the old file; SQLite would apply it to the restored one.
  rmSync(`${dbPath}-wal`, { force: true });
  rmSync(`${dbPath}-shm`, { force: true });
  rmSync(`${dbPath}-journal`, { force: true });
  renameSync(incoming, dbPath);
  return {
    from: fromPath,
    path: dbPath,
    keptAside,
    schemaVersion: check.schemaVersion,
    events: check.events,
    ledgerEntries: check.ledgerEntries,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Human-readable size for the command line. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
