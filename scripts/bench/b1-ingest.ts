/**
 * B1 ingest, in process: events per second through the real ingest path (zod validation, scoring,
 * event log, work item, ledger, aggregates, missions, outbox, commit) for batch sizes 1, 10, 100
 * and 1000, each on a fresh SQLite file; beside it, the raw better-sqlite3 rate for inserting the
 * same event and ledger rows with plain prepared INSERTs in the same transactions, as the ceiling.
 * Target: ≥ 20,000 events/s with batches of 100 and ≥ 30 % of the raw ceiling.
 *
 * `npm run bench -- b1` (BENCH_EVENTS to change the events per batch size)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestBodySchema } from '@opsquest/contracts';
import { dedupKeyOf, itemKeyOf, type OpsEvent } from '@opsquest/core';
import { createOpsQuestServer, type OpsQuestServer } from '../../apps/server/src/app';
import type { ServerConfig } from '../../apps/server/src/config';
import { createLogger } from '../../apps/server/src/logger';
import type { RawAwardColumns } from '../../apps/server/src/db/award-columns';
import { checkConsistency } from '../../apps/server/src/services/views/consistency.service';
import { finish, fmt, insertOrganisation, isSmoke, table, writeSection } from './bench-kit';
import { makeOrganisation, Workload } from './workload';

export const B1_TARGET_RATE = 20_000;
export const B1_TARGET_SHARE = 0.3;
/** SQL statements per event at batches of 100 (#16's target) */
export const B1_TARGET_STATEMENTS = 4;
/** Monday 23 November 2026, 09:00 UTC */
const B1_START = Date.UTC(2026, 10, 23, 9, 0, 0);

export interface B1Row {
  batch: number;
  events: number;
  ledgerRows: number;
  rate: number;
  rawRate: number;
  /** the consistency checker found the aggregates, XP and a replay of the event log equal to the stored ledger */
  consistent: boolean;
  /** SQL statements executed per event: prepared statements run, plus BEGIN and COMMIT of each batch */
  statementsPerEvent: number;
}

type Db = OpsQuestServer['db'];
type StatementMethod = 'run' | 'get' | 'all' | 'iterate';

/**
 * Counts the prepared statements executed on any connection until `stop()` (better-sqlite3's Statement
 * methods, wrapped for the measured run: one counter increment per call, a cost far below a statement's).
 */
function countStatements(db: Db): { stop(): number } {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<StatementMethod, (...args: unknown[]) => unknown>;
  const methods: StatementMethod[] = ['run', 'get', 'all', 'iterate'];
  const originals = methods.map((m) => proto[m]);
  let count = 0;
  methods.forEach((m, i) => {
    const original = originals[i];
    if (!original) return;
    proto[m] = function counted(this: unknown, ...args: unknown[]): unknown {
      count += 1;
      return original.apply(this, args);
    };
  });
  return {
    stop: () => {
      methods.forEach((m, i) => {
        const original = originals[i];
        if (original) proto[m] = original;
      });
      return count;
    },
  };
}

export interface BenchServer {
  server: OpsQuestServer;
  dir: string;
  close(): Promise<void>;
}

