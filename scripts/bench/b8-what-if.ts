/**
 * B8 what-if preview: a lead previews a draft rule set (one rule's points changed) over the last 30
 * days of a 1,000-person organisation, at least 1.5M events, as `POST /api/rules/preview` does: the
 * rules service reads the window's events from the SQLite log and replays them under the rules in
 * force and under the draft (the draft's in a worker thread when the log is long enough; see
 * what-if-threads.ts). Target: within 10 s; its memory peak (the process's peak RSS) is reported.
 *
 * The log is filled with plain INSERTs of the generated events (what the preview reads is the event
 * log and the people, not what ingest derived), so the bench spends its time on the preview.
 *
 *   npm run bench -- b8           (BENCH_EVENTS to change the count; BENCH_SIZE=smoke: 20,000, nothing written;
 *                                  B8_WORKER=0 to replay both on the request thread)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dedupKeyOf, itemKeyOf } from '@opsquest/core';
import { createOpsQuestServer } from '../../apps/server/src/app';
import { createLogger } from '../../apps/server/src/logger';
import { whatIfThreads } from '../../apps/server/src/services/use-cases/what-if-threads';
import { finish, fmt, insertOrganisation, isSmoke, table, writeSection } from './bench-kit';
import { makeOrganisation, Workload } from './workload';

export const B8_TARGET_MS = 10_000;
const DAY_MS = 24 * 3_600_000;
/** Friday 4 December 2026, 18:00 UTC: the moment the lead asks for the preview */
const B8_NOW = Date.UTC(2026, 11, 4, 18, 0, 0);

export interface B8Result {
  events: number;
  people: number;
  /** time to fill the log (not part of the target) */
  fillMs: number;
  previewMs: number;
  /** peak resident memory of the process during the preview, and before it */
  peakRssMb: number;
  rssBeforeMb: number;
  replayed: number;
  changedPeople: number;
  /** where the draft was replayed, and how long each thread's replay took (worker: from its start, loading included) */
  threads: { draftOn: 'worker' | 'request thread'; requestThreadMs: number; workerMs: number };
}

export async function runB8(count: number, peopleCount = 1_000): Promise<B8Result> {
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-b8-'));
  const server = await createOpsQuestServer(
    {
      port: 0,
      host: '127.0.0.1',
      databasePath: join(dir, 'opsquest.db'),
      demo: false,
      timeZone: 'UTC',
      simulatorIntervalMs: 1000,
      secureCookies: false,
      logLevel: 'silent',
      slaTimerMs: 60_000,
      liveTickMs: 150,
    },
    { logger: createLogger('silent'), now: () => B8_NOW },
  );
  try {
    const org = makeOrganisation(peopleCount);
    await insertOrganisation(server.repos, org, B8_NOW - 31 * DAY_MS);
    // 30 days of work, evenly spread, ending now.
    const workload = new Workload({ org, start: B8_NOW - 30 * DAY_MS, stepMs: (30 * DAY_MS) / count });
    const insert = server.db.prepare(
      `INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'api', ?, NULL, 1, NULL)`,
    );
    const fillStarted = performance.now();
    const fill = server.db.transaction((n: number) => {
      for (const e of workload.take(n)) {
        const at = Date.parse(e.occurredAt);
        insert.run(dedupKeyOf(e), itemKeyOf(e), e.stream, e.source, e.externalKey, e.transition, at, at, e.actor ?? null, JSON.stringify(e));
      }
    });
    for (let done = 0; done < count; done += 50_000) fill(Math.min(50_000, count - done));
    const fillMs = performance.now() - fillStarted;

    globalThis.gc?.();
    const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
    const clear = server.services.rulebook.config.rules.find((r) => r.id === 'alarm.clear');
    if (!clear) throw new Error('no alarm.clear rule in force');
    const draft = { rules: [{ id: clear.id, basePoints: clear.basePoints + 2, multipliers: [...clear.multipliers] }] };
    const { stats } = whatIfThreads;
    const workersBefore = stats.worker;
    const started = performance.now();
    const preview = await server.services.rules.preview(draft);
    const previewMs = performance.now() - started;
    const onWorker = stats.worker > workersBefore;
    // the kernel's high-water mark of this process: the preview's peak (filling the log came first and is smaller)
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    return {
      events: count,
      people: peopleCount,
      fillMs,
      previewMs,
      peakRssMb,
      rssBeforeMb,
      replayed: preview.events,
      changedPeople: preview.people.filter((p) => p.difference !== 0).length,
      threads: { draftOn: onWorker ? 'worker' : 'request thread', requestThreadMs: onWorker ? stats.lastOwnMs : previewMs, workerMs: onWorker ? stats.lastWorkerMs : 0 },
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function b8Report(r: B8Result): { body: string; met: boolean } {
  const met = r.previewMs <= B8_TARGET_MS && r.replayed === r.events;
  const body = [
    table(
      ['events in the 30 days', 'people', 'preview time', 'events/s (each replayed twice)', 'peak RSS', 'RSS before', 'people whose points change'],
      [[fmt(r.events), fmt(r.people), `${fmt(r.previewMs / 1000, 1)} s`, fmt((r.events / r.previewMs) * 1000), `${fmt(r.peakRssMb)} MB`, `${fmt(r.rssBeforeMb)} MB`, fmt(r.changedPeople)]],
    ),
    '',
    `Target: the preview within ${fmt(B8_TARGET_MS / 1000)} s: **${met ? 'met' : 'not met'}** (${fmt(r.previewMs / 1000, 1)} s; ${fmt(r.replayed)} of ${fmt(r.events)} events replayed).`,
    '',
    'The draft changes the points of one rule (`alarm.clear`). The preview selects the window from the SQLite event log with SQL',
    '(only its payloads parsed, a page at a time) and replays it through the core twice, under the rules in force and under the',
    'draft, each replay keeping only its sums per person, team and rule, not its ledger.',
    r.threads.draftOn === 'worker'
      ? `The draft was replayed in a worker thread (its own connection, ${fmt(r.threads.workerMs / 1000, 1)} s from its start) while the request thread replayed the rules in force (${fmt(r.threads.requestThreadMs / 1000, 1)} s).`
      : 'Both were replayed on the request thread, one after the other.',
    `Filling the log with ${fmt(r.events)} plain INSERTs took ${fmt(r.fillMs / 1000, 1)} s (not part of the target).`,
  ].join('\n');
  return { body, met };
}

export async function main(): Promise<boolean> {
  const n = Number(process.env.BENCH_EVENTS ?? (isSmoke() ? 20_000 : 1_500_000));
  if (process.env.B8_WORKER === '0') whatIfThreads.minEventsForWorker = Number.POSITIVE_INFINITY;
  const result = await runB8(n, isSmoke() ? 100 : 1_000);
  const { body, met } = b8Report(result);
  writeSection('b8', 'B8 what-if preview over 30 days', body);
  return met;
}

if (process.argv[1]?.endsWith('b8-what-if.ts')) finish(main);
