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
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { autocannon, type AcInstance } from './autocannon';
import { BodySource } from './b2-bodies';
import { startServer, type ServerProcess } from './b2-server-process';
import { BENCH_API_KEY } from './bench-server-main';
import { summariseProfile } from './cpu-profile';
import { finish, fmt, isSmoke, percentile, table, writeSection } from './bench-kit';
import { makeOrganisation, Workload, type Organisation } from './workload';

export const B2_TARGET_SINGLE_RPS = 3_000;
export const B2_TARGET_SINGLE_P99_MS = 25;
export const B2_TARGET_BATCH_EPS = 15_000;
export const B2_BATCH_SIZE = 100;

const PEOPLE = 1000;
const SMOKE_PEOPLE = 100;
const WARMUP_S = 3;

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
    const request = source.request(BENCH_API_KEY, (body) => {
      const m = STORED.exec(body);
      acknowledged += Number(m?.[1] ?? 0);
      duplicates += Number(m?.[2] ?? 0);
    });
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