/** The whole server (services, hooks, live hub, outbox) on a temp file, not listening. */
export async function benchServer(config: Partial<ServerConfig> = {}, databasePath?: string): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-bench-'));
  const server = await createOpsQuestServer(
    {
      port: 0,
      host: '127.0.0.1',
      databasePath: databasePath ?? join(dir, 'opsquest.db'),
      demo: false,
      timeZone: 'UTC',
      simulatorIntervalMs: 1000,
      secureCookies: false,
      logLevel: 'silent',
      slaTimerMs: 1000,
      liveTickMs: 150,
      // the benchmarks play history from a fixed start: it pays as live work would
      payHorizonMs: 100 * 365 * 24 * 3_600_000,
      ...config,
    },
    { logger: createLogger('silent') },
  );
  return {
    server,
    dir,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The real path: validate each request body with the API's zod schema, then ingest. */
async function ingestAll(server: OpsQuestServer, events: readonly OpsEvent[], size: number): Promise<number> {
  const started = performance.now();
  for (const batch of batches(events, size)) {
    const body = ingestBodySchema.parse(size === 1 ? batch[0] : batch);
    const list = Array.isArray(body) ? body : [body];
    await server.services.ingest.ingest(list.map((event) => ({ event, via: 'api' })));
  }
  return performance.now() - started;
}

/** A stored ledger row as `SELECT *` gives it. */
interface LedgerCopy extends RawAwardColumns {
  day: string;
  week: string;
  month: string;
  reversal_of: string | null;
}

/** The ceiling: the same event and ledger rows, plain INSERTs, same batch transactions, no logic. */
function rawInsert(server: OpsQuestServer, events: readonly OpsEvent[], ledger: readonly LedgerCopy[], size: number): number {
  const db = server.db;
  const insertEvent = db.prepare(
    `INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, NULL)`,
  );
  const insertLedger = db.prepare(
    `INSERT INTO ledger (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, day, week, month, reversal_of)
     VALUES (@entry_id, @person_id, @team_id, @points, @rule_id, @rule_version, @event_key, @item_key, @reason, @at, @day, @week, @month, @reversal_of)`,
  );
  const byEvent = new Map<string, LedgerCopy[]>();
  for (const l of ledger) {
    const list = byEvent.get(l.event_key) ?? [];
    list.push(l);
    byEvent.set(l.event_key, list);
  }
  const write = db.transaction((batch: readonly OpsEvent[]) => {
    const now = Date.now();
    for (const e of batch) {
      const key = dedupKeyOf(e);
      insertEvent.run(key, itemKeyOf(e), e.stream, e.source, e.externalKey, e.transition, Date.parse(e.occurredAt), now, e.actor ?? null, 'api', JSON.stringify(e));
      for (const l of byEvent.get(key) ?? []) insertLedger.run(l);
    }
  });
  const started = performance.now();
  for (const batch of batches(events, size)) write(batch);
  return performance.now() - started;
}

export async function runB1(eventsPerSize: number, sizes: readonly number[] = [1, 10, 100, 1000], people = 1000): Promise<B1Row[]> {
  const org = makeOrganisation(people);
  const rows: B1Row[] = [];
  for (const size of sizes) {
    // A fixed start: the same events and the same ledger on every run (burst gates count per clock hour).
    const workload = new Workload({ org, start: B1_START, stepMs: 5 });
    // Warm-up events first (JIT, caches, statement preparation), then the measured ones.
    const warm = workload.take(Math.min(2000, eventsPerSize));
    const events = workload.take(eventsPerSize);
    const real = await benchServer();
    await insertOrganisation(real.server.repos, org);
    await ingestAll(real.server, warm, Math.max(size, 100));
    const ledgerBefore = Number(real.server.db.prepare('SELECT count(*) FROM ledger').pluck().get());
    const counter = countStatements(real.server.db);
    const ms = await ingestAll(real.server, events, size);
    const statements = counter.stop() + 2 * Math.ceil(events.length / size);
    const ledger = real.server.db.prepare('SELECT * FROM ledger ORDER BY seq').all() as LedgerCopy[];
    const consistent = (await checkConsistency(real.server.repos, real.server.services.engine)).ok;
    await real.close();

    const raw = await benchServer();
    const rawMs = rawInsert(raw.server, events, ledger, size);
    await raw.close();
    rows.push({ batch: size, events: events.length, ledgerRows: ledger.length - ledgerBefore, rate: (events.length / ms) * 1000, rawRate: (events.length / rawMs) * 1000, consistent, statementsPerEvent: statements / events.length });
  }
  return rows;
}

export function b1Report(rows: readonly B1Row[]): { body: string; met: boolean } {
  const at100 = rows.find((r) => r.batch === 100);
  const met = at100 !== undefined && at100.rate >= B1_TARGET_RATE && at100.rate / at100.rawRate >= B1_TARGET_SHARE && rows.every((r) => r.consistent);
  const body = [
    table(
      ['batch size', 'events', 'ledger rows', 'OpsQuest events/s', 'raw INSERT events/s (ceiling)', 'share of ceiling', 'SQL statements per event'],
      rows.map((r) => [fmt(r.batch), fmt(r.events), fmt(r.ledgerRows), fmt(r.rate), fmt(r.rawRate), `${fmt((r.rate / r.rawRate) * 100)} %`, fmt(r.statementsPerEvent, 1)]),
    ),
    '',
    `Target: ≥ ${fmt(B1_TARGET_RATE)} events/s with batches of 100 and ≥ ${B1_TARGET_SHARE * 100} % of the ceiling: **${met ? 'met' : 'not met'}**` +
      (at100 ? ` (${fmt(at100.rate)} events/s, ${fmt((at100.rate / at100.rawRate) * 100)} %).` : '.'),
    `SQL statements per event with batches of 100: ≤ ${B1_TARGET_STATEMENTS} is the target of the one-way ingest (#16): **${at100 && at100.statementsPerEvent <= B1_TARGET_STATEMENTS ? 'met' : 'not met'}**` +
      (at100 ? ` (${fmt(at100.statementsPerEvent, 1)}: prepared statements run on any connection during the measured ingest, plus BEGIN and COMMIT per batch).` : '.'),
    '',
    'The real path validates each request body with the API schema and runs the engine, the event log, the work item, the ledger,',
    'the day/week/month/all-time aggregates for person and team, badges, streaks, missions and the webhook outbox, one transaction',
    'per batch. The ceiling inserts only the same event and ledger rows with prepared statements in the same transactions.',
    `After each run the consistency checker recomputed aggregates and XP from the ledger and replayed the event log: ${rows.every((r) => r.consistent) ? 'no differences' : '**differences found**'}.`,
  ].join('\n');
  return { body, met };
}

export async function main(): Promise<boolean> {
  const n = Number(process.env.BENCH_EVENTS ?? (isSmoke() ? 300 : 20_000));
  const rows = await runB1(n, [1, 10, 100, 1000], isSmoke() ? 100 : 1000);
  const { body, met } = b1Report(rows);
  writeSection('b1', 'B1 ingest, in process', body);
  return met;
}

if (process.argv[1]?.endsWith('b1-ingest.ts')) finish(main);
