/**
 * The soak: the real server in its own process on a fresh SQLite file, loaded for 10 minutes at half
 * of the capacity measured just before, with 50 socket.io clients connected. Targets: memory flat,
 * WAL bounded, event-loop delay p99 under 50 ms (scripts/soak/soak-analysis.ts says exactly how
 * each is judged). Afterwards: nothing acknowledged is missing from the database, and the
 * consistency checker finds no differences.
 *
 *   npm run soak                       10 minutes; writes the `soak` section of docs/BENCHMARKS.md
 *   npm run soak -- --minutes 1        shorter (SOAK_MINUTES); runs under 10 minutes never write
 *   npm run soak -- --rate 500         skip the capacity run: this many requests/s (SOAK_RATE)
 *   npm run soak -- --no-write         print only
 *
 * Also: --clients N (50), --capacity-seconds N (20, SOAK_CAPACITY_SECONDS). Exit 0 when every
 * target is met, 3 when one is not, 1 on an error or a failed correctness check (see bench-kit EXIT).
 * Not part of `npm test`. It loads both cores for the whole run.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { login } from '../apps/server/test-support/test-server';
import { analyse } from './bench/b4-analysis';
import { Clients } from './bench/b4-clients-process';
import { BENCH_PASSWORD, finish, fmt, ROOT, writeSection } from './bench/bench-kit';
import { makeOrganisation } from './bench/workload';
import { judgeSoak, perMinute, type Completion } from './soak/soak-analysis';
import { measureCapacity, MixSource, runPaced, type Capacity, type RequestLog } from './soak/soak-load';
import { soakCorrect, soakReport, type ConsistencyCheck, type FanOut, type SoakRun, type StoredCheck } from './soak/soak-report';
import { startSoakServer, type SoakServer } from './soak/soak-server-process';

const PEOPLE = 1000;
const SAMPLE_MS = 5000;
const CAPACITY_CONNECTIONS = 10;
const CAPACITY_WARM_UP_S = 3;
/** clients that JSON-parse every message (the rest skip decoding the big workItem:changed frames) */
const FULL_CLIENTS = 5;
const PROGRESS_MS = 30_000;

