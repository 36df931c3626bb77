/**
 * B9 (issue #17 calls it B7; that number was taken by the Alertmanager storm): ingest over HTTP on
 * PostgreSQL, one node and two nodes, beside SQLite's one node, with the same workload (batches of
 * 100 events through POST /api/events, the B2 server process). Reported per case: events/s, the
 * nodes' CPU time and PostgreSQL's own (every backend of the server, from /proc), and events per
 * CPU-second of the nodes and of nodes + PostgreSQL.
 *
 * PostgreSQL is a real server of our own (scripts/cluster/postgres-server.ts) with durable settings
 * (fsync and synchronous_commit on, as in production), on the same disk as SQLite's file.
 *
 *   npm run bench -- b9        (BENCH_SIZE=smoke: a short run that writes nothing)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresUnavailable, startPostgresServer } from '../cluster/postgres-server';
import { autocannon, type AcRequest } from './autocannon';
import { BodySource } from './b2-bodies';
import { startServer, type ServerProcess } from './b2-server-process';
import { finish, fmt, freePort, isSmoke, table, writeSection } from './bench-kit';
import { BENCH_API_KEY } from './bench-server-main';
import { makeOrganisation, Workload } from './workload';

const PEOPLE = 1000;
const PER_REQUEST = 100;
const CONNECTIONS_PER_NODE = 8;
const STORED = /"stored":(\d+)/;
const TICKS_PER_SECOND = 100;

interface Row {
  name: string;
  nodes: number;
  seconds: number;
  events: number;
  inDatabase: number;
  nodeCpuS: number;
  pgCpuS: number;
}

/** CPU seconds used so far by the PostgreSQL server: the postmaster and every process it started. */
function postgresCpuSeconds(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // fields after the command name (which may hold spaces): state ppid ... utime(14) stime(15)
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    if (pid !== postmaster && ppid !== postmaster) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

async function runCase(name: string, nodes: number, databaseUrl: string | undefined, pgDataDir: string | undefined, seconds: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-b9-'));
  const org = makeOrganisation(PEOPLE);
  const stepMs = 2;
  const premade = Math.ceil((seconds + 5) * 300);
  const workload = new Workload({ org, start: Date.now() - premade * PER_REQUEST * stepMs, stepMs, prefix: `b9${nodes}${databaseUrl ? 'p' : 's'}` });
  const source = new BodySource(workload, PER_REQUEST, premade);
  const servers: ServerProcess[] = [];
  const saved = process.env.DATABASE_URL;
  try {
    if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
    else delete process.env.DATABASE_URL;
    // one after the other: the first migrates and inserts the organisation
    for (let i = 0; i < nodes; i += 1) servers.push(await startServer(dir, PEOPLE));
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
  try {
    let stored = 0;
    const request: AcRequest = {
      method: 'POST',
      path: '/api/events',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
      setupRequest: (req) => ({ ...req, body: source.next() }),
      onResponse: (status, body) => {
        if (status >= 200 && status < 300) stored += Number(STORED.exec(body)?.[1] ?? 0);
      },
    };
    const load = (duration: number) =>
      Promise.all(servers.map((s) => autocannon({ url: `http://127.0.0.1:${s.port}`, connections: CONNECTIONS_PER_NODE, pipelining: 1, timeout: 30, requests: [request], duration })));
    await load(isSmoke() ? 1 : 3);
    stored = 0;
    const before = await Promise.all(servers.map((s) => s.stats()));
    const pgBefore = pgDataDir ? postgresCpuSeconds(pgDataDir) : 0;
    const started = performance.now();
    await load(seconds);
    const wall = (performance.now() - started) / 1000;
    const after = await Promise.all(servers.map((s) => s.stats()));
    const pgAfter = pgDataDir ? postgresCpuSeconds(pgDataDir) : 0;
    const nodeCpuS = after.reduce((sum, a, i) => sum + (a.userMs + a.systemMs - (before[i]!.userMs + before[i]!.systemMs)) / 1000, 0);
    for (const s of servers) await s.stop();
    servers.length = 0;
    let inDatabase: number;
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      inDatabase = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM events WHERE via = 'api'")).rows[0]?.n ?? 0);
      await client.end();
    } else {
      const db = new Database(join(dir, 'opsquest.db'), { readonly: true });
      inDatabase = Number(db.prepare("SELECT count(*) FROM events WHERE via = 'api'").pluck().get());
      db.close();
    }
    return { name, nodes, seconds: wall, events: stored, inDatabase, nodeCpuS, pgCpuS: pgAfter - pgBefore };
  } finally {
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(): Promise<boolean> {
  const why = postgresUnavailable();
  if (why) throw new Error(`B9 needs PostgreSQL: ${why}`);
  const seconds = isSmoke() ? 2 : 15;
  const load = loadavg()[0] ?? 0;
  const pgDir = mkdtempSync(join(tmpdir(), 'opsquest-b9-pg-'));
  const server = startPostgresServer({ dir: pgDir, port: await freePort(), durable: true, maxConnections: 100 });
  const rows: Row[] = [];
  try {
    const database = (name: string): string => {
      execFileSync('psql', [server.url(), '-q', '-c', `CREATE DATABASE ${name}`]);
      return server.url(name);
    };
    rows.push(await runCase('SQLite, one node', 1, undefined, undefined, seconds));
    rows.push(await runCase('PostgreSQL, one node', 1, database('b9_one'), join(pgDir, 'data'), seconds));
    rows.push(await runCase('PostgreSQL, two nodes', 2, database('b9_two'), join(pgDir, 'data'), seconds));
  } finally {
    server.stop('fast');
    rmSync(pgDir, { recursive: true, force: true });
  }
  const sqlite = rows[0]!;
  const perNodeCpu = (r: Row): number => r.events / Math.max(0.001, r.nodeCpuS);
  const perAllCpu = (r: Row): number => r.events / Math.max(0.001, r.nodeCpuS + r.pgCpuS);
  const body = [
    table(
      ['case', 'nodes', 'seconds', 'events acknowledged', 'events/s', 'nodes CPU s', 'PostgreSQL CPU s', 'events per node CPU-second', 'events per CPU-second (nodes + PostgreSQL)', 'in the database'],
      rows.map((r) => [r.name, String(r.nodes), fmt(r.seconds, 1), fmt(r.events), fmt(r.events / r.seconds), fmt(r.nodeCpuS, 1), r.pgCpuS ? fmt(r.pgCpuS, 1) : '–', fmt(perNodeCpu(r)), fmt(perAllCpu(r)), fmt(r.inDatabase)]),
    ),
    '',
    `PostgreSQL at ${fmt((100 * perAllCpu(rows[1]!)) / perAllCpu(sqlite))} % of SQLite's events per CPU-second (target ≥ 50 %; nodes and database together, one node each).`,
    `Two nodes: ${fmt(rows[2]!.events / rows[2]!.seconds)} events/s against one node's ${fmt(rows[1]!.events / rows[1]!.seconds)} (${fmt(rows[2]!.events / rows[2]!.seconds / (rows[1]!.events / rows[1]!.seconds), 2)} ×) on this machine's two cores, which the nodes, PostgreSQL and autocannon share.`,
    '',
    `Batches of ${PER_REQUEST} events through POST /api/events (the B2 server process), ${CONNECTIONS_PER_NODE} autocannon connections per node, ${seconds} s after a warm-up; an organisation of ${fmt(PEOPLE)} people.`,
    'PostgreSQL 15 from Debian on the same disk, durable settings (fsync and synchronous_commit on); its CPU is every backend of the server, read from /proc.',
    `Load average (1 min) at the start: ${fmt(load, 2)}.`,
  ].join('\n');
  writeSection('b9', 'B9 ingest on PostgreSQL, one and two nodes', body);
  for (const r of rows) if (r.inDatabase < r.events) throw new Error(`B9 ${r.name}: ${r.events} events acknowledged but ${r.inDatabase} in the database`);
  return perAllCpu(rows[1]!) >= 0.5 * perAllCpu(sqlite);
}

if (process.argv[1]?.endsWith('b9-postgres.ts')) finish(main);
