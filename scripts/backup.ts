/**
 * Online backup of the OpsQuest database, safe while the server runs and writes:
 *   npm run backup -- [--db data/opsquest.db] [--out data/backups/opsquest-<timestamp>.db]
 * Copies through SQLite's backup API from its own connection, verifies the copy (integrity_check,
 * quick_check, schema present) and prints its size, pages and the time taken. Exit 1 on failure,
 * 2 on bad arguments.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase, BackupError, formatBytes, timestampForFile } from '../apps/server/src/db/backup';

const USAGE = 'usage: npm run backup -- [--db data/opsquest.db] [--out data/backups/opsquest-<timestamp>.db]';

function args(): { db: string; out: string } {
  try {
    const { values } = parseArgs({ options: { db: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } }, strict: true, allowPositionals: false });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (values.db === '' || values.out === '') throw new Error('--db and --out need a file name');
    return {
      db: resolve(values.db ?? process.env.DATABASE_PATH ?? 'data/opsquest.db'),
      out: resolve(values.out ?? `data/backups/opsquest-${timestampForFile(Date.now())}.db`),
    };
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
}

const { db, out } = args();
try {
  const r = await backupDatabase(db, out);
  console.log(`backup of ${db}`);
  console.log(`  written to ${r.path}`);
  console.log(`  ${formatBytes(r.bytes)} (${r.bytes} bytes), ${r.pages} pages of ${r.pageSize} bytes, ${r.durationMs} ms`);
  console.log(`  integrity_check ok, quick_check ok, schema version ${r.schemaVersion}, ${r.events ?? 0} events, ${r.ledgerEntries ?? 0} ledger entries`);
} catch (err) {
  console.error(err instanceof BackupError ? `backup failed: ${err.message}` : err);
  process.exitCode = 1;
}
