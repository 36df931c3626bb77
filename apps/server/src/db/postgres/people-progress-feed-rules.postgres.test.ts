import { expect, it } from 'vitest';
import { describeFeedStoreContract } from '../../../test-support/contracts/feed-store.contract';
import { describePeopleStoreContract } from '../../../test-support/contracts/people-store.contract';
import { describeProgressStoreContract } from '../../../test-support/contracts/progress-store.contract';
import { describeProposalsStoreContract } from '../../../test-support/contracts/proposals-store.contract';
import { describeRuleSetsStoreContract } from '../../../test-support/contracts/rule-sets-store.contract';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { openPostgresStore } from '../../../test-support/postgres/open-postgres-store';
import type { ThrowawayPostgres } from '../../../test-support/postgres/throwaway-postgres';
import { PgExecutor } from './executor.postgres';
import { PgFeedStore } from './feed.postgres';
import { migratePostgres } from './migrate.postgres';
import { PgPeopleStore } from './people.postgres';
import { createPgPool, type PgPool } from './pool.postgres';
import { PgProgressStore } from './progress.postgres';
import { PgProposalsStore } from './proposals.postgres';
import { PgRuleSetsStore } from './rule-sets.postgres';
import { PgUnitOfWork } from './unit-of-work.postgres';

/** The people, progress, feed, rule-sets and proposals contracts on a real PostgreSQL server, plus what two nodes doing the same at once leave behind. */
describeWithPostgres('PostgreSQL people, progress, feed, rule sets, proposals', (server: () => ThrowawayPostgres) => {
  describePeopleStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgPeopleStore(pg)));
  describeProgressStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgProgressStore(pg)));
  describeFeedStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgFeedStore(pg)));
  describeRuleSetsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgRuleSetsStore(pg)));
  describeProposalsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgProposalsStore(pg)));

  /** Two pools on one fresh migrated database: two server nodes. */
  const twoNodes = async (): Promise<{ a: PgPool; b: PgPool }> => {
    const url = await server().createDatabase();
    const a = createPgPool(url);
    await migratePostgres(a);
    return { a, b: createPgPool(url) };
  };
  const codeOf = (reason: unknown): unknown => (reason instanceof Error && 'code' in reason ? reason.code : undefined);

  it('stores one version 2 when two nodes publish it at once; the other unit fails with unique_violation and leaves nothing', async () => {
    const { a, b } = await twoNodes();
    try {
      await a.query("INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-a', 'a', 'Node A Lead', 'lead', NULL, 'x', 0), ('p-b', 'b', 'Node B Lead', 'lead', NULL, 'x', 0)");
      const nodes = [a, b].map((pool) => {
        const pg = new PgExecutor(pool);
        return { uow: new PgUnitOfWork(pg), ruleSets: new PgRuleSetsStore(pg) };
      });
      const [first] = nodes;
      await first?.ruleSets.add({ version: 1, layer: {}, publishedAt: 0, publishedBy: null, reason: 'The server defaults', effectiveFromSeq: 0 });
      // as RulesService.publishTx does: read the latest, add the next, in one unit of work each
      let bothRead!: () => void;
      const read = new Promise<void>((resolve) => {
        let n = 0;
        bothRead = () => {
          n += 1;
          if (n === 2) resolve();
        };
      });
      const outcomes = await Promise.allSettled(
        nodes.map((node, i) =>
          node.uow.run(async () => {
            const version = ((await node.ruleSets.latest())?.version ?? 1) + 1;
            bothRead();
            await read;
            await node.ruleSets.add({ version, layer: { atRiskPct: i }, publishedAt: 1, publishedBy: i === 0 ? 'p-a' : 'p-b', reason: `node ${i}`, effectiveFromSeq: 1 });
            return version;
          }),
        ),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(codeOf(failed?.reason)).toBe('23505');
      const stored = await first?.ruleSets.list();
      expect(stored?.map((r) => r.version)).toEqual([1, 2]);
      const won = outcomes.findIndex((o) => o.status === 'fulfilled');
      expect(stored?.[1]).toMatchObject({ reason: `node ${won}`, layer: { atRiskPct: won }, publishedByName: won === 0 ? 'Node A Lead' : 'Node B Lead' });
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('keeps one of two usernames that differ only in case when two nodes create them at once; the other fails with unique_violation', async () => {
    const { a, b } = await twoNodes();
    try {
      const [storeA, storeB] = [a, b].map((pool) => new PgPeopleStore(new PgExecutor(pool)));
      const base = { displayName: 'Ann', role: 'engineer' as const, teamId: null, passwordHash: 'x', workDays: null };
      const outcomes = await Promise.allSettled([storeA?.createPerson({ ...base, id: 'p-1', username: 'ann' }, 0), storeB?.createPerson({ ...base, id: 'p-2', username: 'ANN' }, 0)]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(codeOf(failed?.reason)).toBe('23505');
      expect(await storeA?.countAll()).toBe(1);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('lists in byte order as SQLite does even where the database sorts text linguistically (ICU en-US)', async () => {
    const pool = createPgPool(await server().createDatabase({ icuLocale: 'en-US' }));
    try {
      await migratePostgres(pool);
      // the database's own order is not byte order, or this test would prove nothing
      expect((await pool.query<{ x: string[] }>("SELECT array_agg(x ORDER BY x) AS x FROM unnest(ARRAY['b', 'C', 'A']) AS x")).rows[0]?.x).toEqual(['A', 'b', 'C']);
      const pg = new PgExecutor(pool);
      const people = new PgPeopleStore(pg);
      const proposals = new PgProposalsStore(pg);
      for (const [id, name] of [['t-1', 'alpha'], ['t-2', 'Zulu'], ['t-3', 'Bravo']] as const) await people.createTeam({ id, name }, 0);
      for (const [id, displayName] of [['p-1', 'bea'], ['p-2', 'Zed'], ['p-3', 'Amy']] as const) {
        await people.createPerson({ id, username: id, displayName, role: 'engineer', teamId: 't-1', passwordHash: 'x', workDays: null }, 0);
      }
      for (const id of ['pr-b', 'pr-C', 'pr-A']) await proposals.create({ id, kind: 'badge', proposedBy: 'p-1', teamId: 't-1', title: id, content: {}, createdAt: 1 });
      for (const id of ['pr-b', 'pr-C']) await proposals.setDecision(id, { status: 'approved', decidedBy: 'p-2', at: 5, reason: 'ok', resultId: id });
      expect((await people.listTeams()).map((t) => t.name)).toEqual(['Bravo', 'Zulu', 'alpha']);
      expect((await people.listActive()).map((p) => p.displayName)).toEqual(['Amy', 'Zed', 'bea']);
      expect((await proposals.listAll()).map((p) => p.id)).toEqual(['pr-A', 'pr-C', 'pr-b']);
      expect((await proposals.listByTeam('t-1')).map((p) => p.id)).toEqual(['pr-A', 'pr-C', 'pr-b']);
      expect((await proposals.listApprovedBadges()).map((p) => p.id)).toEqual(['pr-C', 'pr-b']);
      const progress = new PgProgressStore(pg);
      await progress.save({ personId: 'p-1', xp: 0, streak: { current: 0, best: 0 }, counters: {}, badges: { b: 1, C: 2, A: 3 } }, 'ev-1');
      expect(Object.keys((await progress.find('p-1'))?.badges ?? {})).toEqual(['A', 'C', 'b']);
    } finally {
      await pool.end();
    }
  });
});
