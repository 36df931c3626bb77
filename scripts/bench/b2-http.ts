/**
 * B2 ingest over HTTP: autocannon against the real server in its own process (one core for the
 * server, one for the load generator). Two cases, each on a fresh server and SQLite file:
 * single-event requests to POST /api/events, and batches of 100 events per request. Every request
 * body is the next one from a pre-generated Workload stream, so events are valid lifecycles and
 * never duplicates. Afterwards the events the database holds are checked against those the
 * server acknowledged.
 * Target: single events ≥ 3,000 requests/s with p99 ≤ 25 ms; batches ≥ 15,000 events/s.
 *
 *   npx tsx scripts/bench/b2-http.ts          (BENCH_SIZE=smoke for a tiny run that checks correctness)
 *
 * Settings: BENCH_DURATION (s, default 20), BENCH_CONNECTIONS (default 10), BENCH_CPU_PROF=1 (or
 * single, batch, all) runs that case's server under `node --cpu-prof` and prints where its CPU time
 * went during the measured run.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BENCH_API_KEY, type BenchServerStats } from './bench-server-main';
import { finish, fmt, isSmoke, percentile, ROOT, setSqliteVersion, table, writeSection } from './bench-kit';
import { makeOrganisation, Workload, type Organisation } from './workload';

export const B2_TARGET_SINGLE_RPS = 3_000;
export const B2_TARGET_SINGLE_P99_MS = 25;
export const B2_TARGET_BATCH_EPS = 15_000;
export const B2_BATCH_SIZE = 100;

const PEOPLE = 1000;
const SMOKE_PEOPLE = 100;
const WARMUP_S = 3;
const SERVER_MAIN = resolve(ROOT, 'scripts/bench/bench-server-main.ts');

// ---------------------------------------------------------------------------------------------
// autocannon 9 ships no types: the part of its API this benchmark uses.

interface AcRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (request: AcRequest, context: Record<string, unknown>) => AcRequest | null | undefined;
  onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
}

interface AcOptions {
  url: string;
  connections: number;
  pipelining?: number;
  /** seconds; ignored when amount is set */
  duration?: number;
  /** total requests, spread over the connections */
  amount?: number;
  /** seconds before a request counts as timed out */
  timeout?: number;
  method?: string;
  headers?: Record<string, string>;
  requests?: AcRequest[];
}

interface AcHistogram {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  total: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
}

interface AcResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
  latency: AcHistogram;
  requests: AcHistogram & { sent: number };
}

interface AcInstance extends PromiseLike<AcResult> {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): AcInstance;
}

type Autocannon = (options: AcOptions) => AcInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ---------------------------------------------------------------------------------------------
// Request bodies

/** Request bodies (one event, or a batch) made ahead of the run; more are made if a run outlasts them. */
class BodySource {
  private readonly bodies: string[] = [];
  private index = 0;
  /** bodies made during the run because the pre-made ones ran out */
  madeLate = 0;

  constructor(
    private readonly workload: Workload,
    readonly perRequest: number,
    premade: number,
  ) {
    this.make(premade);
  }

  private make(n: number): void {
    for (let i = 0; i < n; i += 1) {
      this.bodies.push(JSON.stringify(this.perRequest === 1 ? this.workload.next() : this.workload.take(this.perRequest)));
    }
  }

  next(): string {
    if (this.index >= this.bodies.length) {
      this.make(1000);
      this.madeLate += 1000;
    }
    const body = this.bodies[this.index] ?? '';
    this.bodies[this.index] = ''; // sent: let it go
    this.index += 1;
    return body;
  }

  /** events handed to autocannon so far (built into a request; each is sent at most once) */
  get eventsTaken(): number {
    return this.index * this.perRequest;
  }
}

// ---------------------------------------------------------------------------------------------
// The server process

