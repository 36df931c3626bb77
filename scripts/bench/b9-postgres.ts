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
 *   npm run bench -- b9        (three rounds, each case's median; BENCH_SIZE=smoke: one short round that writes nothing;
 *                               B9_ROUNDS=n: n rounds;
 *                               B9_CPU_PROF_DIR=folder: the nodes write `--cpu-prof` profiles there)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresUnavailable, startPostgresServer } from '../cluster/postgres-server';
import { autocannon } from './autocannon';
import { BodySource } from './b2-bodies';
import { startServer, type ServerProcess } from './b2-server-process';
import { finish, fmt, freePort, isSmoke, table, writeSection } from './bench-kit';
import { BENCH_API_KEY } from './bench-server-main';
import { makeOrganisation, Workload } from './workload';

const PEOPLE = 1000;
const PER_REQUEST = 100;
const CONNECTIONS_PER_NODE = 8;
/**
 * The paced cases' requests per second to each node: the same load per node with one node and with
 * two (800 events/s each), run side by side, low enough that the three nodes, PostgreSQL and
 * autocannon leave part of the two cores idle, so a node's CPU per event is not inflated by
 * processes queueing for a core.
 */
const PACED_REQUESTS_PER_NODE = 8;
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
export function postgresCpuSeconds(dataDir: string): number {
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

/** A case's nodes, started and seeded, with its own workload; `load` drives them, `close` stops them and counts what was stored. */
interface OpenCase {
  name: string;
  nodes: number;
  load(seconds: number): Promise<unknown>;
  stats(): Promise<number>;
  stored: { events: number };
  close(): Promise<number>;
  cleanup(): Promise<void>;
}

async function openCase(name: string, nodes: number, databaseUrl: string | undefined, seconds: number, requestsPerNode: number): Promise<OpenCase> {
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-b9-'));
  const org = makeOrganisation(PEOPLE);
  const stepMs = 2;
  const premade = Math.ceil((seconds + 5) * 300);
  const workload = new Workload({ org, start: Date.now() - premade * PER_REQUEST * stepMs, stepMs, prefix: `b9${nodes}${databaseUrl ? 'p' : 's'}${requestsPerNode}` });
  const source = new BodySource(workload, PER_REQUEST, premade);
  const servers: ServerProcess[] = [];
  const cleanup = async (): Promise<void> => {
    for (const s of servers) await s.stop();
    servers.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };
  const saved = process.env.DATABASE_URL;
  try {
    if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
    else delete process.env.DATABASE_URL;
    // one after the other: the first migrates and inserts the organisation
    for (let i = 0; i < nodes; i += 1) servers.push(await startServer(dir, PEOPLE, process.env.B9_CPU_PROF_DIR));
  } catch (err) {
    await cleanup();
    throw err;
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
  const stored = { events: 0 };
  const request = source.request(BENCH_API_KEY, (body) => {
    stored.events += Number(STORED.exec(body)?.[1] ?? 0);
  });
  const rate = requestsPerNode > 0 ? { overallRate: requestsPerNode } : {};
  return {
    name,
    nodes,
    stored,
    load: (duration) => Promise.all(servers.map((s) => autocannon({ url: `http://127.0.0.1:${s.port}`, connections: CONNECTIONS_PER_NODE, pipelining: 1, timeout: 30, requests: [request], duration, ...rate }))),
    stats: async () => (await Promise.all(servers.map((s) => s.stats()))).reduce((sum, a) => sum + (a.userMs + a.systemMs) / 1000, 0),
    close: async () => {
      for (const s of servers) await s.stop();
      servers.length = 0;
      if (databaseUrl) {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        const n = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM events WHERE via = 'api'")).rows[0]?.n ?? 0);
        await client.end();
        return n;
      }
      const db = new Database(join(dir, 'opsquest.db'), { readonly: true });
      const n = Number(db.prepare("SELECT count(*) FROM events WHERE via = 'api'").pluck().get());
      db.close();
      return n;
    },
    cleanup,
  };
}

/**
 * Warms the cases up, then loads them all at once for `seconds` and reads each one's node CPU. With
 * one case PostgreSQL's CPU is that case's; with several at once it is shared, and left out (NaN).
 */
async function measure(cases: OpenCase[], pgDataDir: string | undefined, seconds: number): Promise<Row[]> {
  await Promise.all(cases.map((c) => c.load(isSmoke() ? 1 : 3)));
  for (const c of cases) c.stored.events = 0;
  const before = await Promise.all(cases.map((c) => c.stats()));
  const pgBefore = pgDataDir ? postgresCpuSeconds(pgDataDir) : 0;
  const started = performance.now();
  await Promise.all(cases.map((c) => c.load(seconds)));
  const wall = (performance.now() - started) / 1000;
  const after = await Promise.all(cases.map((c) => c.stats()));
  const pgCpuS = !pgDataDir ? 0 : cases.length === 1 ? postgresCpuSeconds(pgDataDir) - pgBefore : Number.NaN;
  const rows: Row[] = [];
  for (const [i, c] of cases.entries()) {
    rows.push({ name: c.name, nodes: c.nodes, seconds: wall, events: c.stored.events, inDatabase: await c.close(), nodeCpuS: (after[i] ?? 0) - (before[i] ?? 0), pgCpuS });
  }
  return rows;
}

export async function runCase(name: string, nodes: number, databaseUrl: string | undefined, pgDataDir: string | undefined, seconds: number): Promise<Row> {
  const c = await openCase(name, nodes, databaseUrl, seconds, 0);
  try {
    const [row] = await measure([c], pgDataDir, seconds);
    if (!row) throw new Error(`B9 ${name}: nothing measured`);
    return row;
  } finally {
    await c.cleanup();
  }
}

/**
 * One node and two nodes at the same paced load per node, side by side on two databases of one
 * server: both see the same machine at the same moments, so neither is favoured by a quieter spell.
 */
async function runPacedPair(one: string, two: string, pgDataDir: string, seconds: number): Promise<[Row, Row]> {
  const cases: OpenCase[] = [];
  try {
    cases.push(await openCase('PostgreSQL, one node, paced', 1, one, seconds, PACED_REQUESTS_PER_NODE));
    cases.push(await openCase('PostgreSQL, two nodes, paced', 2, two, seconds, PACED_REQUESTS_PER_NODE));
    const [a, b] = await measure(cases, pgDataDir, seconds);
    if (!a || !b) throw new Error('B9 paced: nothing measured');
    return [a, b];
  } finally {
    for (const c of cases) await c.cleanup();
  }
}

const perNodeCpu = (r: Row): number => r.events / Math.max(0.001, r.nodeCpuS);
const perAllCpu = (r: Row): number => r.events / Math.max(0.001, r.nodeCpuS + r.pgCpuS);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** One round: SQLite, PostgreSQL with one node, with two nodes, one after the other. */
interface Round {
  sqlite: Row;
  one: Row;
  two: Row;
  pacedOne: Row;
  pacedTwo: Row;
}

export async function main(): Promise<boolean> {
  const why = postgresUnavailable();
  if (why) throw new Error(`B9 needs PostgreSQL: ${why}`);
  const seconds = isSmoke() ? 2 : 15;
  // Runs on a shared 2-core machine vary by ±10 %: three rounds, each case's median reported.
  const roundCount = isSmoke() ? 1 : Number(process.env.B9_ROUNDS ?? 3);
  const load = loadavg()[0] ?? 0;
  const pgDir = mkdtempSync(join(tmpdir(), 'opsquest-b9-pg-'));
  const server = startPostgresServer({ dir: pgDir, port: await freePort(), durable: true, maxConnections: 100 });
  const rounds: Round[] = [];
  try {
    const database = (name: string): string => {
      execFileSync('psql', [server.url(), '-q', '-c', `CREATE DATABASE ${name}`]);
      return server.url(name);
    };
    for (let r = 0; r < roundCount; r += 1) {
      const sqlite = await runCase('SQLite, one node', 1, undefined, undefined, seconds);
      const one = await runCase('PostgreSQL, one node', 1, database(`b9_one_${r}`), join(pgDir, 'data'), seconds);
      const two = await runCase('PostgreSQL, two nodes', 2, database(`b9_two_${r}`), join(pgDir, 'data'), seconds);
      const [pacedOne, pacedTwo] = await runPacedPair(database(`b9_paced_one_${r}`), database(`b9_paced_two_${r}`), join(pgDir, 'data'), seconds);
      rounds.push({ sqlite, one, two, pacedOne, pacedTwo });
    }
  } finally {
    server.stop('fast');
    rmSync(pgDir, { recursive: true, force: true });
  }
  // per round: PostgreSQL against SQLite of the same round; a node on a core of its own serves
  // 1 / (its CPU per event), two such nodes twice their own rate. The estimate takes the CPU per
  // event of the paced cases (the same load per node, cores to spare); the saturated cases' is shown too.
  const ratios = rounds.map((r) => perAllCpu(r.one) / perAllCpu(r.sqlite));
  const scalings = rounds.map((r) => (2 * perNodeCpu(r.pacedTwo)) / perNodeCpu(r.pacedOne));
  const saturatedScalings = rounds.map((r) => (2 * perNodeCpu(r.two)) / perNodeCpu(r.one));
  const ratio = median(ratios);
  const scaling = median(scalings);
  const medianRow = (pick: (r: Round) => Row, by: (row: Row) => number): Row => {
    const sorted = rounds.map(pick).sort((a, b) => by(a) - by(b));
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  const sqlite = medianRow((r) => r.sqlite, perAllCpu);
  const one = medianRow((r) => r.one, perAllCpu);
  const two = medianRow((r) => r.two, perNodeCpu);
  const pacedOne = medianRow((r) => r.pacedOne, perNodeCpu);
  const pacedTwo = medianRow((r) => r.pacedTwo, perNodeCpu);
  const perCoreOne = perNodeCpu(one);
  const perCoreTwo = 2 * perNodeCpu(two);
  const times = (xs: number[]): string => xs.map((x) => `${fmt(x, 2)} ×`).join(', ');
  const pct = (xs: number[]): string => xs.map((x) => `${fmt(100 * x)} %`).join(', ');
  const body = [
    table(
      ['case', 'nodes', 'seconds', 'events acknowledged', 'events/s', 'nodes CPU s', 'PostgreSQL CPU s', 'events per node CPU-second', 'events per CPU-second (nodes + PostgreSQL)', 'in the database'],
      [sqlite, one, two, pacedOne, pacedTwo].map((r) => [r.name, String(r.nodes), fmt(r.seconds, 1), fmt(r.events), fmt(r.events / r.seconds), fmt(r.nodeCpuS, 1), r.pgCpuS > 0 ? fmt(r.pgCpuS, 1) : '–', fmt(perNodeCpu(r)), Number.isNaN(r.pgCpuS) ? '–' : fmt(perAllCpu(r)), fmt(r.inDatabase)]),
    ),
    '',
    `PostgreSQL at ${fmt(100 * ratio)} % of SQLite's events per CPU-second (target ≥ 50 %; nodes and database together, one node each; median of ${rounds.length} round${rounds.length === 1 ? '' : 's'}: ${pct(ratios)}).`,
    `Two nodes: ${fmt(two.events / two.seconds)} events/s against one node's ${fmt(one.events / one.seconds)} (${fmt(two.events / two.seconds / (one.events / one.seconds), 2)} ×) on this machine's two cores, which the nodes, PostgreSQL and autocannon share.`,
    `With a core per node (estimated from the node CPU per event of the paced cases, target ≥ 1.6 ×): one node ${fmt(1e6 / perNodeCpu(pacedOne))} µs of node CPU per event, two nodes ${fmt(1e6 / perNodeCpu(pacedTwo))} µs per event per node: ${fmt(scaling, 2)} × (median; rounds ${times(scalings)}).`,
    `The same estimate from the saturated cases: one node ${fmt(perCoreOne)} events/s (${fmt(1e6 / perNodeCpu(one))} µs per event), two nodes ${fmt(perCoreTwo)} events/s (${fmt(1e6 / perNodeCpu(two))} µs per event per node): ${fmt(median(saturatedScalings), 2)} × (rounds ${times(saturatedScalings)}); PostgreSQL then needs ${fmt((perCoreTwo * two.pgCpuS) / Math.max(1, two.events), 1)} cores (${fmt((1e6 * two.pgCpuS) / Math.max(1, two.events))} µs per event).`,
    '',
    `Batches of ${PER_REQUEST} events through POST /api/events (the B2 server process), ${CONNECTIONS_PER_NODE} autocannon connections per node, ${seconds} s after a warm-up; an organisation of ${fmt(PEOPLE)} people. Each case's row is its median round.`,
    `The paced cases send ${PACED_REQUESTS_PER_NODE} requests (${fmt(PACED_REQUESTS_PER_NODE * PER_REQUEST)} events) per second to each node, one node or two: the same work per node; the one-node and the two-node case run at the same time (on two databases of the one server), so both see the same machine, with part of its two cores idle. In the saturated cases two nodes, PostgreSQL and autocannon queue for two cores, which inflates every process's CPU per event (cold caches, context switches); a node with a core of its own does not pay that, so the estimate is made where nothing queues.`,
    'PostgreSQL 15 from Debian on the same disk, durable settings (fsync and synchronous_commit on); its CPU is every backend of the server, read from /proc.',
    `Load average (1 min) at the start: ${fmt(load, 2)}.`,
  ].join('\n');
  writeSection('b9', 'B9 ingest on PostgreSQL, one and two nodes', body);
  for (const round of rounds)
    for (const r of [round.sqlite, round.one, round.two, round.pacedOne, round.pacedTwo]) {
      if (r.events === 0) throw new Error(`B9 ${r.name}: no event acknowledged`);
      if (r.inDatabase < r.events) throw new Error(`B9 ${r.name}: ${r.events} events acknowledged but ${r.inDatabase} in the database`);
    }
  return ratio >= 0.5 && scaling >= 1.6;
}

if (process.argv[1]?.endsWith('b9-postgres.ts')) finish(main);
