/**
 * Retention: clears raw payloads (events.raw) of events received more than --days ago, in batches,
 * without touching the normalised events, the ledger, the aggregates or the audit log:
 *   npm run prune -- [--days $OPSQUEST_RETENTION_DAYS | --before 2026-01-01T00:00:00Z] [--db data/opsquest.db] [--batch 5000] [--dry-run]
 * Events of work items still open keep their raw payload. Exit 1 on failure, 2 on bad arguments.
 *
 * While a server has the file open this refuses unless --online: a running server prunes itself
 * daily when OPSQUEST_RETENTION_DAYS is set, on its own connection. --online runs anyway, with
 * batches of 500 and a 200 ms pause between them: the server's write transactions are IMMEDIATE, so
 * a request that meets a batch waits for it (busy_timeout) rather than failing, but it does wait.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseInUse } from '../apps/server/src/db/backup';
import { openDatabase, type Db } from '../apps/server/src/db/database';
import { SqliteUnitOfWork } from '../apps/server/src/db/sqlite/unit-of-work.sqlite';
import { SqliteRetentionStore } from '../apps/server/src/db/sqlite/retention.sqlite';
import { DAY_MS, DEFAULT_PRUNE_BATCH, RetentionService } from '../apps/server/src/services/use-cases/retention.service';

const USAGE = 'usage: npm run prune -- [--days N (or OPSQUEST_RETENTION_DAYS) | --before <ISO time>] [--db data/opsquest.db] [--batch 5000] [--dry-run] [--online]';

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new Error(`${name} must be a whole number of at least 1, got "${value}"`);
  return Number(value);
}

function args(): { db: string; cutoff: number; batch: number | undefined; dryRun: boolean; online: boolean } {
  try {
    const { values } = parseArgs({
      options: { db: { type: 'string' }, days: { type: 'string' }, before: { type: 'string' }, batch: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, online: { type: 'boolean', default: false }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (values.days !== undefined && values.before !== undefined) throw new Error('give --days or --before, not both');
    let cutoff: number;
    if (values.before !== undefined) {
      // an explicit instant only: a bare date would silently mean midnight in some time zone
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(values.before) || Number.isNaN(Date.parse(values.before))) {
        throw new Error(`--before must be an ISO 8601 time with a zone, like 2026-01-01T00:00:00Z, got "${values.before}"`);
      }
      cutoff = Date.parse(values.before);
      if (cutoff > Date.now()) throw new Error(`--before must be in the past, got "${values.before}"`);
    } else {
      const days = positiveInt(values.days, '--days') ?? positiveInt(process.env.OPSQUEST_RETENTION_DAYS || undefined, 'OPSQUEST_RETENTION_DAYS');
      if (days === undefined) throw new Error('--days or --before is required (or set OPSQUEST_RETENTION_DAYS)');
      cutoff = Date.now() - days * DAY_MS;
    }
    if (values.db === '') throw new Error('--db needs a file name');
    return {
      db: resolve(values.db ?? process.env.DATABASE_PATH ?? 'data/opsquest.db'),
      cutoff,
      batch: positiveInt(values.batch, '--batch'),
      dryRun: values['dry-run'],
      online: values.online,
    };
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
}

const { db: path, cutoff, batch, dryRun, online } = args();
if (!existsSync(path)) {
  console.error(`prune failed: no database at ${path}`);
  process.exit(1);
}
let db: Db | undefined;
try {
  const inUse = !dryRun && databaseInUse(path);
  if (inUse && !online) {
    throw new Error(
      `${path} is in use by a running server: set OPSQUEST_RETENTION_DAYS and let the server prune itself (daily), stop the server first, or pass --online (server writes then wait for each batch)`,
    );
  }
  db = openDatabase(path);
  // No migrate() here: schema changes are the server's job at start-up (migration 010 adds the index
  // this walks; without it the prune still works, only by scanning).
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() === undefined) {
    throw new Error(`${path} is not an OpsQuest database (no events table)`);
  }
  // only what the prune needs (no migrate() here, so not every repository's tables need exist)
  const service = new RetentionService({ retention: new SqliteRetentionStore(db), uow: SqliteUnitOfWork.of(db) });
  const at = new Date(cutoff).toISOString();
  if (dryRun) {
    const p = await service.preview(cutoff);
    console.log(`dry run: ${p.wouldClear} raw payloads received before ${at} would be cleared; ${p.keptOpen} kept (work item still open)`);
  } else {
    const r = inUse ? await service.prune(cutoff, batch ?? 500, () => false, 200) : await service.prune(cutoff, batch ?? DEFAULT_PRUNE_BATCH);
    console.log(`cleared ${r.rawCleared} raw payloads received before ${at} in ${r.batches} batches (${r.durationMs} ms); ${r.rawKeptOpen} kept (work item still open)`);
    console.log('events, ledger, leaderboard aggregates and audit log untouched; freed pages are reused by SQLite (the file does not shrink)');
  }
} catch (err) {
  console.error(`prune failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  db?.close();
}
