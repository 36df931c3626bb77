import type { ClusterJob, ClusterJobs } from '../../services/ports/cluster-jobs';
import { JOB_LOCKS } from './advisory-locks';
import type { PgPool } from './pool.postgres';

/**
 * PostgreSQL's ClusterJobs: a pass holds a transaction-level advisory lock on a connection of its
 * own for as long as it runs (`pg_try_advisory_xact_lock`: a node that finds it taken skips its
 * pass). The pass's own statements run on other pooled connections, outside that transaction; the
 * lock goes with the commit, or with the connection if the node dies mid-pass.
 */
export class PgClusterJobs implements ClusterJobs {
  constructor(private readonly pool: PgPool) {}

  async exclusively<T>(job: ClusterJob, work: () => Promise<T>): Promise<T | undefined> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS got', [JOB_LOCKS[job]]);
      if (!rows[0]?.got) return undefined;
      return await work();
    } finally {
      try {
        await client.query('COMMIT');
      } catch {
        broken = true;
      }
      client.release(broken);
    }
  }
}
