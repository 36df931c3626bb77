/**
 * The crash test: drive ingest over HTTP with several clients, kill the server with SIGKILL at
 * random moments while requests are in flight, restart it on the same SQLite file, and check that
 * nothing acknowledged was lost, nothing was stored twice, and the derived tables still add up.
 * Used by the CLI (scripts/crash-test.ts) and by the vitest (crash-test.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../../apps/server/src/demo/random';
import { freePort } from '../bench/bench-kit';
import { makeOrganisation } from '../bench/workload';
import { startLoad, type LoadStats } from './crash-load';
import { CRASH_API_KEY, CRASH_PEOPLE } from './crash-server-main';
import { buildServerEntry, killAllServers, spawnStandby, type CrashServer, type Standby } from './crash-server-process';
import { verifyDatabase, type VerifyReport } from './crash-verify';

export interface CrashOptions {
  /** SIGKILLs (default 20) */
  kills?: number;
  /** seed of the kill moments and the workload (default: from the clock; printed) */
  seed?: number;
  /** how long the server runs under load before each kill: uniform in [min, max] ms after it is ready */
  minUpMs?: number;
  maxUpMs?: number;
  eventClients?: number;
  alertmanagerClients?: number;
  consoleClients?: number;
  /** after each restart, check that everything acknowledged before the kill is there (default true) */
  verifyEachRestart?: boolean;
  /** a deliberate server bug (crash-server-main.ts), to prove the test catches it: 'ack-before-commit' */
  fault?: 'ack-before-commit';
  /** keep the temp dir (always kept, and printed, when the run fails) */
  keep?: boolean;
  log?: (line: string) => void;
}

export interface CrashSummary {
  seed: number;
  ok: boolean;
  problems: string[];
  durationMs: number;
  dir: string;
  kills: number;
  /** kills that hit while at least one request was in flight */
  killsWithRequestsInFlight: number;
  /** requests in flight at each kill */
  inFlightAtKill: number[];
  restarts: number;
  /** ms from `start` (code already loaded) to /api/health 200, mean and max over every start; code load and open + migrate inside the process */
  serverStartMs: { mean: number; max: number; loadMean: number; createMean: number };
  requests: LoadStats;
  /** requests acknowledged per client (ev: events API, am: Alertmanager, con: console) */
  byClient: Record<string, number>;
  /** distinct event keys acknowledged with 2xx */
  eventsAcknowledged: number;
  /** checks after each restart (everything acknowledged before the kill present) */
  restartChecks: number;
  final: VerifyReport;
}

function seedFrom(options: CrashOptions): number {
  if (options.seed !== undefined) return options.seed >>> 0;
  const env = process.env.CRASH_SEED;
  if (env !== undefined && env !== '' && Number.isFinite(Number(env))) return Number(env) >>> 0;
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}

