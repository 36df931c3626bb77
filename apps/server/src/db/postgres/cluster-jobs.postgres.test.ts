import pg from 'pg';
import { expect, it } from 'vitest';
import { waitFor } from '../../../test-support/http';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import type { ThrowawayPostgres } from '../../../test-support/postgres/throwaway-postgres';
import { JOB_LOCKS } from './advisory-locks';
import { PgClusterJobs } from './cluster-jobs.postgres';
import { createPgPool } from './pool.postgres';

/** Background jobs on two nodes (two pools on one database): a pass runs on one node at a time. */
describeWithPostgres('PostgreSQL cluster jobs', (server: () => ThrowawayPostgres) => {
  it('skips a pass while another node runs the same job, runs it once that one is done, and never blocks another job', async () => {
    const url = await server().createDatabase();
    const poolA = createPgPool(url, 3);
    const poolB = createPgPool(url, 3);
    try {
      const a = new PgClusterJobs(poolA);
      const b = new PgClusterJobs(poolB);
      let release = (): void => undefined;
      const held = new Promise<void>((r) => (release = r));
      let started = (): void => undefined;
      const running = new Promise<void>((r) => (started = r));
      const onA = a.exclusively('sla-timer', async () => {
        started();
        await held;
        return 'a';
      });
      await running;
      expect(await b.exclusively('sla-timer', async () => 'b')).toBeUndefined();
      expect(await b.exclusively('retention', async () => 'b retention')).toBe('b retention');
      release();
      expect(await onA).toBe('a');
      expect(await b.exclusively('sla-timer', async () => 'b')).toBe('b');
    } finally {
      await Promise.all([poolA.end(), poolB.end()]);
    }
  });

  it('a node that dies mid-pass (its connection gone) leaves the job to the others', async () => {
    const url = await server().createDatabase();
    const pool = createPgPool(url, 2);
    // node A, by hand: the job's lock taken in an open transaction, as PgClusterJobs holds it during a pass
    const nodeA = new pg.Client({ connectionString: url });
    nodeA.on('error', () => undefined);
    await nodeA.connect();
    try {
      const pid = (await nodeA.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      await nodeA.query('BEGIN');
      await nodeA.query('SELECT pg_try_advisory_xact_lock($1)', [JOB_LOCKS.retention]);
      const b = new PgClusterJobs(pool);
      expect(await b.exclusively('retention', async () => 'b')).toBeUndefined();
      // node A's process is killed: its connection is cut, its transaction and lock go with it
      await pool.query('SELECT pg_terminate_backend($1)', [pid]);
      await waitFor(async () => b.exclusively('retention', async () => 'b'), 'the job run by node B', 5000, 50);
    } finally {
      await nodeA.end().catch(() => undefined);
      await pool.end();
    }
  });
});
