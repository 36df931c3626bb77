/**
 * Copies an OpsQuest SQLite database into an EMPTY PostgreSQL database:
 *   npm run migrate:postgres -- --to postgres://user@host:5432/opsquest [--from data/opsquest.db]
 * --from defaults to DATABASE_PATH (the server's setting; default data/opsquest.db) and is opened
 * read-only; stop the server first (what it writes after the copy starts is not copied).
 * The target gets PostgreSQL's migrations, then every table in one transaction; a target that already
 * holds rows is refused untouched. Before COMMIT every table's row count and content digest (sha256
 * over its rows in primary-key order) are compared with SQLite; a failure or a difference rolls it all
 * back, so the target stays empty and the command can be run again.
 * Progress goes to stderr (at most once a second), the per-table summary to stdout.
 *
 * The consistency checker (npm run check) is not run on the target: it still reads through the
 * SQLite-only repositories. The digest comparison stands in for it until the checker reads through
 * an async port that has a PostgreSQL adapter.
 *
 * Exit codes: 0 copied and verified; 1 refused, failed or a table differed (nothing kept); 2 bad usage.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Db } from '../apps/server/src/db/database';
import { copySqliteToPostgres, CopyError, sqliteProblem, type CopyReport } from '../apps/server/src/db/postgres/copy-from-sqlite';
import { createPgPool } from '../apps/server/src/db/postgres/pool.postgres';
import { makeConfig } from '@opsquest/core';
import { createPostgresRepositories } from '../apps/server/src/db/postgres/create-postgres-stores';
import { createServices } from '../apps/server/src/services';
import { checkConsistency } from '../apps/server/src/services/views/consistency.service';

const USAGE = 'usage: npm run migrate:postgres -- --to postgres://user@host:5432/db [--from data/opsquest.db]';

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

function args(): { to: string; from: string } {
  let values: { to?: string; from?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { to: { type: 'string' }, from: { type: 'string' }, help: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.to) usage('--to is missing: the URL of the empty PostgreSQL database to copy into');
  let url: URL;
  try {
    url = new URL(values.to);
  } catch {
    usage(`--to ${values.to} is not a URL: give postgres://user@host:port/database`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') usage(`--to must be a postgres:// or postgresql:// URL, not ${url.protocol}//…`);
  return { to: values.to, from: resolve(values.from ?? process.env.DATABASE_PATH ?? 'data/opsquest.db') };
}

/** The URL without its password, for messages. */
function shown(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

function openSource(path: string): Db {
  if (!existsSync(path)) usage(`--from ${path} does not exist`);
  if (!statSync(path).isFile()) usage(`--from ${path} is not a file`);
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const problem = sqliteProblem(db);
    if (!problem) return db;
    db.close();
    usage(`--from ${path} is not a copyable OpsQuest SQLite file: ${problem}`);
  } catch (err) {
    db?.close();
    usage(`--from ${path} cannot be opened as an OpsQuest SQLite file: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const n = (v: number): string => v.toLocaleString('en-US');

function printSummary(report: CopyReport): void {
  const rows = [['table', 'sqlite rows', 'postgres rows', 'result'], ...report.tables.map((t) => [t.table, n(t.sqliteRows), n(t.postgresRows), t.same ? 'ok' : 'DIFFERENT'])];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 1 || c === 2 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd());
  const rate = Math.round((report.rows * 1000) / Math.max(1, report.copyMs));
  console.log(`${n(report.rows)} rows copied in ${(report.copyMs / 1000).toFixed(1)} s (${n(rate)} rows/s), verified in ${(report.verifyMs / 1000).toFixed(1)} s`);
}

const { to, from } = args();
const sqlite = openSource(from);
const pool = createPgPool(to, 2);
try {
  console.error(`copying ${from} into ${shown(to)}`);
  const report = await copySqliteToPostgres({
    sqlite,
    pool,
    onProgress: (p) => console.error(`  ${p.table}: ${n(p.copied)} of ${n(p.total)} rows (${p.total ? Math.floor((p.copied * 100) / p.total) : 100}%), ${n(p.rowsPerSecond)} rows/s`),
  });
  printSummary(report);
  if (report.committed) {
    // the consistency checker on the target, through the PostgreSQL adapters the nodes will use
    const engine = makeConfig({ timeZone: process.env.OPSQUEST_TIMEZONE ?? 'UTC' });
    const repos = createPostgresRepositories(pool, engine.atRiskPct);
    const services = await createServices(repos, engine, Date.now);
    const check = await checkConsistency(repos, services.engine);
    const differences = check.leaderboardMismatches.length + check.xpMismatches.length + check.levelMismatches.length + check.replayMismatches.length + check.streakMismatches.length;
    console.log(`consistency check on the target: ${n(check.events)} events replayed, ${n(check.ledgerEntries)} ledger entries, ${check.ok ? 'no differences' : `${n(differences)} difference(s)`}`);
    if (check.ok) console.log(`done: ${shown(to)} holds a verified copy of ${from}`);
    else {
      console.error('the target does not pass the consistency check (the copy is kept: the differences were in the source too if `npm run check` reports them there)');
      process.exitCode = 1;
    }
  } else {
    const different = report.tables.filter((t) => !t.same).map((t) => t.table);
    console.error(`the copy differs from SQLite in ${different.join(', ')}: rolled back, the target is left empty`);
    process.exitCode = 1;
  }
} catch (err) {
  if (err instanceof CopyError) console.error(err.kind === 'refused' ? `refused: ${err.message}` : `copy failed, rolled back (the target is left empty): ${err.message}`);
  else console.error(`copy failed (${shown(to)}): ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  sqlite.close();
  await pool.end();
}
