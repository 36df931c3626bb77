/** The soak's section of docs/BENCHMARKS.md (and what it prints). */
import { fmt, summarise, table } from '../bench/bench-kit';
import { SOAK_TARGETS, type FlatVerdict, type MinuteRow, type SoakVerdict } from './soak-analysis';
import { BATCH_SIZE, KINDS, MIX, type Capacity, type RequestLog } from './soak-load';

export interface FanOut {
  wanted: number;
  connected: number;
  fullClients: number;
  /** socket.io messages the clients received, all types */
  messages: number;
  /** distinct workItem:changed broadcasts */
  broadcasts: number;
  problems: string[];
}

export interface StoredCheck {
  /** events put into requests (capacity run and soak) */
  sent: number;
  acknowledged: number;
  duplicates: number;
  inDb: number;
  slaTimerInDb: number;
  ok: boolean;
}

export interface ConsistencyCheck {
  ok: boolean;
  events: number;
  ledgerEntries: number;
  seconds: number;
  /** the checker's first lines when it found differences */
  differences: string[];
}

export interface SoakRun {
  minutes: number;
  rate: number;
  /** how the rate was chosen */
  capacity: Capacity | undefined;
  people: number;
  sampleMs: number;
  log: RequestLog;
  verdict: SoakVerdict;
  rows: MinuteRow[];
  serverCpuPct: number;
  fanOut: FanOut;
  stored: StoredCheck;
  consistency: ConsistencyCheck;
  loadAverage: number;
}

const ms = (v: number): string => fmt(v, 1);
const mb = (v: number): string => fmt(v, 1);
const met = (ok: boolean): string => (ok ? 'met' : '**not met**');

function flatCell(v: FlatVerdict): string {
  return `slope ${fmt(v.slopeMbPerMin, 2)} MB/min; last minute ${mb(v.lastMeanMb)} MB, ${v.lastAbovePct >= 0 ? '+' : ''}${fmt(v.lastAbovePct, 1)} % against ${mb(v.postWarmUpMeanMb)} MB${v.met ? '' : ` (${v.why})`}`;
}

/** Correctness besides the targets: no failed requests, nothing lost, fan-out whole, consistent. */
export function soakCorrect(run: SoakRun): boolean {
  return run.log.ok.every((ok) => ok === 1) && run.log.dropped === 0 && run.stored.ok && run.fanOut.problems.length === 0 && run.fanOut.connected === run.fanOut.wanted && run.consistency.ok;
}

