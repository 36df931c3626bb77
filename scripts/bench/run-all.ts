/**
 * The benchmark suite: B1..B8, each in its own Node process (so one's memory and JIT state do not
 * colour the next), one after the other. Each writes its section of docs/BENCHMARKS.md; this prints
 * a summary and exits 1 if any benchmark failed to run, 3 if one ran but missed its target.
 *
 *   npm run bench                 all of them (dataset M is generated on first use: about 5-10 min)
 *   npm run bench -- b1 b3        some of them
 *   BENCH_SIZE=smoke npm run bench -- b1   a tiny run that writes nothing
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EXIT, ROOT } from './bench-kit';

export const BENCHES = [
  { id: 'b1', file: 'b1-ingest.ts', title: 'B1 ingest, in process' },
  { id: 'b2', file: 'b2-http.ts', title: 'B2 ingest over HTTP' },
  { id: 'b3', file: 'b3-leaderboard.ts', title: 'B3 leaderboards while ingesting' },
  { id: 'b4', file: 'b4-fanout.ts', title: 'B4 live fan-out' },
  { id: 'b4x', file: 'b4-cluster.ts', title: 'B4 live fan-out across two nodes' },
  { id: 'b5', file: 'b5-replay.ts', title: 'B5 replay through packages/core' },
  { id: 'b6', file: 'b6-startup.ts', title: 'B6 start-up' },
  { id: 'b7', file: 'alertmanager-event-loop.ts', title: 'B7 Alertmanager storm, event loop' },
  { id: 'b8', file: 'b8-what-if.ts', title: 'B8 what-if preview, 30 days' },
  { id: 'b9', file: 'b9-postgres.ts', title: 'B9 ingest on PostgreSQL, 1 and 2 nodes' },
] as const;

function main(): void {
  const wanted = process.argv.slice(2).map((a) => a.toLowerCase());
  const selected = wanted.length === 0 ? BENCHES : BENCHES.filter((b) => wanted.includes(b.id));
  if (selected.length === 0) {
    console.error(`unknown benchmark; choose from ${BENCHES.map((b) => b.id).join(', ')}`);
    process.exit(2);
  }
  const results: { id: string; title: string; outcome: string; seconds: number }[] = [];
  for (const bench of selected) {
    console.log(`\n=== ${bench.title} ===`);
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'scripts/bench', bench.file)], { cwd: ROOT, stdio: 'inherit', env: process.env });
    const outcome = run.status === EXIT.met ? 'met' : run.status === EXIT.notMet ? 'not met' : `failed (exit ${String(run.status ?? run.signal)})`;
    results.push({ id: bench.id, title: bench.title, outcome, seconds: (performance.now() - started) / 1000 });
  }
  console.log('\n=== Summary ===');
  for (const r of results) console.log(`${r.title.padEnd(34)} ${r.outcome.padEnd(20)} ${r.seconds.toFixed(0)} s`);
  if (results.some((r) => r.outcome.startsWith('failed'))) process.exit(EXIT.failed);
  if (results.some((r) => r.outcome === 'not met')) process.exit(EXIT.notMet);
}

if (process.argv[1]?.endsWith('run-all.ts')) main();
