/**
 * The real OpsQuest server in its own process, for the HTTP benchmarks (B2): production settings
 * (NODE_ENV from the caller, LOG_LEVEL warn unless set, live tick 150 ms, SLA timer 1 s), a temp
 * SQLite file given on the command line, the benchmark organisation of BENCH_PEOPLE people
 * (default 1000) and an integration API key with every scope.
 *
 *   node --import tsx scripts/bench/bench-server-main.ts <database path>
 *
 * Talks to its parent in JSON lines. On stdout, once listening: `{"benchServer":{"port":N}}`.
 * On stdin, the line `stats` answers `{"benchServerStats":{...}}` (CPU time, event-loop use and the
 * monotonic clock, to measure one phase of a run). SIGTERM, SIGINT or stdin closing stops it
 * gracefully (the database is closed, and a `--cpu-prof` profile written).
 */
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { OpsQuestServer } from '../../apps/server/src/app';
import { exitOnSignals, insertOrganisation } from './bench-kit';
import { createLocalServer } from './local-server';
import { makeOrganisation } from './workload';

/** The integration key the benchmark server accepts (all scopes, so events:write). */
export const BENCH_API_KEY = 'bench-api-key-0123456789abcdef';

export interface BenchServerStats {
  /** process CPU time so far, ms */
  userMs: number;
  systemMs: number;
  /** event-loop time so far, ms (performance.eventLoopUtilization) */
  activeMs: number;
  idleMs: number;
  /** process.hrtime in µs: the clock V8's CPU profiles use */
  hrtimeUs: number;
  rssMb: number;
}

export function serverStats(): BenchServerStats {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  return {
    userMs: cpu.user / 1000,
    systemMs: cpu.system / 1000,
    activeMs: elu.active,
    idleMs: elu.idle,
    hrtimeUs: Number(process.hrtime.bigint() / 1000n),
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
}

async function run(databasePath: string): Promise<void> {
  const logLevel = process.env.LOG_LEVEL ?? 'warn';
  const server: OpsQuestServer = await createLocalServer({ port: 0, databasePath, apiKey: BENCH_API_KEY, logLevel });
  // A diagnostic knob, not a production setting: extra pragmas, e.g. "cache_size = -65536; mmap_size = 268435456".
  if (server.persistence.engine === 'sqlite') for (const pragma of (process.env.BENCH_SQLITE_PRAGMAS ?? '').split(';')) if (pragma.trim()) server.db.pragma(pragma.trim());
  // several nodes on one PostgreSQL database (B9): the first one inserts the organisation
  if ((await server.repos.people.countAll()) === 0) await insertOrganisation(server.repos, makeOrganisation(Number(process.env.BENCH_PEOPLE ?? 1000)));
  const { port } = await server.listen();

  const stop = exitOnSignals(server);

  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === 'stats') process.stdout.write(`${JSON.stringify({ benchServerStats: serverStats() })}\n`);
  });
  lines.on('close', () => void stop());

  process.stdout.write(`${JSON.stringify({ benchServer: { port } })}\n`);
}

if (process.argv[1]?.endsWith('bench-server-main.ts')) {
  const databasePath = process.argv[2];
  if (!databasePath) {
    console.error('usage: node --import tsx scripts/bench/bench-server-main.ts <database path>');
    process.exit(2);
  }
  run(databasePath).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