export function soakReport(run: SoakRun): string {
  const { verdict: v, log } = run;
  const warmMin = fmt(v.warmUpMs / 60_000, 1);
  const seconds = run.minutes * 60;
  const kindRows = [...KINDS.map((k, i) => ({ name: k === 'batch' ? `batch of ${BATCH_SIZE} events` : k === 'single' ? 'single event' : 'leaderboard read', index: i })), { name: 'all', index: -1 }].map(({ name, index }) => {
    const picked: number[] = [];
    let failed = 0;
    for (let j = 0; j < log.latencyMs.length; j += 1) {
      if (index >= 0 && log.kind[j] !== index) continue;
      picked.push(log.latencyMs[j] ?? Number.NaN);
      if (log.ok[j] !== 1) failed += 1;
    }
    const s = summarise(picked);
    return [name, fmt(s.n), fmt(s.n / seconds, 1), fmt(failed), ms(s.p50), ms(s.p99), ms(s.max)];
  });
  const acknowledged = log.stored.reduce((a, b) => a + b, 0);
  const lag = summarise(log.sendLagMs);
  const failures = Object.entries(log.failures).map(([k, n]) => `${k} ×${n}`);
  const mixCounts = KINDS.map((k) => `${MIX.filter((m) => m === k).length} ${k === 'single' ? 'single events' : k === 'batch' ? `batch of ${BATCH_SIZE}` : 'leaderboard reads'}`).join(', ');
  const cap = run.capacity;
  return [
    `${fmt(run.minutes)} minute${run.minutes === 1 ? '' : 's'} at ${fmt(run.rate)} requests/s of a fixed mix (${mixCounts} in every ${MIX.length} requests), ` +
      (cap
        ? `half of the ${fmt(cap.requestsPerSecond)} requests/s (${fmt(cap.eventsPerSecond)} events/s) the same server sustained with the same mix in a ${fmt(cap.seconds)} s closed-loop autocannon run just before (${cap.connections} connections, after a 3 s warm-up; ${fmt(cap.non2xx)} non-2xx, ${fmt(cap.errors)} errors).`
        : 'a rate given on the command line (no capacity run).'),
    `${fmt(run.fanOut.connected)} of ${fmt(run.fanOut.wanted)} socket.io clients stayed connected throughout, so the live fan-out ran too.`,
    '',
    table(
      ['target', 'measured', 'result'],
      [
        [`memory flat, heap: after a ${warmMin} min warm-up, slope < ${SOAK_TARGETS.maxSlopeMbPerMin} MB/min and last minute ≤ ${SOAK_TARGETS.maxLastAbovePct} % above the mean`, flatCell(v.heap), met(v.heap.met)],
        [`memory flat, RSS: the same`, flatCell(v.rss), met(v.rss.met)],
        [`WAL bounded: largest < ${SOAK_TARGETS.walLimitMb} MB (journal_size_limit), after the warm-up slope < ${SOAK_TARGETS.maxWalSlopeMbPerMin} MB/min`, `largest ${mb(v.wal.maxMb)} MB; slope ${fmt(v.wal.slopeMbPerMin, 2)} MB/min${v.wal.met ? '' : ` (${v.wal.why})`}`, met(v.wal.met)],
        [`event-loop delay p99 < ${SOAK_TARGETS.loopP99Ms} ms over the whole soak`, `p99 ${ms(v.loop.p99Ms)} ms (worst ${run.sampleMs / 1000} s window ${ms(v.loop.worstWindowP99Ms)} ms; max ${ms(v.loop.maxMs)} ms)`, met(v.loop.met)],
      ],
    ),
    '',
    `Soak: **${v.met ? 'met' : 'not met'}**. Server CPU over the soak: ${fmt(run.serverCpuPct)} % of one core.`,
    '',
    table(['requests', 'answered', 'per second', 'failed', 'p50 ms', 'p99 ms', 'max ms'], kindRows),
    '',
    `Events acknowledged as stored during the soak: ${fmt(acknowledged)} (${fmt(acknowledged / seconds)} events/s). ` +
      `Latency is counted from when each request was due (open loop), so it includes the sender's own lag (p99 ${ms(lag.p99)} ms, max ${ms(lag.max)} ms); ` +
      `at most ${fmt(log.maxInFlight)} requests were in flight; ${fmt(log.dropped)} were dropped for too many in flight.${failures.length > 0 ? ` Failures: ${failures.join(', ')}.` : ''}`,
    '',
    table(
      ['minute', 'requests/s', 'events/s', 'p50 ms', 'p99 ms', 'failed', 'heap floor MB', 'RSS MB', 'WAL max MB', 'database MB', `worst ${run.sampleMs / 1000} s loop p99 ms`],
      run.rows.map((r) => [fmt(r.minute), fmt(r.requestsPerSecond), fmt(r.eventsPerSecond), ms(r.p50Ms), ms(r.p99Ms), fmt(r.failed), mb(r.heapFloorMb), mb(r.rssMb), mb(r.walMaxMb), mb(r.dbMb), ms(r.loopWorstWindowP99Ms)]),
    ),
    '',
    `Fan-out: ${fmt(run.fanOut.messages)} socket.io messages received by the clients (${fmt(run.fanOut.broadcasts)} distinct workItem:changed broadcasts; ${run.fanOut.fullClients} clients parse every message, the rest skip decoding the large workItem:changed frames, as in B4); ` +
      `every client got every broadcast exactly once and only its own points: ${run.fanOut.problems.length === 0 ? 'yes' : `**no**: ${run.fanOut.problems.join('; ')}`}.`,
    `Nothing lost: ${fmt(run.stored.sent)} events sent (capacity run and soak), ${fmt(run.stored.acknowledged)} acknowledged as stored, ${fmt(run.stored.duplicates)} reported duplicates, ${fmt(run.stored.inDb)} in the database (besides ${fmt(run.stored.slaTimerInDb)} from the SLA timer): ${run.stored.ok ? 'ok' : '**FAILED**'}.`,
    `Consistency checker on the soak database afterwards (scripts/check-consistency.ts: aggregates, XP and levels recomputed from the ledger, the ledger and streaks replayed from the event log): ${fmt(run.consistency.events)} events, ${fmt(run.consistency.ledgerEntries)} ledger entries, ` +
      `${run.consistency.ok ? 'zero differences' : `**differences**: ${run.consistency.differences.join('; ')}`} (${fmt(run.consistency.seconds, 1)} s).`,
    '',
    `How: \`npm run soak\` (scripts/soak.ts; \`--minutes N\`, \`--rate R\`). The server runs in its own process (scripts/soak/soak-server-main.ts: bench-server-main.ts as B2 runs it, NODE_ENV=production, LOG_LEVEL=warn, live tick 150 ms, ` +
      `a fresh SQLite file, an organisation of ${fmt(run.people)} people) and samples itself every ${run.sampleMs / 1000} s: RSS, heapUsed (the "heap floor" is the lowest of its readings every 0.5 s in the window: the bottom of the GC saw-tooth, which a leak raises), ` +
      'event-loop delay (perf_hooks.monitorEventLoopDelay at 10 ms resolution, per window and for the whole soak; it records the time between its timer\'s callbacks, so the delay reported is that minus the 10 ms period), and the sizes of the database and its WAL file. ' +
      `The load comes from this process: events from the fixed-seed workload stamped with the time they are sent, reads with the session cookies of ${fmt(run.fanOut.wanted)} people who logged in over HTTP (the same people hold the socket.io connections, in a child process: scripts/bench/b4-clients.ts). ` +
      'Memory is judged after the warm-up by the least-squares slope of the samples and the last minute against the mean (both one-sided: falling memory is not a leak); the WAL by its largest size and its slope. ' +
      `The machine has two cores shared by the server, the load and the clients. Load average (1 min) at the start: ${fmt(run.loadAverage, 2)}.`,
  ].join('\n');
}
