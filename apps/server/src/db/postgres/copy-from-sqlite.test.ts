import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, postEvents, startTestServer } from '../../../test-support/test-server';
import { getJson, postJson, uniqueKey } from '../../../test-support/http';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { alarmLife, runScript } from '../../../test-support/scripts';
import { openDatabase, type Db } from '../database';
import { compareWithPostgres, copyOrder, copySqliteToPostgres, CopyError, type CopyProgress } from './copy-from-sqlite';
import { createPgPool, type PgPool } from './pool.postgres';
import { POSTGRES_ONLY_TABLES } from './postgres-only-tables';

const migrateCli = (args: string[], env: Record<string, string> = {}) => runScript('migrate-postgres.ts', args, env);
const readOnly = (path: string): Db => new Database(path, { readonly: true, fileMustExist: true });
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Rows per table of the target (schema_migrations and PostgreSQL-only tables aside). */
async function pgCounts(pool: PgPool): Promise<Record<string, number>> {
  const tables = (await pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' AND tablename <> ALL($1) ORDER BY 1", [[...POSTGRES_ONLY_TABLES]])).rows;
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) counts[tablename] = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${tablename}"`)).rows[0]?.n);
  return counts;
}

async function withPool<T>(url: string, work: (pool: PgPool) => Promise<T>): Promise<T> {
  const pool = createPgPool(url, 2);
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

describe('npm run migrate:postgres: bad usage', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'opsquest-copy-usage-'));
    writeFileSync(join(dir, 'notes.db'), 'not a database at all\n'.repeat(100));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 naming the problem: no --to, a --to that is not a postgres URL, a missing or non-OpsQuest --from', async () => {
    const to = 'postgres://postgres@127.0.0.1:1/none';
    const [noTo, mysql, notUrl, missing, notDb] = await Promise.all([
      migrateCli(['--from', join(dir, 'notes.db')]),
      migrateCli(['--to', 'mysql://root@localhost/opsquest']),
      migrateCli(['--to', 'opsquest-db']),
      migrateCli(['--to', to, '--from', join(dir, 'missing.db')]),
      migrateCli(['--to', to, '--from', join(dir, 'notes.db')]),
    ]);
    expect({ code: noTo.code, stderr: noTo.stderr }).toMatchObject({ code: 2, stderr: expect.stringContaining('--to is missing') });
    expect({ code: mysql.code, stderr: mysql.stderr }).toMatchObject({ code: 2, stderr: expect.stringContaining('postgres:// or postgresql:// URL, not mysql:') });
    expect({ code: notUrl.code, stderr: notUrl.stderr }).toMatchObject({ code: 2, stderr: expect.stringContaining('--to opsquest-db is not a URL') });
    expect({ code: missing.code, stderr: missing.stderr }).toMatchObject({ code: 2, stderr: expect.stringContaining(`${join(dir, 'missing.db')} does not exist`) });
    expect({ code: notDb.code, stderr: notDb.stderr }).toMatchObject({ code: 2, stderr: expect.stringMatching(/notes\.db .*(not a copyable OpsQuest|cannot be opened)/) });
    for (const run of [noTo, mysql, notUrl, missing, notDb]) expect(run.stderr).toContain('usage: npm run migrate:postgres');
  }, 60_000);
});

