import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { compareWhatIf, WhatIfReplay, type EngineConfig, type OpsEvent, type PersonRef, type WhatIfResult, type WhatIfSums } from '@opsquest/core';
import type { EventsStore } from '../ports/events-store';

/** What a what-if worker replays: the same window of the same log the request thread replays. */
export interface WhatIfWorkerInput {
  dbPath: string;
  from: number;
  throughSeq: number;
  people: PersonRef[];
  config: EngineConfig;
}

export interface WhatIfWindow {
  events: EventsStore;
  /** events whose own time is at or after this (epoch ms) */
  from: number;
  people: PersonRef[];
  current: EngineConfig;
  draft: EngineConfig;
}

/**
 * Tuning and counters. A log shorter than `minEventsForWorker` is replayed on the request thread
 * (a worker's start, some hundreds of ms, is not worth it); `workerWaitMs` bounds the wait for the
 * worker once the request thread has finished its half (at least this, or twice that half's time).
 */
export const whatIfThreads = {
  minEventsForWorker: 50_000,
  workerWaitMs: 60_000,
  /** the module the worker runs (`replayWindowSums`, beside SQLite's adapters: it opens the file itself), in the same language as this one */
  workerModule: new URL(`../../db/sqlite/what-if-worker.sqlite${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href,
  stats: { inThread: 0, worker: 0, fallbacks: 0, lastError: '', lastOwnMs: 0, lastWaitMs: 0, lastWorkerMs: 0 },
};

/**
 * The what-if preview over a window of the event log: the replay under the rules in force and the
 * replay under the draft are independent, so on a file database the draft's runs in a worker
 * thread (its own read-only connection to the same file) while the request thread runs the other;
 * each keeps only its sums. Both read the log up to the same sequence number: the same events.
 *
 * The request thread reads its pages through the events port (awaited, so other requests run
 * between pages), then blocks on the worker's answer (Atomics.wait) if it is not in yet. On
 * PostgreSQL there is no file to share: both replays run here, fed the same pages.
 * If the worker cannot start, fails, or does not answer in time, the draft is replayed here:
 * the result is the same, only slower.
 */
export async function previewWindow(w: WhatIfWindow): Promise<WhatIfResult> {
  const throughSeq = await w.events.lastSeq();
  const dbPath = throughSeq >= whatIfThreads.minEventsForWorker ? await w.events.sharedPath() : undefined;
  const worker = dbPath !== undefined ? startWorker({ dbPath, from: w.from, throughSeq, people: w.people, config: w.draft }) : undefined;
  if (!worker) {
    whatIfThreads.stats.inThread += 1;
    // Read once, both replays fed each page; each keeps only its sums.
    const before = new WhatIfReplay(w.people, w.current);
    const after = new WhatIfReplay(w.people, w.draft);
    for await (const page of w.events.pagesSince(w.from, throughSeq)) {
      before.add(page);
      after.add(page);
    }
    return compareWhatIf(w.people, before.sums, after.sums);
  }
  const started = performance.now();
  let before: WhatIfSums;
  try {
    before = await replaySums(w.events.pagesSince(w.from, throughSeq), w.people, w.current);
  } catch (err) {
    worker.stop();
    throw err;
  }
  const ownMs = performance.now() - started;
  const answer = worker.wait(Math.max(whatIfThreads.workerWaitMs, 2 * ownMs));
  whatIfThreads.stats.lastOwnMs = Math.round(ownMs);
  whatIfThreads.stats.lastWaitMs = Math.round(performance.now() - started - ownMs);
  let after: WhatIfSums;
  if ('sums' in answer && answer.sums.events === before.events) {
    whatIfThreads.stats.worker += 1;
    whatIfThreads.stats.lastWorkerMs = Math.round(answer.ms);
    after = answer.sums;
  } else {
    whatIfThreads.stats.fallbacks += 1;
    whatIfThreads.stats.lastError = 'error' in answer ? answer.error : 'the worker replayed a different number of events';
    after = await replaySums(w.events.pagesSince(w.from, throughSeq), w.people, w.draft);
  }
  return compareWhatIf(w.people, before, after);
}

/** A replay's sums over a log read a page at a time. */
async function replaySums(pages: AsyncIterable<OpsEvent[]>, people: readonly PersonRef[], config: EngineConfig): Promise<WhatIfSums> {
  const replay = new WhatIfReplay(people, config);
  for await (const page of pages) replay.add(page);
  return replay.sums;
}

/** the worker's sums and how long it took from its start (loading included) */
type Answer = { sums: WhatIfSums; ms: number } | { error: string };

interface RunningWorker {
  /** blocks until the worker answers, fails, or `timeoutMs` pass; the worker is stopped afterwards */
  wait(timeoutMs: number): Answer;
  stop(): void;
}

/**
 * The file URL of tsx's ESM API (`tsx/esm/api`, import condition), resolved from here: the worker
 * loads the TypeScript module through it. `npm start` runs the server with tsx, but tsx's loader
 * does not reach an eval'd worker, and under vitest there is none; undefined when tsx is absent.
 */
function tsxApi(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, { import?: { default?: string } }> };
    const entry = pkg.exports?.['./esm/api']?.import?.default;
    return entry ? pathToFileURL(resolve(dirname(manifest), entry)).href : undefined;
  } catch {
    return undefined;
  }
}

const PENDING = 0;
const DONE = 1;

function startWorker(input: WhatIfWorkerInput): RunningWorker | undefined {
  const state = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { input, moduleUrl: whatIfThreads.workerModule, tsxApi: tsxApi(), state, port: port2 },
      transferList: [port2],
    });
  } catch (err) {
    port1.close();
    whatIfThreads.stats.fallbacks += 1;
    whatIfThreads.stats.lastError = String(err);
    return undefined;
  }
  worker.unref();
  // Errors are reported through `state` and the port; an 'error' event must not go unheard.
  worker.on('error', () => undefined);
  const stop = (): void => {
    port1.close();
    void worker.terminate().catch(() => undefined);
  };
  return {
    stop,
    wait(timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        if (Atomics.load(state, 0) !== PENDING) break;
        const left = deadline - performance.now();
        if (left <= 0) break;
        Atomics.wait(state, 0, PENDING, Math.min(left, 1000));
      }
      const message = receiveMessageOnPort(port1)?.message as Answer | undefined;
      stop();
      return message ?? { error: `no answer from the what-if worker within ${Math.round(timeoutMs)} ms` };
    },
  };
}

/**
 * The worker's entry (plain JavaScript, so it starts whatever runs the server): imports the worker
 * module directly when it is JavaScript, through tsx's API when it is TypeScript; posts the sums (or
 * the error, also an uncaught one) and then flips `state` for the waiting thread.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { input, moduleUrl, tsxApi, state, port } = workerData;
const started = performance.now();
let answered = false;
const done = (message) => {
  if (answered) return;
  answered = true;
  try {
    port.postMessage(message);
  } finally {
    Atomics.store(state, 0, ${DONE});
    Atomics.notify(state, 0);
  }
};
const fail = (err) => done({ error: String((err && err.stack) || err) });
process.on('uncaughtException', fail);
(async () => {
  let mod;
  if (/\\.[cm]?ts$/.test(new URL(moduleUrl).pathname)) {
    if (!tsxApi) throw new Error('no TypeScript loader (tsx) for ' + moduleUrl);
    const { tsImport } = await import(tsxApi);
    mod = await tsImport(moduleUrl, { parentURL: moduleUrl });
  } else {
    mod = await import(moduleUrl);
  }
  const sums = mod.replayWindowSums(input);
  done({ sums, ms: performance.now() - started });
})().catch(fail);
`;
