/**
 * B3 leaderboards on dataset M (100k people, 10M ledger rows, 90 days) while ingesting 2,000
 * events/s through the real ingest path: top-50 and around-me (my rank with 10 either side) for
 * day, week, month and all time, individual (everyone, and my league) and team. Target: p99 ≤ 5 ms.
 * In the same run, the same reads against Redis sorted sets (redis-server from Debian: ZREVRANGE,
 * ZREVRANK), kept current with ZINCRBY of the same changes, as the reference.
 *
 * Queries run in the server's process through LeaderboardService (what GET /api/leaderboard calls,
 * names and visibility included), interleaved with the ingest timer on one event loop.
 * `npm run bench -- b3` (BENCH_DATASET=S for the smaller dataset, BENCH_SECONDS for the duration)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { WINDOWS, windowKeys, type Window } from '@opsquest/core';
import type { LeaderboardView } from '@opsquest/contracts';
import { createOpsQuestServer, type OpsQuestServer } from '../../apps/server/src/app';
import { createLogger } from '../../apps/server/src/logger';
import type { Viewer } from '../../apps/server/src/services/views/visibility';
import { Random } from '../../apps/server/src/demo/random';
import { finish, fmt, freePort, isSmoke, summarise, table, writeSection } from './bench-kit';
import { copyDataset, ensureDataset, type Dataset, type DatasetSize } from './dataset';
import { BENCH_SEED, makeOrganisation, Workload, type BenchPerson } from './workload';

export const B3_TARGET_P99_MS = 5;

type Kind = 'top50' | 'around';
type Board = 'individual (all)' | 'individual (my league)' | 'team';

interface Sample {
  board: Board;
  window: Window;
  kind: Kind;
  ms: number;
}

export interface B3Result {
  dataset: Dataset;
  seconds: number;
  ingested: number;
  ingestRate: number;
  /** share of the event loop the ingest calls took during the reads */
  ingestBusy: number;
  coldLoadMs: { board: string; ms: number; size: number }[];
  ours: Sample[];
  redis: Sample[];
  redisAvailable: boolean;
  /** in-memory boards equal the SQL aggregates after the run */
  consistent: boolean;
  /** Redis and OpsQuest agree on the top-50 points of every board */
  agreesWithRedis: boolean | undefined;
}

async function startRedis(): Promise<{ client: Redis; stop: () => void } | undefined> {
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const failed = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(true));
    setTimeout(() => resolve(false), 300);
  });
  if (failed) return undefined;
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      await client.connect();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    client,
    stop: () => {
      client.disconnect();
      child.kill('SIGKILL');
    },
  };
}

const redisKey = (scope: string, window: Window, period: string): string => `lb:${scope}:${window}:${period}`;

