import { expect, it } from 'vitest';
import { describeDeliveryStoreContract, type DeliveryFixture } from '../../../test-support/contracts/delivery-store.contract';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import type { ThrowawayPostgres } from '../../../test-support/postgres/throwaway-postgres';
import type { DeliveryRow } from '../../services/ports/delivery-store';
import { PgDeliveryStore } from './deliveries.postgres';
import { PgExecutor } from './executor.postgres';
import { migratePostgres } from './migrate.postgres';
import { createPgPool, type PgPool } from './pool.postgres';
import { PgUnitOfWork } from './unit-of-work.postgres';

const MINUTE = 60_000;

/** The DeliveryStore contract on a real PostgreSQL server: a fresh migrated database per test, two pools on it (two nodes). */
describeWithPostgres('PostgreSQL deliveries', (server: () => ThrowawayPostgres) => {
  const openNodes = async (): Promise<{ a: PgPool; b: PgPool }> => {
    const url = await server().createDatabase();
    const a = createPgPool(url);
    await migratePostgres(a);
    return { a, b: createPgPool(url) };
  };
  const addSubscription = async (pool: PgPool, id: string): Promise<void> => {
    await pool.query(
      "INSERT INTO subscriptions (id, kind, name, callback_url, event_types, query, secret, created_at, created_by) VALUES ($1, 'webhook', $1, 'http://127.0.0.1:1/hook', '[\"points.awarded\"]', NULL, NULL, 0, 'admin')",
      [id],
    );
  };
  const enqueue = async (pool: PgPool, subscriptionId: string, count: number, at: number): Promise<number[]> => {
    const rows = await pool.query<{ id: number }>(
      `INSERT INTO deliveries (subscription_id, event_type, payload, status, next_attempt_at, created_at)
       SELECT $1, 'points.awarded', '{"n":' || n || '}', 'pending', $2, $2 FROM generate_series(0, $3::int - 1) AS n ORDER BY n
       RETURNING id`,
      [subscriptionId, at, count],
    );
    return rows.rows.map((r) => r.id).sort((x, y) => x - y);
  };

  const open = async (): Promise<DeliveryFixture> => {
    const { a, b } = await openNodes();
    return {
      deliveries: new PgDeliveryStore(new PgExecutor(a)),
      otherNode: new PgDeliveryStore(new PgExecutor(b)),
      addSubscription: (id) => addSubscription(a, id),
      enqueue: (subscriptionId, count, at) => enqueue(a, subscriptionId, count, at),
      close: async () => {
        await Promise.all([a.end(), b.end()]);
      },
    };
  };
  describeDeliveryStoreContract('PostgreSQL', open);

  it("passes over the rows another node is claiming right now instead of waiting for that node's transaction", async () => {
    const { a, b } = await openNodes();
    try {
      await addSubscription(a, 's-1');
      const queued = await enqueue(a, 's-1', 5, 1_000);
      const nodeA = new PgExecutor(a);
      const storeA = new PgDeliveryStore(nodeA);
      const storeB = new PgDeliveryStore(new PgExecutor(b));
      let meanwhile: Promise<DeliveryRow[]> | undefined;
      let seen: number[] | 'waited' = 'waited';
      // node A's claim of the two oldest stays uncommitted (its row locks held) while node B claims
      await new PgUnitOfWork(nodeA).run(async () => {
        expect((await storeA.claimDue(1_000, 2, MINUTE, 'node-a')).map((d) => d.id)).toEqual(queued.slice(0, 2));
        const claim = storeB.claimDue(1_000, 10, MINUTE, 'node-b');
        meanwhile = claim;
        seen = await Promise.race([claim.then((rows) => rows.map((d) => d.id)), new Promise<'waited'>((r) => setTimeout(() => r('waited'), 2_000))]);
      });
      await meanwhile;
      expect(seen).toEqual(queued.slice(2));
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
});
