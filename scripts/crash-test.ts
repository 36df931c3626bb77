/**
 * The crash test: drives ingest over HTTP, kills the server with SIGKILL at random moments while
 * requests are in flight, restarts it on the same SQLite file, and checks that every acknowledged
 * event is stored exactly once, that retries (same event keys, same Idempotency-Key) made no
 * duplicates, that leaderboard aggregates equal the sums recomputed from the ledger, and that
 * PRAGMA integrity_check is ok. Exit code 0 when all hold, 1 otherwise.
 *
 *   npm run crash -- [--kills 100] [--seed N] [--clients N] [--min-up MS] [--max-up MS] [--keep] [--json]
 *
 * `--fault ack-before-commit` runs against a deliberately broken server (answers before it writes)
 * to show what a failure looks like.
 *
 * CRASH_SEED=N repeats a run's kill moments and workload (the timing of a crash is never exact).
 */
import { parseArgs } from 'node:util';
import { formatSummary, runCrashTest, type CrashOptions } from './crash/crash-run';

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got ${value}`);
  return n;
}

async function main(): Promise<boolean> {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string' },
      seed: { type: 'string' },
      clients: { type: 'string' },
      'min-up': { type: 'string' },
      'max-up': { type: 'string' },
      keep: { type: 'boolean' },
      json: { type: 'boolean' },
      fault: { type: 'string' },
    },
  });
  const kills = positive('kills', values.kills) ?? positive('kills', process.env.CRASH_KILLS);
  const seed = positive('seed', values.seed);
  const clients = positive('clients', values.clients);
  const minUpMs = positive('min-up', values['min-up']);
  const maxUpMs = positive('max-up', values['max-up']);
  const options: CrashOptions = {
    ...(kills !== undefined ? { kills } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(clients !== undefined ? { eventClients: clients } : {}),
    ...(minUpMs !== undefined ? { minUpMs } : {}),
    ...(maxUpMs !== undefined ? { maxUpMs } : {}),
    ...(values.keep ? { keep: true } : {}),
    ...(values.fault === 'ack-before-commit' ? { fault: 'ack-before-commit' as const } : {}),
  };
  const summary = await runCrashTest(options);
  console.log(`\n${formatSummary(summary)}`);
  if (values.json) console.log(JSON.stringify(summary, null, 2));
  return summary.ok;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