interface ServerProcess {
  port: number;
  dbPath: string;
  stats(): Promise<BenchServerStats>;
  /** graceful stop: resolves once the process has exited (and its database is closed) */
  stop(): Promise<void>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStats(v: unknown): v is BenchServerStats {
  return isRecord(v) && typeof v.userMs === 'number' && typeof v.activeMs === 'number' && typeof v.hrtimeUs === 'number';
}

async function startServer(dir: string, people: number, cpuProfDir?: string): Promise<ServerProcess> {
  const dbPath = join(dir, 'opsquest.db');
  const args = [...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []), '--import', 'tsx', SERVER_MAIN, dbPath];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', BENCH_PEOPLE: String(people) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const waiting: ((s: BenchServerStats) => void)[] = [];
  let onPort: ((port: number) => void) | undefined;
  const portPromise = new Promise<number>((resolvePort, reject) => {
    onPort = resolvePort;
    void exited.then((code) => reject(new Error(`the bench server exited (code ${code}) before listening`)));
    setTimeout(() => reject(new Error('the bench server did not start within 60 s')), 60_000).unref();
  });
  if (!child.stdout || !child.stdin) throw new Error('no pipes to the bench server');
  createInterface({ input: child.stdout }).on('line', (line) => {
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      msg = undefined;
    }
    if (isRecord(msg) && isRecord(msg.benchServer) && typeof msg.benchServer.port === 'number') onPort?.(msg.benchServer.port);
    else if (isRecord(msg) && isStats(msg.benchServerStats)) waiting.shift()?.(msg.benchServerStats);
    else process.stderr.write(`[server] ${line}\n`);
  });
  const stdin = child.stdin;
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  let port: number;
  try {
    port = await portPromise;
  } catch (err) {
    await kill();
    throw err;
  }
  return {
    port,
    dbPath,
    stats: () =>
      Promise.race([
        new Promise<BenchServerStats>((r) => {
          waiting.push(r);
          stdin.write('stats\n');
        }),
        exited.then((code): never => {
          throw new Error(`the bench server exited (code ${code}) during the run`);
        }),
      ]),
    stop: kill,
  };
}

// ---------------------------------------------------------------------------------------------
// One case: a server, a warm-up, the measured run, the database check

export interface B2Row {
  name: string;
  perRequest: number;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
  /** autocannon's own p99 (its histogram keeps whole milliseconds) */
  acP99: number;
  non2xx: number;
  errors: number;
  statusCodes: string;
  /** server process CPU over the measured run, share of one core */
  serverCpu: number;
  /** server CPU time per request over the measured run, ms */
  serverCpuMsPerRequest: number;
  /** server event loop busy share over the measured run */
  serverElu: number;
  /** all runs on this server (warm-up included) */
  eventsTaken: number;
  eventsAcknowledged: number;
  duplicatesReported: number;
  eventsInDb: number;
  slaTimerEventsInDb: number;
  madeLate: number;
  /** the database holds exactly what was acknowledged (or, after a timed run, at most the requests in flight at the stop more) */
  correct: boolean;
  profile?: string;
}

interface CaseOptions {
  name: string;
  org: Organisation;
  perRequest: number;
  connections: number;
  /** seconds; undefined: a fixed number of requests instead (exact check) */
  duration?: number;
  amount?: number;
  warmupSeconds: number;
  premadeRequests: number;
  cpuProfile: boolean;
}

const STORED = /"stored":(\d+),"duplicates":(\d+)/;

