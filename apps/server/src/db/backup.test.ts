import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeaderboardView } from '@opsquest/contracts';
import { createRepositories } from './sqlite/create-sqlite-stores';
import { checkConsistency } from '../services/views/consistency.service';
import { getJson } from '../../test-support/http';
import { alarmLife, runScript } from '../../test-support/scripts';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';
import { backupDatabase, BackupError, checkDatabaseFile, databaseInUse, knownSchemaVersion, restoreDatabase } from './backup';
import { openDatabase } from './database';
import { migrate } from './migrate';


async function postLives(url: string, prefix: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const res = await postEvents(url, alarmLife(`${prefix}-${i}`));
    expect(res.status).toBe(201);
  }
}

const eventCount = (t: TestServer): Promise<number> => t.server.repos.events.count();

/** Opens a copy for reading checks in this process and runs the consistency checker on it. */
async function consistencyOf(path: string, t: TestServer): ReturnType<typeof checkConsistency> {
  const db = openDatabase(path);
  try {
    // one read snapshot for the whole check
    db.exec('BEGIN');
    const report = await checkConsistency(createRepositories(db, t.server.services.engine.atRiskPct), t.server.services.engine);
    db.exec('COMMIT');
    return report;
  } finally {
    db.close();
  }
}

// These tests run the commands as processes (tsx start-up takes seconds on a busy machine).
describe('online backup while the server ingests over HTTP', { timeout: 60_000 }, () => {
  let t: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opsquest-backup-'));
    t = await startTestServer();
    // some history first, so the copy has real work to do
    await Promise.all(Array.from({ length: 4 }, (_, w) => postLives(t.url, `history-${w}`, 40)));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the backup command (its own process) copies a consistent snapshot while events keep arriving', async () => {
    let writing = true;
    let posted = 0;
    const writer = (async () => {
      while (writing) {
        await postLives(t.url, `live-${posted}`, 1);
        posted += 1;
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const before = await eventCount(t);
    const out = join(dir, 'during-writes.db');
    const run = await runScript('backup.ts', ['--db', t.dbPath, '--out', out]);
    const after = await eventCount(t);
    writing = false;
    await writer;

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/written to .*during-writes\.db/);
    expect(run.stdout).toMatch(/\d+ pages of \d+ bytes, \d+ ms/);
    expect(run.stdout).toMatch(/integrity_check ok, quick_check ok/);
    // the server really was writing while the command ran
    expect(after).toBeGreaterThan(before);
    expect(existsSync(`${out}.partial`)).toBe(false);

    const check = checkDatabaseFile(out);
    expect(check.integrity).toBe('ok');
    expect(check.schemaVersion).toBe(knownSchemaVersion());
    // a snapshot taken somewhere between the start and the end of the command...
    expect(check.events).toBeGreaterThanOrEqual(before);
    expect(check.events).toBeLessThanOrEqual(after);
    // ...of whole commits: ledger, aggregates and XP agree with a replay of its event log
    const report = await consistencyOf(out, t);
    expect(report.events).toBe(check.events);
    expect(report.ledgerEntries).toBeGreaterThan(0);
    expect(report.replayMismatches).toEqual([]);
    expect(report.leaderboardMismatches).toEqual([]);
    expect(report.xpMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('is one self-contained file (no WAL) and never overwrites an existing file', async () => {
    const out = join(dir, 'plain.db');
    const result = await backupDatabase(t.dbPath, out);
    expect(result.bytes).toBe(result.pages * result.pageSize);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    await expect(backupDatabase(t.dbPath, out)).rejects.toThrow(/already exists/);
  });

  it('bad input: a missing source, a file that is not SQLite or not OpsQuest, unknown options', async () => {
    await expect(backupDatabase(join(dir, 'nope.db'), join(dir, 'x.db'))).rejects.toThrow(BackupError);
    expect(existsSync(join(dir, 'nope.db'))).toBe(false); // never creates an empty database
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not a database, just some text that is long enough to have a header'.repeat(20));
    await expect(backupDatabase(junk, join(dir, 'y.db'))).rejects.toThrow(/not a readable SQLite database/);
    const foreign = join(dir, 'foreign.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE t (a)');
    db.close();
    await expect(backupDatabase(foreign, join(dir, 'z.db'))).rejects.toThrow(/not an OpsQuest database/);
    expect(readdirSync(dir).filter((f) => /^[xyz]\.db/.test(f))).toEqual([]);

    const missing = await runScript('backup.ts', ['--db', join(dir, 'nope.db'), '--out', join(dir, 'w.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/backup failed: no database at .*nope\.db/);
    const unknown = await runScript('backup.ts', ['--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--bogus'[\s\S]*usage: npm run backup/);
  });
});

describe('restore: round trip through a backup', { timeout: 60_000 }, () => {
  let dir: string;
  let t: TestServer | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'opsquest-restore-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const snapshot = async (s: TestServer): Promise<{ events: unknown[]; ledger: unknown[]; aggregates: unknown[] }> => ({
    events: s.server.db.prepare('SELECT seq, event_key, payload, raw, received_at FROM events ORDER BY seq').all(),
    ledger: s.server.db.prepare('SELECT * FROM ledger ORDER BY seq').all(),
    aggregates: await s.server.repos.leaderboard.snapshot(),
  });
  const board = async (s: TestServer): Promise<LeaderboardView> => {
    const res = await getJson<LeaderboardView>(s.url, '/api/leaderboard?league=all&window=all', { cookie: await login(s.url, 'eng2') });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('server with data -> backup -> more data -> restore -> a server on the restored file shows the backup state', async () => {
    t = await startTestServer({ dir });
    const dbPath = t.dbPath;
    await postLives(t.url, 'before', 12);
    const atBackup = await snapshot(t);
    const boardAtBackup = await board(t);
    expect(boardAtBackup.entries.length).toBeGreaterThan(0);
    const backup = join(dir, 'backups', 'round-trip.db');
    await backupDatabase(dbPath, backup);

    await postLives(t.url, 'after', 5);
    const later = await eventCount(t);
    expect(later).toBe(atBackup.events.length + 15);

    // refused while the server has the file open, through the API and the command; nothing changes
    expect(databaseInUse(dbPath)).toBe(true);
    expect(() => restoreDatabase(backup, dbPath)).toThrow(/in use/);
    const cli = await runScript('restore.ts', ['--from', backup, '--db', dbPath]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/restore refused: .* is in use/);
    expect(await eventCount(t)).toBe(later);
    expect(readdirSync(dir).filter((f) => f.includes('before-restore') || f.includes('.restore-'))).toEqual([]);

    await t.close();
    t = undefined;
    expect(databaseInUse(dbPath)).toBe(false);
    const restored = await runScript('restore.ts', ['--from', backup, '--db', dbPath]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const aside = /kept as (\S+)/.exec(restored.stdout)?.[1];
    expect(aside).toMatch(/opsquest\.db\.before-restore-/);
    // the file moved aside still has everything, the events after the backup included
    const old = checkDatabaseFile(aside ?? '');
    expect(old.events).toBe(later);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    expect(existsSync(`${dbPath}-shm`)).toBe(false);

    t = await startTestServer({ dir });
    expect(t.dbPath).toBe(dbPath);
    const now = await snapshot(t);
    expect(now.events).toEqual(atBackup.events);
    expect(now.ledger).toEqual(atBackup.ledger);
    expect(now.aggregates).toEqual(atBackup.aggregates);
    expect((await board(t)).entries).toEqual(boardAtBackup.entries);
    expect((await consistencyOf(join(dir, 'backups', 'round-trip.db'), t)).ok).toBe(true);

    // and the restored server takes new events as usual
    await postLives(t.url, 'restored', 1);
    expect(await eventCount(t)).toBe(atBackup.events.length + 3);
  });

  it('restores into a fresh place (no database there before)', () => {
    const backup = join(dir, 'backups', 'round-trip.db');
    const target = join(dir, 'fresh', 'opsquest.db');
    const r = restoreDatabase(backup, target);
    expect(r.keptAside).toBeUndefined();
    expect(checkDatabaseFile(target).events).toBe(r.events);
  });

  it('refuses a backup that fails verification, before touching the current file', async () => {
    const target = join(dir, 'victim.db');
    const db = openDatabase(target);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL); CREATE TABLE marker (a)');
    db.close();
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all '.repeat(100));
    expect(() => restoreDatabase(junk, target)).toThrow(/not a readable SQLite database/);
    const foreign = join(dir, 'foreign.db');
    const f = new Database(foreign);
    f.exec('CREATE TABLE t (a)');
    f.close();
    expect(() => restoreDatabase(foreign, target)).toThrow(/not an OpsQuest database/);
    const future = join(dir, 'future.db');
    const fu = new Database(future);
    fu.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    fu.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(knownSchemaVersion() + 1, 'from-the-future.sql', Date.now());
    fu.close();
    expect(() => restoreDatabase(future, target)).toThrow(/newer than this code knows/);
    // a corrupted page: integrity_check catches it
    const corrupt = join(dir, 'corrupt.db');
    const small = join(dir, 'small.db');
    const sm = openDatabase(small);
    migrate(sm);
    sm.close();
    await backupDatabase(small, corrupt);
    const c = new Database(corrupt, { readonly: true });
    const root = c.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'ledger'").pluck().get() as number;
    c.close();
    const bytes = readFileSync(corrupt);
    const pageSize = bytes.readUInt16BE(16);
    // scribble over the ledger table's root page (pages are numbered from 1)
    bytes.fill(0xa5, (root - 1) * pageSize, root * pageSize);
    writeFileSync(corrupt, bytes);
    expect(() => restoreDatabase(corrupt, target)).toThrow(/failed verification|malformed|corrupt/i);
    expect(readdirSync(dir).filter((f2) => f2.startsWith('victim.db.'))).toEqual([]);
    const still = new Database(target, { readonly: true });
    expect(still.prepare("SELECT name FROM sqlite_master WHERE name = 'marker'").pluck().get()).toBe('marker');
    still.close();

    const noFrom = await runScript('restore.ts', ['--db', target]);
    expect(noFrom.code).toBe(2);
    expect(noFrom.stderr).toMatch(/--from <backup file> is required[\s\S]*usage: npm run restore/);
    const missing = await runScript('restore.ts', ['--from', join(dir, 'nope.db'), '--db', target]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/restore refused: no backup at/);
  });
});
