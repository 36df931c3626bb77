/**
 * What the crash test checks in the SQLite file, read-only (safe while the server runs: WAL gives
 * this connection a consistent snapshot inside its transaction):
 * - PRAGMA integrity_check is ok;
 * - every event acknowledged with 2xx is in `events` exactly once under its dedup key;
 * - no client event is there that was never acknowledged, and no work happened twice under
 *   different keys (the same item, transition and time for integrations; the same item, action
 *   and person for console actions, whose time is the server's clock);
 * - the consistency checker (apps/server/src/services/views/consistency.service.ts) finds no difference:
 *   leaderboard aggregates and XP equal the sums recomputed from the ledger, and replaying the
 *   event log reproduces the ledger.
 */
import Database from 'better-sqlite3';
import { makeConfig } from '@opsquest/core';
import { createRepositories } from '../../apps/server/src/db/sqlite/create-sqlite-stores';
import { checkConsistency, type ConsistencyReport } from '../../apps/server/src/services/views/consistency.service';
import type { ConsoleAction, Via } from './crash-load';

export interface Expected {
  /** every event key acknowledged with 2xx, and how it came in */
  acked: ReadonlyMap<string, Via>;
  consoleActions: readonly ConsoleAction[];
}

export interface VerifyOptions {
  /** also report client events in the file that were never acknowledged (true once every request is answered) */
  complete?: boolean;
  /** run the consistency checker (replays the whole log) */
  consistency?: boolean;
  /** run PRAGMA integrity_check */
  integrity?: boolean;
}

export interface VerifyReport {
  integrity: string;
  /** rows in `events`, all sources (the SLA timer's too) */
  eventsInDatabase: number;
  /** rows that came from the test's clients (via api, alertmanager or console) */
  clientEventsInDatabase: number;
  acknowledged: number;
  missing: string[];
  duplicated: string[];
  unacknowledged: string[];
  /** the same work stored twice under different keys */
  repeatedWork: string[];
  consistency?: Pick<ConsistencyReport, 'events' | 'ledgerEntries' | 'leaderboardMismatches' | 'xpMismatches' | 'replayMismatches' | 'ok'>;
  problems: string[];
  ok: boolean;
}

const CLIENT_VIAS: readonly Via[] = ['api', 'alertmanager', 'console'];

interface EventRow {
  event_key: string;
  item_key: string;
  transition: string;
  occurred_at: number;
  actor: string | null;
  via: string;
  sla_target: string | null;
}

export async function verifyDatabase(dbPath: string, expected: Expected, options: VerifyOptions = {}): Promise<VerifyReport> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // one read transaction (a deferred BEGIN: this connection is read-only), so every read sees one snapshot
    db.exec('BEGIN');
    try {
      return await verifyOpen(db, expected, options);
    } finally {
      if (db.inTransaction) db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
}

async function verifyOpen(db: Database.Database, expected: Expected, options: VerifyOptions): Promise<VerifyReport> {
  const problems: string[] = [];
  const integrity = options.integrity === false ? 'not checked' : (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  if (options.integrity !== false && integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);

  const eventsInDatabase = Number(db.prepare('SELECT count(*) FROM events').pluck().get());
  const rows = db
    .prepare<unknown[], EventRow>(
      `SELECT event_key, item_key, transition, occurred_at, actor, via, json_extract(payload, '$.attributes.slaTarget') AS sla_target
       FROM events WHERE via IN (${CLIENT_VIAS.map(() => '?').join(', ')})`,
    )
    .all(...CLIENT_VIAS);
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.event_key, (count.get(r.event_key) ?? 0) + 1);

  const missing: string[] = [];
  const duplicated: string[] = [];
  for (const key of expected.acked.keys()) {
    const n = count.get(key) ?? 0;
    if (n === 0) missing.push(key);
    if (n > 1) duplicated.push(key);
  }
  const unacknowledged = options.complete ? [...count.keys()].filter((k) => !expected.acked.has(k)) : [];

  // The same work twice under different keys: a retry that was not recognised as one.
  const repeatedWork: string[] = [];
  const seen = new Map<string, string>();
  for (const r of rows) {
    const what = r.via === 'console' ? `${r.item_key}|${r.transition}|${r.actor ?? ''}|console` : `${r.item_key}|${r.transition}|${r.sla_target ?? ''}|${r.occurred_at}`;
    const first = seen.get(what);
    if (first !== undefined && first !== r.event_key) repeatedWork.push(`${what}: ${first} and ${r.event_key}`);
    else seen.set(what, r.event_key);
  }
  for (const a of expected.consoleActions) {
    if (!seen.has(`${a.itemKey}|${a.transition}|${a.actor}|console`)) problems.push(`console action ${a.transition} on ${a.itemKey} by ${a.actor} is not stored`);
  }

  if (missing.length) problems.push(`${missing.length} acknowledged event(s) missing, e.g. ${missing.slice(0, 3).join(', ')}`);
  if (duplicated.length) problems.push(`${duplicated.length} event key(s) stored more than once, e.g. ${duplicated.slice(0, 3).join(', ')}`);
  if (unacknowledged.length) problems.push(`${unacknowledged.length} client event(s) stored but never acknowledged, e.g. ${unacknowledged.slice(0, 3).join(', ')}`);
  if (repeatedWork.length) problems.push(`${repeatedWork.length} piece(s) of work stored twice, e.g. ${repeatedWork.slice(0, 3).join('; ')}`);

  let consistency: VerifyReport['consistency'];
  if (options.consistency !== false) {
    const engine = makeConfig({ timeZone: 'UTC' });
    const report = await checkConsistency(createRepositories(db, engine.atRiskPct), engine);
    consistency = {
      events: report.events,
      ledgerEntries: report.ledgerEntries,
      leaderboardMismatches: report.leaderboardMismatches.slice(0, 20),
      xpMismatches: report.xpMismatches.slice(0, 20),
      replayMismatches: report.replayMismatches.slice(0, 20),
      ok: report.ok,
    };
    const differences = report.leaderboardMismatches.length + report.xpMismatches.length + report.replayMismatches.length;
    if (!report.ok) {
      const first = report.leaderboardMismatches[0] ?? report.xpMismatches[0] ?? report.replayMismatches[0];
      problems.push(`consistency checker: ${differences} difference(s), e.g. ${JSON.stringify(first)}`);
    }
  }

  return {
    integrity,
    eventsInDatabase,
    clientEventsInDatabase: rows.length,
    acknowledged: expected.acked.size,
    missing,
    duplicated,
    unacknowledged,
    repeatedWork,
    ...(consistency ? { consistency } : {}),
    problems,
    ok: problems.length === 0,
  };
}