interface Options {
  minutes: number;
  rate: number | undefined;
  clients: number;
  capacitySeconds: number;
  write: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      rate: { type: 'string' },
      clients: { type: 'string' },
      'capacity-seconds': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const num = (v: string | undefined, env: string, fallback: number | undefined): number | undefined => {
    const raw = v ?? process.env[env];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${env.toLowerCase()}: expected a positive number, got ${raw}`);
    return n;
  };
  const minutes = num(values.minutes, 'SOAK_MINUTES', 10) ?? 10;
  // A shortened run is a check of the script, not a result: it never replaces the 10-minute one.
  return { minutes, rate: num(values.rate, 'SOAK_RATE', undefined), clients: Math.round(num(values.clients, 'SOAK_CLIENTS', 50) ?? 50), capacitySeconds: num(values['capacity-seconds'], 'SOAK_CAPACITY_SECONDS', 20) ?? 20, write: minutes >= 10 && !values['no-write'] };
}

/** The people who log in (leaderboard reads, socket.io clients): the first of the organisation, leads, engineers and technicians alike. */
async function logIn(url: string, people: readonly { id: string; username: string }[]): Promise<{ personId: string; cookie: string }[]> {
  const out: { personId: string; cookie: string }[] = [];
  // two at a time: each login is a deliberate scrypt on the server
  for (let i = 0; i < people.length; i += 2) {
    const pair = people.slice(i, i + 2);
    const cookies = await Promise.all(pair.map((p) => login(url, p.username, BENCH_PASSWORD)));
    pair.forEach((p, k) => out.push({ personId: p.id, cookie: cookies[k] ?? '' }));
  }
  return out;
}

function progress(server: SoakServer, log: RequestLog, startMs: number, sinceIndex: number): number {
  const now = Date.now();
  const last = server.samples[server.samples.length - 1];
  const recent = log.latencyMs.slice(sinceIndex).sort((a, b) => a - b);
  const p99 = recent[Math.max(0, Math.ceil(recent.length * 0.99) - 1)] ?? Number.NaN;
  const failed = log.ok.length - log.ok.reduce((a, b) => a + b, 0);
  console.log(
    `${fmt((now - startMs) / 60_000, 1)} min: ${fmt(recent.length / (PROGRESS_MS / 1000))} requests/s, p99 ${fmt(p99, 1)} ms, failed ${failed}, in flight ${log.inFlight}` +
      (last ? ` | server heap ${fmt(last.heapUsedMb)} MB (floor ${fmt(last.heapFloorMb)}), RSS ${fmt(last.rssMb)} MB, WAL ${fmt(last.walBytes / 2 ** 20, 1)} MB, loop p99 ${fmt(last.loopP99Ms, 1)} ms (soak ${fmt(last.phaseLoopP99Ms, 1)} ms)` : ''),
  );
  return log.latencyMs.length;
}

/** scripts/check-consistency.ts on the (closed) soak database, in its own process. */
function checkConsistency(dbPath: string): Promise<ConsistencyCheck> {
  const started = performance.now();
  return new Promise((resolveCheck, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'scripts/check-consistency.ts')], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: dbPath, OPSQUEST_TIMEZONE: 'UTC' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const counts = /: (\d+) events, (\d+) ledger entries/.exec(out);
      const lines = out.split('\n').filter((l) => l && !l.includes(' events, ') && l !== 'consistent' && l !== 'INCONSISTENT');
      resolveCheck({ ok: code === 0 && /^consistent$/m.test(out), events: Number(counts?.[1] ?? Number.NaN), ledgerEntries: Number(counts?.[2] ?? Number.NaN), seconds: (performance.now() - started) / 1000, differences: lines.slice(0, 5) });
    });
  });
}

async function main(): Promise<boolean> {
  const o = options();
  const loadAverage = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-soak-'));
  const dbPath = join(dir, 'opsquest.db');
  let server: SoakServer | undefined;
  let clients: Clients | undefined;
  const killClients = (): void => clients?.kill();
  process.once('exit', killClients);
  try {
    server = await startSoakServer(dbPath, PEOPLE, SAMPLE_MS);
    const url = `http://127.0.0.1:${server.port}`;
    const org = makeOrganisation(PEOPLE);
    const people = org.people.slice(0, o.clients);
    console.log(`soak: server pid ${server.pid} on ${url}, database ${dbPath}; logging in ${people.length} people`);
    const sessions = await logIn(url, people);
    clients = new Clients();
    const connected = await clients.request({ type: 'start', url, clients: sessions, concurrency: 10, fullClients: Math.min(FULL_CLIENTS, sessions.length) }, 'connected', 120_000);
    if (connected.failed > 0) console.warn(`soak: ${connected.failed} clients failed to connect: ${connected.errors.join('; ')}`);
    const source = new MixSource(
      org,
      sessions.map((s) => s.cookie),
      'soak',
    );

    let capacity: Capacity | undefined;
    let rate = o.rate;
    if (rate === undefined) {
      server.phase('capacity');
      console.log(`soak: measuring capacity with the mix (closed loop, ${CAPACITY_CONNECTIONS} connections, ${CAPACITY_WARM_UP_S} s + ${o.capacitySeconds} s)`);
      capacity = await measureCapacity(url, source, CAPACITY_CONNECTIONS, o.capacitySeconds, CAPACITY_WARM_UP_S);
      rate = capacity.requestsPerSecond / 2;
      console.log(`soak: capacity ${fmt(capacity.requestsPerSecond)} requests/s (${fmt(capacity.eventsPerSecond)} events/s); soaking at ${fmt(rate)} requests/s`);
      // let the server finish what the closed loop left queued (group commits, fan-out, checkpoint)
      await new Promise((r) => setTimeout(r, 5000));
    }

    server.phase('soak');
    const startMs = Date.now();
    const durationMs = o.minutes * 60_000;
    const paced = runPaced({ port: server.port, rate, durationMs, source, timeoutMs: 30_000, inFlightLimit: 2000 });
    let since = 0;
    const ticker = setInterval(() => {
      if (server) since = progress(server, paced.log, startMs, since);
    }, PROGRESS_MS);
    const log = await paced.done;
    clearInterval(ticker);
    server.phase('after');
    // a live tick for the last broadcasts to reach the clients, and the soak's last sample to come in
    await new Promise((r) => setTimeout(r, 1500));
    const samples = server.samples.filter((s) => s.phase === 'soak');
    // the soak ends with its last sample, which the server takes when told the phase is over
    const endMs = samples[samples.length - 1]?.atMs ?? Date.now();

    const result = await clients.request({ type: 'stop' }, 'result', 120_000);
    const analysis = analyse(result.messages, result.clients, new Map(), new Map(), new Map(), Number.POSITIVE_INFINITY);
    const fanOut: FanOut = {
      wanted: sessions.length,
      connected: connected.connected,
      fullClients: Math.min(FULL_CLIENTS, sessions.length),
      messages: analysis.workItemMessages + result.clients.reduce((s, c) => s + c.points.length, 0) + Object.values(analysis.other).reduce((s, n) => s + n, 0),
      broadcasts: result.messages.length,
      problems: analysis.problems,
    };

    const serverExit = await server.stop();
    if (serverExit !== 0) throw new Error(`the soak server exited with code ${serverExit}`);
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const inDb = Number(db.prepare(`SELECT count(*) FROM events WHERE via = 'api'`).pluck().get());
    const slaTimerInDb = Number(db.prepare(`SELECT count(*) FROM events WHERE via = 'sla-timer'`).pluck().get());
    db.close();
    const acknowledged = (capacity?.storedTotal ?? 0) + log.stored.reduce((a, b) => a + b, 0);
    // The soak waits for every answer; the timed capacity run may stop with requests in flight,
    // which the server can still store: so at least what was acknowledged, at most what was sent.
    const stored: StoredCheck = { sent: source.eventsTaken, acknowledged, duplicates: log.duplicates, inDb, slaTimerInDb, ok: log.duplicates === 0 && inDb >= acknowledged && inDb <= source.eventsTaken };
    console.log('soak: running the consistency checker on the soak database');
    const consistency = await checkConsistency(dbPath);

    const completions: Completion[] = log.doneAt.map((doneAt, i) => ({ doneAt, latencyMs: log.latencyMs[i] ?? Number.NaN, ok: log.ok[i] === 1, stored: log.stored[i] ?? 0 }));
    const first = samples[0];
    const last = samples[samples.length - 1];
    const serverCpuPct = first && last && last.atMs > startMs ? ((last.cpuMs - first.cpuMs) / (last.atMs - first.atMs)) * 100 : Number.NaN;
    const run: SoakRun = {
      minutes: o.minutes,
      rate,
      capacity,
      people: PEOPLE,
      sampleMs: SAMPLE_MS,
      log,
      verdict: judgeSoak(samples, startMs, endMs),
      rows: perMinute(samples, completions, startMs, endMs),
      serverCpuPct,
      fanOut,
      stored,
      consistency,
      loadAverage,
    };
    const body = soakReport(run);
    const title = `Soak: ${fmt(o.minutes)} minute${o.minutes === 1 ? '' : 's'} at ${capacity ? 'half capacity' : `${fmt(rate)} requests/s`}`;
    if (o.write) writeSection('soak', title, body);
    else console.log(`\n## ${title}\n\n${body}\n\n(not written to docs/BENCHMARKS.md: ${o.minutes < 10 ? 'shorter than 10 minutes' : '--no-write'})`);
    if (!soakCorrect(run)) throw new Error('soak: failed requests, lost events, an incomplete fan-out or consistency differences (see above)');
    return run.verdict.met;
  } finally {
    clients?.kill();
    await server?.stop();
    if (process.env.SOAK_KEEP_DB === '1') console.log(`soak: database kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('soak.ts')) finish(main);