async function runCase(o: CaseOptions): Promise<B2Row> {
  // BENCH_DB_DIR (e.g. /dev/shm) is a diagnostic: the database off the disk.
  const dir = mkdtempSync(join(process.env.BENCH_DB_DIR ?? tmpdir(), 'opsquest-b2-'));
  const profDir = o.cpuProfile ? join(dir, 'prof') : undefined;
  // Events end about now, one every 2 ms before it (the workload is in time order).
  const stepMs = 2;
  const workload = new Workload({ org: o.org, start: Date.now() - o.premadeRequests * o.perRequest * stepMs, stepMs, prefix: `b2${o.perRequest}` });
  const source = new BodySource(workload, o.perRequest, o.premadeRequests);
  let acknowledged = 0;
  let duplicates = 0;
  let server: ServerProcess | undefined;
  try {
    server = await startServer(dir, o.org.people.length, profDir);
    const url = `http://127.0.0.1:${server.port}`;
    const request: AcRequest = {
      method: 'POST',
      path: '/api/events',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
      setupRequest: (req) => ({ ...req, body: source.next() }),
      onResponse: (status, body) => {
        if (status < 200 || status >= 300) return;
        const m = STORED.exec(body);
        acknowledged += Number(m?.[1] ?? 0);
        duplicates += Number(m?.[2] ?? 0);
      },
    };
    let lastResponseAt = 0;
    const run = (opts: { duration?: number; amount?: number }, latencies?: number[]): AcInstance => {
      const instance = autocannon({ url, connections: o.connections, pipelining: 1, timeout: 30, requests: [request], ...opts });
      if (latencies) {
        instance.on('response', (_client, statusCode, _bytes, ms) => {
          if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
          lastResponseAt = performance.now();
        });
      }
      return instance;
    };
    if (o.warmupSeconds > 0) await run({ duration: o.warmupSeconds });
    const latencies: number[] = [];
    const before = await server.stats();
    const startedAt = performance.now();
    const result = await run(o.amount !== undefined ? { amount: o.amount } : { duration: o.duration ?? 20 }, latencies);
    const after = await server.stats();
    await server.stop();
    const db = new Database(server.dbPath, { readonly: true, fileMustExist: true });
    setSqliteVersion(String(db.prepare('select sqlite_version() AS v').pluck().get()));
    const eventsInDb = Number(db.prepare(`SELECT count(*) FROM events WHERE via = 'api'`).pluck().get());
    const slaTimerEventsInDb = Number(db.prepare(`SELECT count(*) FROM events WHERE via = 'sla-timer'`).pluck().get());
    db.close();

    const wallMs = after.hrtimeUs / 1000 - before.hrtimeUs / 1000;
    const cpuMs = after.userMs + after.systemMs - (before.userMs + before.systemMs);
    const eluActive = after.activeMs - before.activeMs;
    const eluIdle = after.idleMs - before.idleMs;
    latencies.sort((a, b) => a - b);
    const requests = result['2xx'];
    // autocannon ends a run on its 1 s tick: with a fixed amount, the last response marks the end.
    const seconds = o.amount !== undefined ? (lastResponseAt - startedAt) / 1000 : result.duration;
    const exact = o.amount !== undefined;
    const correct =
      duplicates === 0 &&
      result.non2xx === 0 &&
      (exact ? eventsInDb === acknowledged && acknowledged === source.eventsTaken : eventsInDb >= acknowledged && eventsInDb <= source.eventsTaken);
    const profile = profDir ? summariseProfile(profDir, before.hrtimeUs, after.hrtimeUs) : undefined;
    return {
      name: o.name,
      perRequest: o.perRequest,
      connections: o.connections,
      seconds,
      requests,
      requestsPerSecond: requests / seconds,
      eventsPerSecond: (requests * o.perRequest) / seconds,
      p50: percentile(latencies, 50),
      p975: percentile(latencies, 97.5),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? Number.NaN,
      acP99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      statusCodes: Object.entries(result.statusCodeStats)
        .map(([code, s]) => `${code}×${s.count}`)
        .join(' '),
      serverCpu: cpuMs / wallMs,
      serverCpuMsPerRequest: cpuMs / Math.max(1, requests),
      serverElu: eluActive / Math.max(1e-9, eluActive + eluIdle),
      eventsTaken: source.eventsTaken,
      eventsAcknowledged: acknowledged,
      duplicatesReported: duplicates,
      eventsInDb,
      slaTimerEventsInDb,
      madeLate: source.madeLate,
      correct,
      ...(profile ? { profile } : {}),
    };
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The CPU profile of the server (node --cpu-prof), over the measured run only

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function isCpuProfile(v: unknown): v is CpuProfile {
  return isRecord(v) && Array.isArray(v.nodes) && Array.isArray(v.samples) && Array.isArray(v.timeDeltas) && typeof v.startTime === 'number';
}

/** Where a function lives: an npm package, a workspace file, a Node built-in, or the engine (native code, GC). */
function ownerOf(url: string): string {
  if (url === '') return '(engine / native)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? path);
  }
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

const UNOWNED = new Set(['(engine / native)', 'node internals']);

/** Workspace code runs transpiled by tsx, so its line numbers mean nothing: the file names it. */
function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const owner = ownerOf(url);
  const where = owner === '(engine / native)' ? '' : url.includes('/node_modules/') || url.startsWith('node:') ? ` ${url.replace(/^.*\/node_modules\//, '')}:${lineNumber + 1}` : ` ${owner}`;
  return `${functionName || '(anonymous)'}${where}`;
}

export function summariseProfile(profDir: string, fromUs: number, toUs: number, top = 30): string {
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return 'no .cpuprofile written';
  const parsed: unknown = JSON.parse(readFileSync(join(profDir, file), 'utf8'));
  if (!isCpuProfile(parsed)) return 'not a CPU profile';
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of parsed.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const owners = new Map<string, number>();
  let t = parsed.startTime;
  let inWindow = 0;
  let idle = 0;
  for (let i = 0; i < parsed.samples.length; i += 1) {
    const delta = parsed.timeDeltas[i] ?? 0;
    t += delta;
    if (t < fromUs || t > toUs) continue;
    const leaf = byId.get(parsed.samples[i] ?? -1);
    if (!leaf) continue;
    inWindow += delta;
    if (leaf.callFrame.functionName === '(idle)') {
      idle += delta;
      continue;
    }
    const name = frameName(leaf);
    self.set(name, (self.get(name) ?? 0) + delta);
    const seen = new Set<string>();
    let owner: string | undefined;
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node) break;
      const o = ownerOf(node.callFrame.url);
      if (owner === undefined && !UNOWNED.has(o)) owner = o;
      const key = frameName(node);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + delta);
    }
    owner ??= leaf.callFrame.functionName.startsWith('(') ? leaf.callFrame.functionName : 'node internals (HTTP, streams, timers)';
    owners.set(owner, (owners.get(owner) ?? 0) + delta);
  }
  if (inWindow === 0) return `no samples between the phase marks (profile ${file})`;
  const busy = inWindow - idle;
  const pct = (us: number): string => `${fmt((us / busy) * 100, 1)} %`;
  const rank = (m: Map<string, number>, n: number, skip: (k: string) => boolean = () => false): string[][] =>
    [...m.entries()]
      .filter(([k]) => !skip(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => [k.replace(/\|/g, '\\|'), fmt(us / 1000), pct(us)]);
  const boring = (k: string): boolean => /^\((root|program|anonymous)\)|^(processTicksAndRejections|emit|listOnTimeout|processTimers|onStreamRead|parserOnIncoming|parserOnHeadersComplete|parserOnBody|parserOnMessageComplete) /.test(k);
  return [
    `Profile ${file}: ${fmt(inWindow / 1000)} ms of the measured run sampled, ${fmt((idle / inWindow) * 100, 1)} % idle; shares below are of the busy time.`,
    '',
    '### Time by owner (native and Node-internal time charged to the nearest package or workspace file that called it)',
    '',
    table(['owner', 'ms', 'share'], rank(owners, 30)),
    '',
    `### Top ${top} functions by self time`,
    '',
    table(['function', 'self ms', 'share'], rank(self, top)),
    '',
    `### Top ${top} functions by total (inclusive) time`,
    '',
    table(['function', 'total ms', 'share'], rank(total, top, boring)),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

export async function runB2(smoke = isSmoke()): Promise<B2Row[]> {
  const org = makeOrganisation(smoke ? SMOKE_PEOPLE : PEOPLE);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? (smoke ? 2 : 10));
  const duration = Number(process.env.BENCH_DURATION ?? 20);
  const prof = process.env.BENCH_CPU_PROF ?? '';
  const rows: B2Row[] = [];
  // Smoke: a fixed number of requests, so every event sent is answered and the check is exact.
  rows.push(
    await runCase({
      name: 'single event',
      org,
      perRequest: 1,
      connections,
      ...(smoke ? { amount: 200 } : { duration }),
      warmupSeconds: smoke ? 0 : WARMUP_S,
      premadeRequests: smoke ? 200 : 8_000 * (duration + 3),
      cpuProfile: prof === '1' || prof === 'single' || prof === 'all',
    }),
  );
  rows.push(
    await runCase({
      name: `batches of ${B2_BATCH_SIZE}`,
      org,
      perRequest: B2_BATCH_SIZE,
      connections,
      ...(smoke ? { amount: 20 } : { duration }),
      warmupSeconds: smoke ? 0 : WARMUP_S,
      premadeRequests: smoke ? 20 : 250 * (duration + 3),
      cpuProfile: prof === 'batch' || prof === 'all',
    }),
  );
  return rows;
}

export function b2Report(rows: readonly B2Row[], people: number, warmup: number): { body: string; met: boolean; correct: boolean } {
  const single = rows.find((r) => r.perRequest === 1);
  const batch = rows.find((r) => r.perRequest === B2_BATCH_SIZE);
  const correct = rows.every((r) => r.correct && r.errors === 0);
  const singleMet = single !== undefined && single.requestsPerSecond >= B2_TARGET_SINGLE_RPS && single.p99 <= B2_TARGET_SINGLE_P99_MS;
  const batchMet = batch !== undefined && batch.eventsPerSecond >= B2_TARGET_BATCH_EPS;
  const met = correct && singleMet && batchMet;
  const ms = (v: number): string => fmt(v, 1);
  const body = [
    table(
      ['case', 'connections', 'seconds', '2xx requests', 'requests/s', 'events/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'server CPU', 'server loop busy', 'server CPU ms/request', 'events/s per server CPU-second'],
      rows.map((r) => [
        r.name,
        fmt(r.connections),
        fmt(r.seconds, 1),
        fmt(r.requests),
        fmt(r.requestsPerSecond),
        fmt(r.eventsPerSecond),
        ms(r.p50),
        ms(r.p975),
        ms(r.p99),
        ms(r.max),
        fmt(r.non2xx),
        fmt(r.errors),
        `${fmt(r.serverCpu * 100)} %`,
        `${fmt(r.serverElu * 100)} %`,
        fmt(r.serverCpuMsPerRequest, 2),
        fmt((r.perRequest * 1000) / r.serverCpuMsPerRequest),
      ]),
    ),
    '',
    `Targets: single events ≥ ${fmt(B2_TARGET_SINGLE_RPS)} requests/s with p99 ≤ ${B2_TARGET_SINGLE_P99_MS} ms: **${singleMet ? 'met' : 'not met'}**` +
      (single ? ` (${fmt(single.requestsPerSecond)} requests/s, p99 ${ms(single.p99)} ms)` : '') +
      `; batches of ${B2_BATCH_SIZE} ≥ ${fmt(B2_TARGET_BATCH_EPS)} events/s: **${batchMet ? 'met' : 'not met'}**` +
      (batch ? ` (${fmt(batch.eventsPerSecond)} events/s)` : '') +
      '.',
    '',
    table(
      ['case', 'events sent (warm-up included)', 'acknowledged as stored', 'reported duplicates', 'events in the database', 'SLA-timer events', 'check'],
      rows.map((r) => [r.name, fmt(r.eventsTaken), fmt(r.eventsAcknowledged), fmt(r.duplicatesReported), fmt(r.eventsInDb), fmt(r.slaTimerEventsInDb), r.correct ? 'ok' : '**FAILED**']),
    ),
    '',
    'The server runs in its own process (`scripts/bench/bench-server-main.ts`: NODE_ENV=production, LOG_LEVEL=warn, live tick 150 ms,',
    `an organisation of ${fmt(people)} people, a fresh SQLite file per case) and autocannon in this one, closed loop with one request in flight per`,
    `connection: latency grows with the connections, throughput hardly. ${warmup > 0 ? `Each case has a ${warmup} s warm-up before the measured run.` : 'No warm-up (smoke: a fixed number of requests).'} Latency`,
    'percentiles are of every 2xx response of the measured run (autocannon keeps whole milliseconds; these are exact).',
    '"Server CPU" is the server process\'s CPU time over the run as a share of one core; "loop busy" its event-loop utilisation;',
    'the last two columns divide by the server\'s CPU time, so they hold even when the server did not get a whole core.',
    'The check: the database holds every acknowledged event and nothing that was not sent (a timed run stops with up to one request',
    'per connection in flight, which the server may still store); no duplicates, no non-2xx answers, no connection errors.',
    'The machine has two cores shared by the server, autocannon and anything else running: numbers are noisy.',
  ].join('\n');
  return { body, met, correct };
}

export async function main(): Promise<boolean> {
  const load = loadavg()[0] ?? 0;
  const rows = await runB2();
  const { body, met, correct } = b2Report(rows, isSmoke() ? SMOKE_PEOPLE : PEOPLE, isSmoke() ? 0 : WARMUP_S);
  const note = `\n\nLoad average (1 min) at the start: ${fmt(load, 2)}.${rows.some((r) => r.madeLate > 0) ? ' Some request bodies were made during the run (the pre-made ones ran out).' : ''}`;
  writeSection('b2', 'B2 ingest over HTTP', body + note);
  for (const r of rows) if (r.profile) console.log(`\n## Server CPU profile, ${r.name}\n\n${r.profile}\n`);
  if (!correct) throw new Error('B2: the events in the database do not match what the server acknowledged (or there were errors)');
  return met;
}

if (process.argv[1]?.endsWith('b2-http.ts')) finish(main);
