import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Db } from './database';

/**
 * WAL checkpoints off the request thread. With `synchronous = NORMAL` a commit only appends to the
 * WAL; the expensive part is the checkpoint, which copies pages back into the database file and
 * fsyncs both. SQLite's automatic checkpoint runs it inside whichever commit crosses the threshold,
 * so an ingest request now and then waits for two fsyncs. Here the server's connection has
 * automatic checkpoints off and a worker thread with its own connection runs a PASSIVE checkpoint
 * every `periodMs` (it never blocks readers or the writer). Once a checkpoint has caught up, the
 * next write starts the WAL from the beginning again, and `journal_size_limit` truncates the file.
 * Under steady writes a passive checkpoint never quite catches up (commits keep appending while it
 * copies), so the WAL would grow without end: when more than `restartBytes` of frames remain after
 * it, the worker runs a TRUNCATE checkpoint, which holds new writers for the few frames left (a stall
 * of milliseconds, a few times a minute at most), empties the WAL file and lets writes start it over.
 *
 * If the worker cannot start or dies, automatic checkpoints are switched back on.
 */
export class Checkpointer {
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private stopped = false;
  /** checkpoints completed, and the WAL frames the last one found (for tests and diagnostics) */
  readonly stats = { checkpoints: 0, restarts: 0, lastLogFrames: 0, lastCheckpointed: 0, fallbacks: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: { periodMs: number; walLimitBytes: number; restartBytes?: number; onError?: (err: unknown) => void } = { periodMs: 1000, walLimitBytes: 64 * 2 ** 20 },
  ) {}

  start(): void {
    if (this.db.memory || this.worker) return;
    this.db.pragma(`journal_size_limit = ${this.options.walLimitBytes}`);
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    try {
      const restartBytes = this.options.restartBytes ?? Math.floor(this.options.walLimitBytes / 4);
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path: this.db.name, driver, restartBytes } });
    } catch (err) {
      this.fallBack(err);
      return;
    }
    this.worker.unref();
    this.worker.on('message', (m: { busy: number; log: number; checkpointed: number; restarted: boolean } | { error: string }) => {
      this.busy = false;
      if ('error' in m) {
        this.options.onError?.(new Error(m.error));
        return;
      }
      this.stats.checkpoints += 1;
      if (m.restarted) this.stats.restarts += 1;
      this.stats.lastLogFrames = m.log;
      this.stats.lastCheckpointed = m.checkpointed;
    });
    this.worker.on('error', (err) => this.fallBack(err));
    this.worker.on('exit', () => {
      if (!this.stopped) this.fallBack(new Error('checkpoint worker exited'));
    });
    this.db.pragma('wal_autocheckpoint = 0');
    this.timer = setInterval(() => this.request(), this.options.periodMs);
    this.timer.unref();
  }

  /** Asks for a checkpoint now (skipped while one is running or when the WAL is empty). */
  request(): void {
    if (!this.worker || this.busy || this.stopped) return;
    if (walBytes(this.db.name) === 0) return;
    this.busy = true;
    this.worker.postMessage('checkpoint');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private fallBack(err: unknown): void {
    this.stats.fallbacks += 1;
    this.options.onError?.(err);
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.worker = undefined;
    this.busy = false;
    // Never leave the WAL unbounded: SQLite checkpoints inside commits again.
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }
}

/** The size of the database's WAL file in bytes (0 when there is none). */
export function walBytes(dbPath: string): number {
  try {
    return statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * The worker: its own connection to the same file, a PASSIVE checkpoint per request, and a TRUNCATE
 * one when the WAL still holds more than restartBytes of frames after it.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const restartFrames = Math.max(1, Math.floor(workerData.restartBytes / db.pragma('page_size', { simple: true })));
parentPort.on('message', () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    let restarted = false;
    if (r.log > restartFrames) {
      const [again] = db.pragma('wal_checkpoint(TRUNCATE)');
      restarted = again.busy === 0;
    }
    parentPort.postMessage({ busy: r.busy, log: r.log, checkpointed: r.checkpointed, restarted });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message ? err.message : err) });
  }
});
`;
