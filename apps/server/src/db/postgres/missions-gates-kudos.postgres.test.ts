import { expect, it } from 'vitest';
import { DAY, describeKudosStoreContract, giveWithinBudget } from '../../../test-support/contracts/kudos-store.contract';
import { describeGatesStoreContract } from '../../../test-support/contracts/gates-store.contract';
import { describeMissionsStoreContract } from '../../../test-support/contracts/missions-store.contract';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { openPostgresStore } from '../../../test-support/postgres/open-postgres-store';
import type { ThrowawayPostgres } from '../../../test-support/postgres/throwaway-postgres';
import { PgExecutor } from './executor.postgres';
import { PgGatesStore } from './gates.postgres';
import { PgKudosStore } from './kudos.postgres';
import { migratePostgres } from './migrate.postgres';
import { PgMissionsStore } from './missions.postgres';
import { createPgPool, type PgPool } from './pool.postgres';
import { PgUnitOfWork } from './unit-of-work.postgres';

const sleep = (ms: number): Promise<'waiting'> => new Promise((resolve) => setTimeout(() => resolve('waiting'), ms));

/** The missions, gates and kudos contracts on a real PostgreSQL server, and what two nodes racing on one database must not break. */
describeWithPostgres('PostgreSQL missions, gates and kudos', (server: () => ThrowawayPostgres) => {
  describeMissionsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgMissionsStore(pg)));
  describeGatesStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgGatesStore(pg)));
  describeKudosStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgKudosStore(pg)));

  /** Two pools on one fresh, migrated database: two nodes. */
  const twoNodes = async (): Promise<{ a: PgPool; b: PgPool }> => {
    const url = await server().createDatabase();
    const a = createPgPool(url);
    await migratePostgres(a);
    await a.query(
      `INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES
         ('p-ann', 'ann', 'Ann', 'engineer', NULL, 'x', 0), ('p-bob', 'bob', 'Bob', 'engineer', NULL, 'x', 0)`,
    );
    return { a, b: createPgPool(url) };
  };

  it("makes a second node's count of the same giver's day wait for the first node's unit, so the budget holds", async () => {
    const { a, b } = await twoNodes();
    try {
      const nodeA = new PgExecutor(a);
      const nodeB = new PgExecutor(b);
      const storeA = new PgKudosStore(nodeA);
      const storeB = new PgKudosStore(nodeB);
      await storeA.add({ id: 'k-1', fromPersonId: 'p-ann', toPersonId: 'p-bob', message: 'one', at: 1, day: DAY });
      await storeA.add({ id: 'k-2', fromPersonId: 'p-ann', toPersonId: 'p-bob', message: 'two', at: 2, day: DAY });
      let onB: Promise<boolean> | undefined;
      await new PgUnitOfWork(nodeA).run(async () => {
        expect(await storeA.countGiven('p-ann', DAY)).toBe(2);
        // node B starts the same give while node A's unit is open: it must wait, not count 2 as well
        const started = giveWithinBudget(new PgUnitOfWork(nodeB), storeB, 'k-b', 3);
        onB = started;
        expect(await Promise.race([started.then(() => 'finished' as const), sleep(500)])).toBe('waiting');
        await storeA.add({ id: 'k-a', fromPersonId: 'p-ann', toPersonId: 'p-bob', message: 'a', at: 3, day: DAY });
      });
      expect(await onB).toBe(false);
      expect((await a.query<{ id: string }>('SELECT id FROM kudos ORDER BY id')).rows.map((r) => r.id)).toEqual(['k-1', 'k-2', 'k-a']);
      // other givers and other days are not held up by the lock
      await new PgUnitOfWork(nodeA).run(async () => {
        expect(await storeA.countGiven('p-ann', DAY)).toBe(3);
        const other = await Promise.race([giveWithinBudget(new PgUnitOfWork(nodeB), storeB, 'k-bob', 3, 'p-bob', 'p-ann'), sleep(2_000)]);
        const nextDay = await Promise.race([giveWithinBudget(new PgUnitOfWork(nodeB), storeB, 'k-next', 3, 'p-ann', 'p-bob', '2026-01-06'), sleep(2_000)]);
        expect([other, nextDay]).toEqual([true, true]);
      });
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('gives exactly the budget when many units on two nodes race for it', async () => {
    const { a, b } = await twoNodes();
    try {
      const nodes = [new PgExecutor(a), new PgExecutor(b)];
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, n) => {
          const node = nodes[n % 2] as PgExecutor;
          return giveWithinBudget(new PgUnitOfWork(node), new PgKudosStore(node), `k-${n}`, 3);
        }),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(3);
      expect(await new PgKudosStore(nodes[0] as PgExecutor).countGiven('p-ann', DAY)).toBe(3);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('lets one of two reviewers on two nodes decide a held award', async () => {
    const { a, b } = await twoNodes();
    try {
      const gatesA = new PgGatesStore(new PgExecutor(a));
      const gatesB = new PgGatesStore(new PgExecutor(b));
      await a.query(
        `INSERT INTO withheld_awards (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, why, detail, status)
         VALUES ('e-1', 'p-ann', NULL, 10, 'r', 1, 'ev', 'it', 'why', 1000, 'burst', 'burst', 'held')`,
      );
      const decisions = await Promise.all([
        new PgUnitOfWork(new PgExecutor(a)).run(async () => {
          const won = await gatesA.decideHeld('e-1', 'released', 'p-lead', 5_000, 'ok');
          await sleep(200); // hold the row lock a while: the other reviewer waits, then finds it decided
          return won;
        }),
        sleep(50).then(() => gatesB.decideHeld('e-1', 'rejected', 'p-other', 6_000, 'no')),
      ]);
      expect(decisions).toEqual([true, false]);
      expect(await gatesB.find('e-1')).toMatchObject({ status: 'released', decidedBy: 'p-lead' });
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
});
