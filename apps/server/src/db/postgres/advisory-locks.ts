import type { ClusterJob } from '../../services/ports/cluster-jobs';

/**
 * The advisory lock keys OpsQuest takes on PostgreSQL, in one place so that no two uses collide.
 * (Row keys of the ingest path are hashed into the same 64-bit space with a kind prefix; these are
 * small constants, far from where a hash lands by chance.)
 */
export const ADVISORY = {
  /** schema migrations: one node at a time */
  migrations: 0x6f707371,
  /** rule sets: a publish takes it exclusively, every ingest batch shared */
  ruleSets: 0x6f707372,
} as const;

/** Once-per-cluster background jobs: the key of each job's lock. */
export const JOB_LOCKS: Record<ClusterJob, number> = {
  'sla-timer': 0x6f707380,
  retention: 0x6f707381,
  'session-purge': 0x6f707382,
};