export async function runB3(size: DatasetSize, seconds: number, eventsPerSecond = 2000): Promise<B3Result> {
  const dataset = ensureDataset(size);
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-b3-'));
  const dbPath = copyDataset(dataset, dir);
  const startedAt = Date.now();
  const now = (): number => dataset.end + (Date.now() - startedAt);
  let server: OpsQuestServer | undefined;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  try {
    server = await createOpsQuestServer(
      { port: 0, host: '127.0.0.1', databasePath: dbPath, demo: false, timeZone: 'UTC', simulatorIntervalMs: 1000, secureCookies: false, logLevel: 'silent', slaTimerMs: 1000, liveTickMs: 150 },
      { logger: createLogger('silent'), now },
    );
    const srv = server;
    const org = makeOrganisation(dataset.people);
    const periods = windowKeys(now(), 'UTC');
    const rng = new Random(BENCH_SEED + 3);
    const viewers: Viewer[] = [];
    const pickPerson = (): BenchPerson => {
      const p = org.people[rng.int(0, org.people.length - 1)];
      if (!p) throw new Error('no people');
      return p;
    };
    for (let i = 0; i < 200; i += 1) {
      const p = pickPerson();
      viewers.push({ id: p.id, role: p.role, teamId: p.teamId });
    }

    // Cold: the first read of each board loads its rank index from the SQL aggregates (the server
    // does this right after it starts listening; this server is not listening, so it happens here).
    const coldLoadMs: B3Result['coldLoadMs'] = [];
    for (const window of WINDOWS) {
      for (const [label, scope, league, viewer] of [
        ['individual (all)', 'individual', 'all', { id: 'bp-1', role: 'engineer', teamId: 'bt-0' }],
        ['individual (engineer league)', 'individual', 'mine', { id: 'bp-1', role: 'engineer', teamId: 'bt-0' }],
        ['individual (technician league)', 'individual', 'mine', { id: 'bp-31', role: 'technician', teamId: 'bt-3' }],
        ['team', 'team', 'all', { id: 'bp-1', role: 'engineer', teamId: 'bt-0' }],
      ] as const) {
        const t0 = performance.now();
        const view = await srv.services.leaderboard.get(scope, window, 50, viewer, 0, { league });
        coldLoadMs.push({ board: `${label} ${window}`, ms: performance.now() - t0, size: view.total });
      }
    }

    // Redis: the same current boards as sorted sets, kept current with the same changes.
    redis = await startRedis();
    if (redis) {
      for (const window of WINDOWS) {
        for (const scope of ['individual', 'team'] as const) {
          const rows = await srv.repos.leaderboard.standings(scope, window, periods[window]);
          const key = redisKey(scope, window, periods[window]);
          for (let i = 0; i < rows.length; i += 10_000) {
            const args: (string | number)[] = [];
            for (const r of rows.slice(i, i + 10_000)) args.push(r.points, r.subjectId);
            await redis.client.zadd(key, ...args);
          }
        }
      }
    }
    const redisClient = redis?.client;
    // The same aggregate changes, recorded with their time, are replayed into Redis in phase 2.
    const changes: { at: number; deltas: [string, number, string][] }[] = [];
    srv.services.ingest.pipeline.observe((batch) => {
      if (!redisClient) return;
      changes.push({ at: performance.now(), deltas: [...batch.boards.values()].map((d) => [redisKey(d.scope, d.window, d.period), d.points, d.subjectId]) });
    });

    // Ingest at the target rate: a batch every 10 ms, as an integration sending small batches would.
    const workload = new Workload({ org, start: now(), stepMs: 1000 / eventsPerSecond, prefix: `b3-${startedAt}` });
    let ingested = 0;
    let ingestMs = 0;
    const perTick = Math.max(1, Math.round(eventsPerSecond / 100));
    const ingestStarted = performance.now();
    const timer = setInterval(async () => {
      const due = Math.floor(((performance.now() - ingestStarted) / 1000) * eventsPerSecond) - ingested;
      const n = Math.min(Math.max(due, 0), perTick * 5);
      if (n === 0) return;
      const t0 = performance.now();
      await srv.services.ingest.ingest(workload.take(n).map((event) => ({ event, via: 'api' })));
      ingestMs += performance.now() - t0;
      ingested += n;
    }, 10);

    const ours: Sample[] = [];
    const redisSamples: Sample[] = [];
    const boards: readonly [Board, 'individual' | 'team', 'all' | 'mine'][] = [
      ['individual (all)', 'individual', 'all'],
      ['individual (my league)', 'individual', 'mine'],
      ['team', 'team', 'all'],
    ];
    const until = performance.now() + seconds * 1000;
    let round = 0;
    const yieldToTimers = (): Promise<void> => new Promise((r) => setImmediate(r));
    while (performance.now() < until) {
      const viewer = viewers[round % viewers.length];
      if (!viewer) break;
      round += 1;
      for (const window of WINDOWS) {
        for (const [board, scope, league] of boards) {
          for (const kind of ['top50', 'around'] as const) {
            const t0 = performance.now();
            const view: LeaderboardView = kind === 'top50' ? await srv.services.leaderboard.get(scope, window, 50, viewer, 0, { league }) : await srv.services.leaderboard.get(scope, window, 1, viewer, 10, { league });
            ours.push({ board, window, kind, ms: performance.now() - t0 });
            if (view.entries.length === 0 && view.total > 0) throw new Error(`empty board ${board} ${window}`);
            await yieldToTimers();
          }
        }
      }
    }
    clearInterval(timer);
    const ingestSeconds = (performance.now() - ingestStarted) / 1000;

    // Phase 2, Redis: the same reads while the same changes arrive at the same pace (ZINCRBY).
    if (redisClient && changes.length > 0) {
      const first = changes[0]?.at ?? 0;
      const phaseStart = performance.now();
      let next = 0;
      const pending: Promise<unknown>[] = [];
      const feeder = setInterval(() => {
        const pipe = redisClient.pipeline();
        let n = 0;
        while (next < changes.length && (changes[next]?.at ?? 0) - first <= performance.now() - phaseStart) {
          for (const [key, points, member] of changes[next]?.deltas ?? []) pipe.zincrby(key, points, member);
          next += 1;
          n += 1;
        }
        if (n > 0) pending.push(pipe.exec());
      }, 10);
      const redisUntil = performance.now() + seconds * 1000;
      let r = 0;
      while (performance.now() < redisUntil) {
        const viewer = viewers[r % viewers.length];
        if (!viewer) break;
        r += 1;
        for (const window of WINDOWS) {
          for (const scope of ['individual', 'team'] as const) {
            const key = redisKey(scope, window, periods[window]);
            const member = scope === 'individual' ? viewer.id : (viewer.teamId ?? '');
            const board: Board = scope === 'individual' ? 'individual (all)' : 'team';
            let t0 = performance.now();
            await redisClient.zrevrange(key, 0, 49, 'WITHSCORES');
            redisSamples.push({ board, window, kind: 'top50', ms: performance.now() - t0 });
            t0 = performance.now();
            const rank = await redisClient.zrevrank(key, member);
            if (rank !== null) await redisClient.zrevrange(key, Math.max(0, rank - 10), rank + 10, 'WITHSCORES');
            redisSamples.push({ board, window, kind: 'around', ms: performance.now() - t0 });
          }
        }
      }
      clearInterval(feeder);
      await Promise.all(pending);
      // the rest of the changes, so the final comparison sees them all
      const pipe = redisClient.pipeline();
      for (const c of changes.slice(next)) for (const [key, points, member] of c.deltas) pipe.zincrby(key, points, member);
      await pipe.exec();
    }

    // Correctness: the in-memory boards equal the SQL aggregates, and Redis agrees on the top 50.
    let consistent = true;
    let agreesWithRedis: boolean | undefined = redisClient ? true : undefined;
    for (const window of WINDOWS) {
      for (const scope of ['individual', 'team'] as const) {
        const period = periods[window];
        const sql = (await srv.repos.leaderboard.standings(scope, window, period)).sort((a, b) => b.points - a.points || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
        const memory = (await srv.services.ranks.board(scope, window, period)).entries();
        if (sql.length !== memory.length || sql.some((s, i) => s.subjectId !== memory[i]?.subjectId || s.points !== memory[i]?.points)) consistent = false;
        if (redisClient) {
          const top = await redisClient.zrevrange(redisKey(scope, window, period), 0, 49, 'WITHSCORES');
          const redisPoints = top.filter((_, i) => i % 2 === 1).map(Number);
          if (redisPoints.join(',') !== sql.slice(0, 50).map((s) => s.points).join(',')) agreesWithRedis = false;
        }
      }
    }
    return {
      dataset,
      seconds,
      ingested,
      ingestRate: ingested / ingestSeconds,
      ingestBusy: ingestMs / 1000 / ingestSeconds,
      coldLoadMs,
      ours,
      redis: redisSamples,
      redisAvailable: redisClient !== undefined,
      consistent,
      agreesWithRedis,
    };
  } finally {
    redis?.stop();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function b3Report(r: B3Result): { body: string; met: boolean } {
  const rows: string[][] = [];
  let worst = 0;
  for (const board of ['individual (all)', 'individual (my league)', 'team'] as const) {
    for (const kind of ['top50', 'around'] as const) {
      for (const window of WINDOWS) {
        const ours = summarise(r.ours.filter((s) => s.board === board && s.kind === kind && s.window === window).map((s) => s.ms));
        const redis = summarise(r.redis.filter((s) => s.board === board && s.kind === kind && s.window === window).map((s) => s.ms));
        worst = Math.max(worst, ours.p99);
        rows.push([
          board,
          kind === 'top50' ? 'top 50' : 'around me (±10)',
          window,
          fmt(ours.n),
          fmt(ours.p50, 3),
          fmt(ours.p99, 3),
          fmt(ours.max, 2),
          redis.n > 0 ? fmt(redis.p50, 3) : '–',
          redis.n > 0 ? fmt(redis.p99, 3) : '–',
          redis.n > 0 ? `${fmt(ours.p99 / redis.p99, 1)}×` : '–',
        ]);
      }
    }
  }
  const met = worst <= B3_TARGET_P99_MS && r.consistent;
  const cold = r.coldLoadMs.map((c) => `${c.board} ${fmt(c.size)} rows ${fmt(c.ms)} ms`).join('; ');
  const body = [
    `Dataset ${r.dataset.size}: ${fmt(r.dataset.people)} people, ${fmt(r.dataset.teams)} teams, ${fmt(r.dataset.ledgerRows)} ledger rows, ${fmt(r.dataset.boardRows)} aggregate rows over 90 days.`,
    `Ingest during the run: ${fmt(r.ingested)} events in ${fmt(r.seconds)} s (${fmt(r.ingestRate)} events/s) through the real ingest path, ` +
      `taking ${fmt(r.ingestBusy * 100)} % of the event loop (${fmt((r.ingestBusy * 1_000_000) / Math.max(1, r.ingestRate))} µs per event on this dataset); the reads ran in the rest.`,
    '',
    table(['board', 'query', 'window', 'reads', 'p50 ms', 'p99 ms', 'max ms', 'Redis p50 ms', 'Redis p99 ms', 'p99 ratio'], rows),
    '',
    `Target: p99 ≤ ${B3_TARGET_P99_MS} ms for every query: **${met ? 'met' : 'not met'}** (worst p99 ${fmt(worst, 3)} ms).`,
    `In-memory boards equal the SQL aggregates after the run: ${r.consistent ? 'yes' : '**no**'}.` +
      (r.agreesWithRedis === undefined ? ' Redis was not available (install redis-server), so no reference ran.' : ` Redis agrees on every top 50: ${r.agreesWithRedis ? 'yes' : '**no**'}.`),
    '',
    'OpsQuest reads go through LeaderboardService (names, teams and opt-out masking included); Redis reads are',
    'ZREVRANGE 0 49 for the top 50 and ZREVRANK then ZREVRANGE for around me, over a local TCP connection from the same',
    'process. Redis has no league board (that would be one more sorted set per role), so those rows have no reference.',
    `First read of each board (rank index built from the SQL aggregates): ${cold}.`,
  ].join('\n');
  return { body, met };
}

export async function main(): Promise<boolean> {
  const size = (process.env.BENCH_DATASET as DatasetSize | undefined) ?? (isSmoke() ? 'smoke' : 'M');
  const seconds = Number(process.env.BENCH_SECONDS ?? (isSmoke() ? 2 : 30));
  const result = await runB3(size, seconds, isSmoke() ? 200 : 2000);
  const { body, met } = b3Report(result);
  writeSection('b3', 'B3 leaderboards while ingesting', body);
  return met;
}

if (process.argv[1]?.endsWith('b3-leaderboard.ts')) finish(main);