export async function runCrashTest(options: CrashOptions = {}): Promise<CrashSummary> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const seed = seedFrom(options);
  const rng = new Random(seed);
  const kills = options.kills ?? 20;
  const minUp = options.minUpMs ?? 150;
  const maxUp = Math.max(minUp, options.maxUpMs ?? 600);
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-crash-'));
  const dbPath = join(dir, 'opsquest.db');
  log(`crash test: seed ${seed} (CRASH_SEED=${seed} to repeat the same kill moments and workload), ${kills} kills, database ${dbPath}`);

  const problems: string[] = [];
  const inFlightAtKill: number[] = [];
  const starts: CrashServer['timings'][] = [];
  let restartChecks = 0;
  const entry = await buildServerEntry();
  let server: CrashServer | undefined;
  let standby: Standby | undefined;
  let load: ReturnType<typeof startLoad> | undefined;
  try {
    const port = await freePort();
    const serverEnv: Record<string, string> = options.fault ? { CRASH_FAULT: options.fault } : {};
    const url = `http://127.0.0.1:${port}`;
    // The next server process is always loaded and waiting, so a restart is only open + listen.
    server = await spawnStandby(entry, dbPath, port, serverEnv).start();
    starts.push(server.timings);
    standby = spawnStandby(entry, dbPath, port, serverEnv);
    load = startLoad({
      url,
      apiKey: CRASH_API_KEY,
      org: makeOrganisation(CRASH_PEOPLE),
      seed,
      eventClients: options.eventClients ?? 3,
      alertmanagerClients: options.alertmanagerClients ?? 1,
      consoleClients: options.consoleClients ?? 2,
    });
    const { record } = load;
    const ready = await Promise.race([load.ready.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 60_000).unref())]);
    if (!ready) throw new Error('the clients could not log in within 60 s');

    for (let k = 1; k <= kills; k += 1) {
      await sleep(rng.int(minUp, maxUp));
      // A kill with nothing in flight proves little: wait (a little) for a request on the wire.
      for (let waited = 0; record.inFlight === 0 && waited < 2000; waited += 2) await sleep(2);
      inFlightAtKill.push(record.inFlight);
      await server.kill();
      // Everything acknowledged so far was acknowledged by the server just killed: it must all be in the file.
      const ackedBefore = new Map(record.acked);
      if (!standby) throw new Error('no standby server');
      server = await standby.start();
      starts.push(server.timings);
      standby = k < kills ? spawnStandby(entry, dbPath, port, serverEnv) : undefined;
      if (options.verifyEachRestart !== false) {
        const check = await verifyDatabase(dbPath, { acked: ackedBefore, consoleActions: [] }, { consistency: false, integrity: false });
        restartChecks += 1;
        for (const p of check.problems) problems.push(`after kill ${k}: ${p}`);
      }
      if (k % 5 === 0 || k === kills) {
        log(`  kill ${k}/${kills}: ${record.stats.acknowledged} requests acknowledged, ${record.acked.size} events, ${record.stats.retried} retries, start ${server.timings.readyMs} ms`);
      }
    }

    // Every request still unanswered is retried until it is acknowledged, then the server stops cleanly.
    await load.drain(60_000);
    await server.stop();
    const final = await verifyDatabase(dbPath, { acked: record.acked, consoleActions: record.consoleActions }, { complete: true });
    problems.push(...record.problems, ...final.problems);
    if (record.stats.acknowledged === 0) problems.push('no request was acknowledged');
    const mean = (xs: number[]): number => Math.round(xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length));
    const summary: CrashSummary = {
      seed,
      ok: problems.length === 0,
      problems,
      durationMs: Math.round(performance.now() - started),
      dir,
      kills: inFlightAtKill.length,
      killsWithRequestsInFlight: inFlightAtKill.filter((n) => n > 0).length,
      inFlightAtKill,
      restarts: starts.length - 1,
      serverStartMs: {
        mean: mean(starts.map((s) => s.readyMs)),
        max: Math.max(...starts.map((s) => s.readyMs)),
        loadMean: mean(starts.map((s) => s.loadedMs)),
        createMean: mean(starts.map((s) => s.createdMs)),
      },
      requests: { ...record.stats },
      byClient: { ...record.byClient },
      eventsAcknowledged: record.acked.size,
      restartChecks,
      final,
    };
    if (summary.ok && !options.keep) rmSync(dir, { recursive: true, force: true });
    return summary;
  } catch (err) {
    log(`crash test stopped by an error; database kept in ${dir}`);
    throw err;
  } finally {
    load?.abort();
    await server?.kill();
    await standby?.kill();
    killAllServers();
    entry.dispose();
  }
}

/** The summary as people read it. */
export function formatSummary(s: CrashSummary): string {
  const r = s.requests;
  const c = s.final.consistency;
  const lines = [
    `seed ${s.seed}: ${s.ok ? 'PASSED' : 'FAILED'} in ${(s.durationMs / 1000).toFixed(1)} s`,
    `kills survived:        ${s.kills} SIGKILLs (${s.killsWithRequestsInFlight} with requests in flight, up to ${Math.max(0, ...s.inFlightAtKill)} at once), ${s.restarts} restarts`,
    `server restart:        ${s.serverStartMs.mean} ms mean, ${s.serverStartMs.max} ms max to /api/health 200 (open + migrate ${s.serverStartMs.createMean} ms; code loaded beforehand in ${s.serverStartMs.loadMean} ms)`,
    `requests:              ${r.requests} sent, ${r.acknowledged} acknowledged, ${r.attempts} attempts (acknowledged per client: ${Object.entries(s.byClient).map(([k, v]) => `${k} ${v}`).join(', ')})`,
    `failed attempts:       ${r.refused} refused, ${r.serverErrors} 5xx, ${r.unknown} unknown (reset or no answer)`,
    `retried:               ${r.retried} retries; ${r.retriesFoundCommitted} found their first attempt already stored (answer lost in the crash)`,
    `re-sent acknowledged:  ${r.resent}, ${r.resentDuplicates} answered as duplicates only`,
    `console actions:       ${r.consoleActions} with Idempotency-Key, ${r.consoleRetriesDeduplicated} retries answered duplicate`,
    `events:                ${s.eventsAcknowledged} acknowledged, ${s.final.clientEventsInDatabase} client events in the database (${s.final.eventsInDatabase} in all), ${s.final.missing.length} missing, ${s.final.duplicated.length} duplicated, ${s.final.unacknowledged.length} never acknowledged, ${s.final.repeatedWork.length} repeated work`,
    `checks after restarts: ${s.restartChecks}`,
    `consistency:           ${c ? `${c.events} events replayed, ${c.ledgerEntries} ledger entries; differences found = ${c.leaderboardMismatches.length + c.xpMismatches.length + c.replayMismatches.length}` : 'not checked'}`,
    `integrity_check:       ${s.final.integrity}`,
  ];
  if (!s.ok) lines.push(`database kept in ${s.dir}`, 'problems:', ...s.problems.slice(0, 30).map((p) => `  - ${p}`));
  return lines.join('\n');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