describeWithPostgres('copying an OpsQuest SQLite database into PostgreSQL', (server) => {
  let dir: string;
  /** a server's database after real traffic (the server is stopped) */
  let source: string;
  let n = 0;
  /** A copy of the source that a test may change. */
  const scratch = (): string => {
    const path = join(dir, `scratch-${(n += 1)}.db`);
    copyFileSync(source, path);
    return path;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opsquest-copy-'));
    const t = await startTestServer({ dir });
    try {
      const admin = await login(t.url, 'admin');
      const lead = await login(t.url, 'lead');
      const eng = await login(t.url, 'eng');
      expect((await postJson(t.url, '/api/admin/webhooks', { name: 'HR', url: 'http://127.0.0.1:9/hook', events: ['points.awarded'] }, { cookie: admin })).status).toBe(201);
      expect((await postJson(t.url, '/api/admin/api-keys', { name: 'NMS east', scopes: ['events:write'] }, { cookie: admin })).status).toBe(201);
      for (let i = 0; i < 4; i += 1) expect((await postEvents(t.url, alarmLife(uniqueKey('A')))).status).toBe(201);
      const order = { source: 'bss', stream: 'order', externalKey: uniqueKey('O') } as const;
      const res = await postEvents(t.url, [
        { ...order, transition: 'acknowledged', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), attributes: { priority: 1 } },
        { ...order, transition: 'completed', occurredAt: new Date(Date.now() - 60_000).toISOString(), actor: 'eng2' },
      ]);
      expect(res.status).toBe(201);
      expect((await postJson(t.url, '/api/people/p-eng/adjustments', { points: 25, reason: 'Weekend cover' }, { cookie: lead })).status).toBe(201);
      expect((await postJson(t.url, '/api/kudos', { toPersonId: 'p-eng2', message: 'thanks for the handover' }, { cookie: eng })).status).toBe(201);
    } finally {
      await t.close();
    }
    source = join(dir, 'opsquest.db');
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies every table through the CLI: counts and digests equal, SQLite untouched, identity sequences continue after the copied rows', async () => {
    const url = await server().createDatabase();
    const before = sha256(source);
    const started = Date.now();
    const run = await migrateCli(['--to', url, '--from', source]);
    const ms = Date.now() - started;
    expect(run.stderr).not.toMatch(/failed|refused/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^consistency check on the target: .* no differences$/m);
    expect(sha256(source)).toBe(before);

    const sqlite = readOnly(source);
    try {
      const tables = copyOrder(sqlite);
      for (const table of tables) expect(run.stdout).toMatch(new RegExp(`^${table} .* ok$`, 'm'));
      expect(run.stdout).toMatch(/rows copied in .* rows\/s/);
      const count = (table: string): number => sqlite.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get() ?? 0;
      for (const table of ['events', 'work_items', 'ledger', 'leaderboard', 'feed', 'audit_log', 'api_keys', 'subscriptions', 'deliveries', 'kudos', 'people', 'teams']) {
        expect({ table, rows: count(table) > 0 }).toEqual({ table, rows: true });
      }
      await withPool(url, async (pool) => {
        const reports = await compareWithPostgres(sqlite, pool);
        expect(reports.map((r) => r.table)).toEqual(tables);
        for (const r of reports) expect(r).toMatchObject({ same: true, postgresRows: r.sqliteRows });
        // new rows continue after the copied keys
        const maxFeed = sqlite.prepare<[], number>('SELECT max(seq) FROM feed').pluck().get();
        const feed = await pool.query<{ seq: number }>("INSERT INTO feed (at, kind, text) VALUES (1, 'system', 'after the move') RETURNING seq");
        expect(feed.rows[0]?.seq).toBe((maxFeed ?? 0) + 1);
        const maxAudit = sqlite.prepare<[], number>('SELECT max(seq) FROM audit_log').pluck().get();
        const audit = await pool.query<{ seq: number }>("INSERT INTO audit_log (at, action) VALUES (1, 'moved') RETURNING seq");
        expect(audit.rows[0]?.seq).toBe((maxAudit ?? 0) + 1);
        // and the digests see a changed value where the counts do not
        await pool.query("UPDATE people SET display_name = display_name || '.' WHERE id = 'p-eng'");
        const after = await compareWithPostgres(sqlite, pool);
        expect(after.filter((r) => !r.same).map((r) => r.table).sort()).toEqual(['audit_log', 'feed', 'people']);
        expect(after.find((r) => r.table === 'people')).toMatchObject({ sqliteRows: count('people'), postgresRows: count('people') });
      });
    } finally {
      sqlite.close();
    }
    console.log(`CLI copy of the traffic database: ${ms} ms including tsx start-up`);
  }, 60_000);

  it('refuses a second run into the now non-empty target, naming the tables and changing nothing', async () => {
    const url = await server().createDatabase();
    const sqlite = readOnly(source);
    try {
      await withPool(url, async (pool) => {
        expect((await copySqliteToPostgres({ sqlite, pool })).committed).toBe(true);
        const counts = await pgCounts(pool);
        const run = await migrateCli(['--to', url, '--from', source]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/refused: the target database is not empty \(rows in .*events.*\)/);
        expect(run.stdout).toBe('');
        expect(await pgCounts(pool)).toEqual(counts);
        expect((await compareWithPostgres(sqlite, pool)).every((r) => r.same)).toBe(true);
        await expect(copySqliteToPostgres({ sqlite, pool })).rejects.toThrow(/not empty/);
      });
    } finally {
      sqlite.close();
    }
  }, 60_000);

  it('copies in chunks with progress, keeps integers beyond 2^53 and REALs exact', async () => {
    const path = scratch();
    const writable = openDatabase(path);
    writable.prepare("INSERT INTO feed (at, kind, text, points) VALUES (?, 'system', 'big', ?)").safeIntegers(true).run(1n, 9_007_199_254_740_993n);
    writable.prepare("UPDATE people SET hours_per_day = 7.3 WHERE id = 'p-tech'").run();
    writable.close();
    const url = await server().createDatabase();
    const sqlite = readOnly(path);
    try {
      await withPool(url, async (pool) => {
        const progress: CopyProgress[] = [];
        const report = await copySqliteToPostgres({ sqlite, pool, chunkRows: 3, progressEveryMs: 0, onProgress: (p) => progress.push(p) });
        expect(report.committed).toBe(true);
        expect(report.tables.every((r) => r.same)).toBe(true);
        const events = progress.filter((p) => p.table === 'events');
        const total = sqlite.prepare<[], number>('SELECT count(*) FROM events').pluck().get();
        expect(events.map((p) => p.copied)).toEqual(Array.from({ length: Math.ceil((total ?? 0) / 3) }, (_, i) => Math.min((i + 1) * 3, total ?? 0)));
        expect(events.every((p) => p.total === total && p.rowsPerSecond > 0)).toBe(true);
        expect((await pool.query<{ p: string }>("SELECT points::text AS p FROM feed WHERE text = 'big'")).rows).toEqual([{ p: '9007199254740993' }]);
        expect((await pool.query<{ h: number }>("SELECT hours_per_day AS h FROM people WHERE id = 'p-tech'")).rows).toEqual([{ h: 7.3 }]);
      });
    } finally {
      sqlite.close();
    }
  }, 60_000);

  it('a copy failing midway (text with a NUL character) names table, row and column and leaves the target empty', async () => {
    const path = scratch();
    const writable = openDatabase(path);
    writable.prepare("INSERT INTO kudos (id, from_person_id, to_person_id, message, at, day) VALUES ('k-nul', 'p-eng', 'p-tech', ?, 1, '2026-01-05')").run('thanks\u0000!');
    writable.close();
    const url = await server().createDatabase();
    const sqlite = readOnly(path);
    try {
      const order = copyOrder(sqlite);
      // tables with rows are copied before kudos, so the failure comes after rows were written
      const earlier = order.slice(0, order.indexOf('kudos'));
      expect(earlier.filter((t) => (sqlite.prepare<[], number>(`SELECT count(*) FROM ${t}`).pluck().get() ?? 0) > 0)).toEqual(expect.arrayContaining(['events', 'people', 'ledger']));
      await withPool(url, async (pool) => {
        const failure = await copySqliteToPostgres({ sqlite, pool, chunkRows: 5 }).catch((err: unknown) => err);
        expect(failure).toBeInstanceOf(CopyError);
        expect(failure).toMatchObject({ kind: 'failed', message: expect.stringContaining('kudos (row id=k-nul), column message: the text holds a NUL character') });
        const counts = await pgCounts(pool);
        expect(Object.keys(counts).length).toBe(order.length);
        expect(Object.entries(counts).filter(([, rows]) => rows > 0)).toEqual([]);
      });
    } finally {
      sqlite.close();
    }
  }, 60_000);

  it('a seeded demo database moved to PostgreSQL: a node on it serves the same leaderboards and ledgers as one on the SQLite file, and passes the consistency check', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'opsquest-copy-demo-'));
    try {
      const seeded = await startTestServer({ dir: demoDir, config: { demo: true, simulatorIntervalMs: 3_600_000 }, people: false });
      await seeded.close();
      const url = await server().createDatabase();
      const run = await migrateCli(['--to', url, '--from', join(demoDir, 'opsquest.db')]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^consistency check on the target: [\d,]+ events replayed, [\d,]+ ledger entries, no differences$/m);
      const onSqlite = await startTestServer({ dir: demoDir, people: false });
      const onPostgres = await startTestServer({ config: { databaseUrl: url }, people: false });
      try {
        const paths = [
          '/api/leaderboard?scope=individual&window=all&league=all&limit=100',
          '/api/leaderboard?scope=team&window=all&limit=100',
          '/api/leaderboard?scope=individual&window=month&league=all&limit=100',
          '/api/me/ledger?limit=200',
        ];
        for (const who of ['lead1', 'engineer1', 'technician1']) {
          const [a, b] = await Promise.all([login(onSqlite.url, who, 'opsquest-demo'), login(onPostgres.url, who, 'opsquest-demo')]);
          for (const path of paths) {
            const [fromSqlite, fromPostgres] = await Promise.all([getJson(onSqlite.url, path, { cookie: a }), getJson(onPostgres.url, path, { cookie: b })]);
            expect(fromSqlite.status).toBe(200);
            expect({ who, path, body: fromPostgres.body }).toEqual({ who, path, body: fromSqlite.body });
          }
        }
      } finally {
        await Promise.all([onSqlite.close(), onPostgres.close()]);
      }
    } finally {
      rmSync(demoDir, { recursive: true, force: true });
    }
  }, 120_000);
});
