/**
 * The soak's server process: scripts/bench/bench-server-main.ts exactly as B2 runs it (production
 * settings, live tick 150 ms, the bench organisation of BENCH_PEOPLE people, the all-scopes API key,
 * its stdin/stdout protocol), plus the sampler of soak-sampler.ts (a `{"soakSample":…}` line every
 * SOAK_SAMPLE_MS, default 5,000 ms).
 *
 *   node --import tsx scripts/soak/soak-server-main.ts <database path>
 */
import { resolve } from 'node:path';
import { ROOT } from '../bench/bench-kit';
import { startSampler } from './soak-sampler';

const databasePath = process.argv[2];
if (!databasePath) {
  console.error('usage: node --import tsx scripts/soak/soak-server-main.ts <database path>');
  process.exit(2);
}
startSampler(resolve(databasePath), Number(process.env.SOAK_SAMPLE_MS ?? 5000));
// bench-server-main.ts starts its server only when it is the entry script (it checks argv[1]) and
// does not export its start function; this file stands in for it as the entry, so say it is.
process.argv[1] = resolve(ROOT, 'scripts/bench/bench-server-main.ts');
await import('../bench/bench-server-main');
