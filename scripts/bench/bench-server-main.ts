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
 *
 * For the benchmarks across several nodes (B4x), two more knobs:
 * - BENCH_SESSIONS=N: before listening, a session for each of the first N people of the organisation,
 *   made through the sessions repository (the rows a login makes, on SQLite or PostgreSQL), printed
 *   as `{"benchSessions":[{"personId":…,"cookie":…},…]}`;
 * - BENCH_OBSERVE=1: after every committed ingest batch, `{"benchCommitted":{"items":[[id, updatedAt,
 *   eventKey],…],"ledger":[[entryId, personId, eventKey],…]}}`: each changed item's new version with
 *   the event that made it, and each ledger entry (the parent times them from the HTTP answers).
 */
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { dedupKeyOf } from '@opsquest/core';
import { SESSION_COOKIE } from '@opsquest/contracts';
import type { OpsQuestServer } from '../../apps/server/src/app';
import { newToken, sha256 } from '../../apps/server/src/security/tokens';
import { SESSION_TTL_MS } from '../../apps/server/src/services/use-cases/auth.service';
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

/** Sessions made as a login makes them (through the sessions port, so on either engine), in one unit of work. */
async function createSessions(server: OpsQuestServer, personIds: readonly string[]): Promise<{ personId: string; cookie: string }[]> {
  const now = Date.now();
  const out: { personId: string; cookie: string }[] = [];
  await server.repos.uow.run(async () => {
    for (const personId of personIds) {
      const token = newToken();
      await server.repos.sessions.create(sha256(token), personId, now, now + SESSION_TTL_MS);
      out.push({ personId, cookie: `${SESSION_COOKIE}=${token}` });
    }
  });
  return out;
}

/** Each committed batch's item versions (with the event that made each) and ledger entries, on stdout. */
function observeCommits(server: OpsQuestServer): void {
  server.services.ingest.pipeline.observe((batch) => {
    const madeBy = new Map<number, string>();
    for (const c of batch.changes) madeBy.set(c.itemId, dedupKeyOf(c.event));
    const items = [...batch.items.values()].map(({ id, updatedAt }) => [id, updatedAt, madeBy.get(id) ?? '']);
    const ledger = batch.ledger.map((e) => [e.entryId, e.personId, e.eventKey]);
    process.stdout.write(`${JSON.stringify({ benchCommitted: { items, ledger } })}\n`);
  });
}

async function run(databasePath: string): Promise<void> {
  const logLevel = process.env.LOG_LEVEL ?? 'warn';
  const server: OpsQuestServer = await createLocalServer({ port: 0, databasePath, apiKey: BENCH_API_KEY, logLevel });
  // A diagnostic knob, not a production setting: extra pragmas, e.g. "cache_size = -65536; mmap_size = 268435456".
  if (server.persistence.engine === 'sqlite') for (const pragma of (process.env.BENCH_SQLITE_PRAGMAS ?? '').split(';')) if (pragma.trim()) server.db.pragma(pragma.trim());
  // A diagnostic knob: the incident window in minutes (0: no grouping by place), to measure what incidents cost.
  if (process.env.BENCH_INCIDENT_WINDOW_MINUTES !== undefined) server.services.ingest.correlateWithin(Number(process.env.BENCH_INCIDENT_WINDOW_MINUTES) * 60_000);
  // several nodes on one PostgreSQL database (B9): the first one inserts the organisation
  const org = makeOrganisation(Number(process.env.BENCH_PEOPLE ?? 1000));
  if ((await server.repos.people.countAll()) === 0) await insertOrganisation(server.repos, org);
  const sessions = Number(process.env.BENCH_SESSIONS ?? 0);
  if (sessions > 0) process.stdout.write(`${JSON.stringify({ benchSessions: await createSessions(server, org.people.slice(0, sessions).map((p) => p.id)) })}\n`);
  if (process.env.BENCH_OBSERVE === '1') observeCommits(server);
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
