/** The background jobs that must not run on two nodes at once. */
export type ClusterJob = 'sla-timer' | 'retention' | 'session-purge';

/**
 * Background jobs run once across a cluster: every node keeps its timers, and a pass runs only where
 * no other node is running the same job at that moment (PostgreSQL: a transaction-level advisory
 * lock, tried, never waited for; released by the commit, or by the connection closing when a node
 * dies). The jobs are idempotent besides (SLA events are keyed by their due time; pruning a pruned
 * payload is a no-op), so a pass that starts just after another finished only finds nothing to do.
 * SQLite has one node: a pass always runs.
 */
export interface ClusterJobs {
  /** Runs `work` unless another node is running `job` right now; undefined when skipped. */
  exclusively<T>(job: ClusterJob, work: () => Promise<T>): Promise<T | undefined>;
}
