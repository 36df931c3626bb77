/**
 * The real OpsQuest server in its own process, for the crash test: production settings, the
 * SQLite file and the port given on the command line (the same ones after every restart, as a
 * real deployment), a small organisation inserted on the first start only, and the integration
 * API key CRASH_API_KEY with every scope.
 *
 *   node --import tsx scripts/crash/crash-server-main.ts <database path> <port>
 *
 * With CRASH_STANDBY=1 the process loads its code, writes `{"crashStandby":{"loadedMs":N}}` and
 * waits for the line `start` on stdin before it touches the database: the crash test keeps the
 * next server warm while the current one runs, so a restart costs opening the file (and WAL
 * recovery) and listening, not loading the code again. Once listening it writes
 * `{"crashServer":{"port":N,"startMs":M,...}}`. Stdin closing (the test is gone) ends it at once;
 * the crash test ends it with SIGKILL; SIGTERM stops it gracefully.
 */
import { createInterface } from 'node:readline';
import { dedupKeyOf } from '@opsquest/core';
import type { OpsQuestServer } from '../../apps/server/src/app';
import { exitOnSignals, insertOrganisation } from '../bench/bench-kit';
import { createLocalServer } from '../bench/local-server';
import { makeOrganisation } from '../bench/workload';

/** The integration key the crash server accepts (all scopes: events:write, alertmanager:write, ...). */
export const CRASH_API_KEY = 'crash-test-api-key-0123456789abcdef';

/** People in the crash test's organisation (teams of 10: a lead, engineers, one field team in four). */
export const CRASH_PEOPLE = 40;

/** When the code was loaded (ms since the process started). */
const loadedMs = performance.now();

/**
 * A deliberate bug, for proving that the crash test fails when it should (CRASH_FAULT=ack-before-commit):
 * the events API and the integrations answer "stored" at once and write 300 ms later, the classic
 * write-behind that loses acknowledged events in a crash.
 */
function injectAckBeforeCommit(server: OpsQuestServer): void {
  const ingest = server.services.ingest;
  const real = ingest.ingestGrouped.bind(ingest);
  ingest.ingestGrouped = (inputs) => {
    setTimeout(() => void real(inputs), 300);
    return Promise.resolve(inputs.map((i) => ({ eventKey: dedupKeyOf(i.event), status: 'stored' as const, applied: true, points: 0 })));
  };
}

async function run(databasePath: string, port: number): Promise<void> {
  const runMs = performance.now();
  const logLevel = process.env.LOG_LEVEL ?? 'warn';
  const server = await createLocalServer({ port: port, databasePath, apiKey: CRASH_API_KEY, logLevel });
  const createdMs = performance.now();
  if (process.env.CRASH_FAULT === 'ack-before-commit') injectAckBeforeCommit(server);
  // First start only: one transaction, so a kill during it leaves either everyone or no one.
  if ((await server.repos.people.countAll()) === 0) await insertOrganisation(server.repos, makeOrganisation(CRASH_PEOPLE));
  const listening = await server.listen();

  exitOnSignals(server);
  process.stdout.write(`${JSON.stringify({ crashServer: { port: listening.port, listeningMs: Math.round(performance.now() - runMs), createdMs: Math.round(createdMs - runMs), loadedMs: Math.round(loadedMs) } })}\n`);
}

if (/crash-server-main[\w-]*\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  const databasePath = process.argv[2];
  const port = Number(process.argv[3]);
  if (!databasePath || !Number.isInteger(port) || port <= 0) {
    console.error('usage: node --import tsx scripts/crash/crash-server-main.ts <database path> <port>');
    process.exit(2);
  }
  const go = (): void => {
    run(databasePath, port).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  };
  if (process.env.CRASH_STANDBY === '1') {
    const lines = createInterface({ input: process.stdin });
    lines.once('line', go);
    lines.on('close', () => process.exit(0));
    process.stdout.write(`${JSON.stringify({ crashStandby: { loadedMs: Math.round(loadedMs) } })}\n`);
  } else go();
}
