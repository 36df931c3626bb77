import type { LiveBatch } from './live.types';

/**
 * Everything that runs around a committed batch, in one place and in a declared order. Stages attach
 * by name from wherever they are built (missions and the rank cache with the services, the outbox,
 * live hub and delivery worker with the app); the order they run in is the order written here, never
 * the order they happened to be attached in.
 *
 * Inside the batch's transaction (what they write commits or rolls back with the events):
 *   1. missions  mission progress and rewards (their points are in the same batch)
 *   2. outbox    award webhook deliveries queued (so mission rewards are in them too)
 * After the commit (only what is committed is ever pushed):
 *   1. ranks     the in-memory rank indexes take the batch's board changes
 *   2. cluster   the other nodes of a cluster are told which boards changed (they drop them)
 *   3. live      the live hub fans the batch out to browsers, who read the boards just updated
 *   4. webhooks  the delivery worker is woken when the batch queued deliveries
 */
export const IN_TRANSACTION_STAGES = ['missions', 'outbox'] as const;
export const AFTER_COMMIT_STAGES = ['ranks', 'cluster', 'live', 'webhooks'] as const;

export type InTransactionStage = (typeof IN_TRANSACTION_STAGES)[number];
export type AfterCommitStage = (typeof AFTER_COMMIT_STAGES)[number];

/**
 * Runs inside the batch's transaction, with the time the batch was received. A stage that calls the
 * store returns a promise: the next stage (and the commit) waits for it.
 */
export type InTransactionStep = ((batch: LiveBatch, now: number) => void) | ((batch: LiveBatch, now: number) => Promise<void>);
/** Runs after the commit; a stage that returns a promise is waited for before the next one runs. */
export type AfterCommitStep = ((batch: LiveBatch) => void) | ((batch: LiveBatch) => Promise<void>);

export class CommitPipeline {
  private readonly inTransaction = new Map<InTransactionStage, InTransactionStep>();
  private readonly afterCommit = new Map<AfterCommitStage, AfterCommitStep>();
  private readonly observers: AfterCommitStep[] = [];

  /** Attaches a stage that runs inside the transaction; a stage is attached once. */
  during(stage: InTransactionStage, step: InTransactionStep): void {
    if (this.inTransaction.has(stage)) throw new Error(`commit pipeline: ${stage} is already attached`);
    this.inTransaction.set(stage, step);
  }

  /** Attaches a stage that runs after the commit; a stage is attached once. */
  after(stage: AfterCommitStage, step: AfterCommitStep): void {
    if (this.afterCommit.has(stage)) throw new Error(`commit pipeline: ${stage} is already attached`);
    this.afterCommit.set(stage, step);
  }

  /** Watches committed batches after every stage has run (benchmarks and tests measure with it; it changes nothing). */
  observe(step: AfterCommitStep): void {
    this.observers.push(step);
  }

  /** One stage after the other, in the declared order (inside a unit of work: never two at once). */
  async runInTransaction(batch: LiveBatch, now: number): Promise<void> {
    for (const stage of IN_TRANSACTION_STAGES) await this.inTransaction.get(stage)?.(batch, now);
  }

  async runAfterCommit(batch: LiveBatch): Promise<void> {
    for (const stage of AFTER_COMMIT_STAGES) await this.afterCommit.get(stage)?.(batch);
    for (const observer of this.observers) await observer(batch);
  }

  /** The stages attached, in the order they run (for the architecture doc and its test). */
  attached(): { inTransaction: InTransactionStage[]; afterCommit: AfterCommitStage[] } {
    return {
      inTransaction: IN_TRANSACTION_STAGES.filter((s) => this.inTransaction.has(s)),
      afterCommit: AFTER_COMMIT_STAGES.filter((s) => this.afterCommit.has(s)),
    };
  }
}
