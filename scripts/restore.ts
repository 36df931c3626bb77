/**
 * Restores a backup made by `npm run backup`:
 *   npm run restore -- --from data/backups/opsquest-<timestamp>.db [--db data/opsquest.db] [--force]
 * Refuses while anything has the target open (stop the server first); verifies the backup before
 * touching the current file, keeps the current file as <db>.before-restore-<timestamp> (with its
 * -wal), removes the stale -wal/-shm and puts the verified copy in place. --force skips the in-use
 * check only: a server still running keeps writing to the file moved aside, so restart it at once.
 * Exit 1 on failure, 2 on bad arguments.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, restoreDatabase } from '../apps/server/src/db/backup';

const USAGE = 'usage: npm run restore -- --from <backup file> [--db data/opsquest.db] [--force]';

function args(): { from: string; db: string; force: boolean } {
  try {
    const { values } = parseArgs({
      options: { from: { type: 'string' }, db: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (!values.from) throw new Error('--from <backup file> is required');
    if (values.db === '') throw new Error('--db needs a file name');
    return { from: resolve(values.from), db: resolve(values.db ?? process.env.DATABASE_PATH ?? 'data/opsquest.db'), force: values.force };
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
}

const { from, db, force } = args();
try {
  const r = restoreDatabase(from, db, { force });
  console.log(`restored ${r.from}`);
  console.log(`  into ${r.path} (${r.events ?? 0} events, ${r.ledgerEntries ?? 0} ledger entries, schema version ${r.schemaVersion}, ${r.durationMs} ms)`);
  console.log(r.keptAside ? `  the previous database is kept as ${r.keptAside}` : '  there was no database there before');
  if (force) console.log('  --force: if a server was running on this file, restart it now');
} catch (err) {
  console.error(err instanceof BackupError ? `restore refused: ${err.message}` : err);
  process.exitCode = 1;
}
