import type { Repositories } from '../ports/repositories';
import { RETENTION_START } from '../ports/retention-store';
import type { ClusterJobs } from '../ports/cluster-jobs';

/**
 * Retention of raw payloads: `events.raw` (the body as the sender sent it) is set to NULL for
 * events received before a cutoff. Nothing else is touched:
 * - `events.payload`, the normalised event, stays: replay, the consistency check and what-if
 *   previews need it;
 * - the ledger, the leaderboard aggregates, progress and the audit log are never written;
 * - events of work items that are still OPEN keep their raw payload: the TMF642 view of a live alarm
 *   reads its TMF-only attributes (alarmType, ackSystemId, ...) from it. They are pruned by a later
 *   run once the item has closed. (A closed alarm older than the cutoff loses those descriptive
 *   attributes in the TMF642 view; its state, times and people come from the work item and stay.)
 * - outbound `deliveries.payload` is NOT pruned: it is what OpsQuest sent, not what a sender sent
 *   (so not the "raw payload" of the retention rule), the column is NOT NULL, and it is the only record
 *   of a webhook delivery. Deleting old delivered / failed delivery rows would be a separate policy.
 *
 * Work is done in bounded batches, one short transaction each, and prune() yields to the event loop
 * between batches, so a server running it (or a server writing while the CLI runs it) is never
 * blocked for long. A keyset cursor on (received_at, seq) walks the partial index from migration
 * 010 once, so rows it skips (open items) are not scanned again by every batch.
 */

export interface PruneResult {
  /** the cutoff used: events received strictly before it were considered */
  cutoff: number;
  /** events whose raw payload was set to NULL */
  rawCleared: number;
  /** older events whose raw payload was kept because their work item is still open */
  rawKeptOpen: number;
  /** transactions used */
  batches: number;
  durationMs: number;
}

/** rows per transaction from the CLI (its own process: the server only waits for the write lock) */
export const DEFAULT_PRUNE_BATCH = 5000;
/**
 * rows per transaction inside the server, where a batch runs on the request thread: measured about
 * 20 ms per 1,000 rows of 800-byte raw payloads (5,000 rows: about 100 ms, too long a pause).
 */
export const SERVER_PRUNE_BATCH = 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

export class RetentionService {
  constructor(private readonly repos: Pick<Repositories, 'retention' | 'uow'>) {}

  /** What prune(cutoff) would do, without changing anything (for --dry-run). */
  async preview(cutoffMs: number): Promise<{ wouldClear: number; keptOpen: number }> {
    const [wouldClear, keptOpen] = await Promise.all([this.repos.retention.countPrunable(cutoffMs), this.repos.retention.countKeptOpen(cutoffMs)]);
    return { wouldClear, keptOpen };
  }

  /**
   * Sets `raw` to NULL for events received before `cutoffMs` (work items still open excepted), at
   * most `batchSize` rows per transaction. `shouldStop` is checked before every batch (server
   * shutdown); the counts then cover the batches done. `pauseMs` between batches leaves the write
   * lock free for a while when another process (the server) writes to the same file.
   */
  async prune(cutoffMs: number, batchSize = DEFAULT_PRUNE_BATCH, shouldStop: () => boolean = () => false, pauseMs = 0): Promise<PruneResult> {
    if (!Number.isFinite(cutoffMs)) throw new RangeError('cutoff must be a finite time in ms');
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batch size must be a positive integer');
    const started = performance.now();
    let cursor = RETENTION_START;
    let rawCleared = 0;
    let batches = 0;
    // one unit of work per batch (BEGIN IMMEDIATE: the write lock is taken up front)
    const batch = (): Promise<number> =>
      this.repos.uow.run(async (): Promise<number> => {
        const rows = await this.repos.retention.prunableAfter(cutoffMs, cursor, batchSize);
        for (const row of rows) {
          const cleared = await this.repos.retention.clearRaw(row.seq);
          rawCleared += cleared;
        }
        const last = rows.at(-1);
        if (last) cursor = last;
        return rows.length;
      });
    while (!shouldStop()) {
      const n = await batch();
      if (n > 0) batches += 1;
      if (n < batchSize) break;
      // Let requests (in the server) or other writers (when run from the CLI) in between batches.
      await new Promise<void>((resolve) => (pauseMs > 0 ? setTimeout(resolve, pauseMs) : setImmediate(resolve)));
    }
    const rawKeptOpen = shouldStop() ? 0 : await this.repos.retention.countKeptOpen(cutoffMs);
    return { cutoff: cutoffMs, rawCleared, rawKeptOpen, batches, durationMs: Math.round(performance.now() - started) };
  }
}

export interface RetentionTimerOptions {
  /** raw payloads older than this are pruned */
  retentionMs: number;
  /** how often to prune (default: daily) */
  periodMs?: number;
  /** delay of the first run after start (default 1 minute: not during start-up) */
  firstRunMs?: number;
  /** rows per transaction (default SERVER_PRUNE_BATCH) */
  batchSize?: number;
  now?: () => number;
  onResult?: (result: PruneResult) => void;
  onError?: (err: unknown) => void;
  /** one node of a cluster prunes at a time (default: always run) */
  jobs?: ClusterJobs;
}

/** Runs RetentionService.prune() in the server: shortly after start, then every period. */
export class RetentionTimer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly service: RetentionService,
    private readonly options: RetentionTimerOptions,
  ) {}

  start(): void {
    if (this.timer || this.stopped) return;
    const schedule = (delay: number): void => {
      this.timer = setTimeout(() => {
        this.running = this.runOnce().finally(() => {
          this.running = undefined;
          if (!this.stopped) schedule(this.options.periodMs ?? DAY_MS);
        });
      }, delay);
      this.timer.unref();
    };
    schedule(this.options.firstRunMs ?? 60_000);
  }

  /** Stops the timer and waits for a prune in progress to finish its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async runOnce(): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    try {
      const prune = () => this.service.prune(now - this.options.retentionMs, this.options.batchSize ?? SERVER_PRUNE_BATCH, () => this.stopped);
      const result = this.options.jobs ? await this.options.jobs.exclusively('retention', prune) : await prune();
      if (result) this.options.onResult?.(result);
    } catch (err) {
      this.options.onError?.(err);
    }
  }
}
