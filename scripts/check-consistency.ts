/**
 * Recomputes leaderboard aggregates, XP and levels from the ledger, and the ledger and streaks from the event log, and
 * reports every difference: `DATABASE_PATH=data/opsquest.db npm run check`. Exit code 1 on any.
 * Safe while the server runs (it only reads; WAL gives it a consistent snapshot per query).
 */
import { resolve } from 'node:path';
import { makeConfig } from '@opsquest/core';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import { createRepositories } from '../apps/server/src/db/sqlite/create-sqlite-stores';
import { checkConsistency, type ConsistencyReport } from '../apps/server/src/services/views/consistency.service';

const path = resolve(process.env.DATABASE_PATH ?? 'data/opsquest.db');
const db = openDatabase(path);
try {
  migrate(db);
  const engine = makeConfig({ timeZone: process.env.OPSQUEST_TIMEZONE ?? 'UTC' });
  // one read transaction (deferred, as the server's writers must not wait for it): one snapshot for every read
  db.exec('BEGIN');
  let report: ConsistencyReport;
  try {
    report = await checkConsistency(createRepositories(db, engine.atRiskPct), engine);
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
  console.log(`${path}: ${report.events} events, ${report.ledgerEntries} ledger entries`);
  for (const m of report.leaderboardMismatches.slice(0, 20)) console.log(`aggregate ${m.key}: stored ${m.stored}, ledger says ${m.recomputed}`);
  for (const m of report.xpMismatches.slice(0, 20)) console.log(`xp ${m.personId}: stored ${m.stored}, ledger says ${m.recomputed}`);
  for (const m of report.levelMismatches.slice(0, 20)) console.log(`level ${m.personId}: shown ${m.stored}, ledger says ${m.recomputed}`);
  for (const m of report.streakMismatches.slice(0, 20)) console.log(`streak ${m.personId} (current/best/last day): stored ${m.stored}, replay says ${m.recomputed}`);
  for (const m of report.replayMismatches.slice(0, 20)) console.log(`ledger ${m.entryId}: ${m.problem}`);
  console.log(report.ok ? 'consistent' : 'INCONSISTENT');
  process.exitCode = report.ok ? 0 : 1;
} finally {
  db.close();
}
