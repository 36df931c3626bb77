import { expect, it } from 'vitest';
import { dedupKeyOf, type OpsEvent } from '@opsquest/core';
import { describeIngestStoreContract } from '../../../test-support/contracts/ingest-store.contract';
import { alarm, decisionStep, noChanges, PEOPLE_SQL, T0, type Decided } from '../../../test-support/contracts/ingest-store.fixtures';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { openPostgresStore } from '../../../test-support/postgres/open-postgres-store';
import type { ThrowawayPostgres } from '../../../test-support/postgres/throwaway-postgres';
import { emptyNeeds, type BatchState, type BatchStep, type NewLoggedEvent } from '../../services/ports/ingest-store';
import { PgExecutor } from './executor.postgres';
import { PgIngestStore } from './ingest-store.postgres';
import { migratePostgres } from './migrate.postgres';
import { createPgPool, type PgPool } from './pool.postgres';
import { PgUnitOfWork } from './unit-of-work.postgres';

/** An executor that can pause a node right after it took a round's advisory locks (to line two nodes up). */
class PausingExecutor extends PgExecutor {
  afterLock: (() => Promise<void>) | undefined;

  override async run(text: string, values: unknown[] = []): Promise<number> {
    const changed = await super.run(text, values);
    // a round's key locks only (not the shared rule-set lock every batch takes first)
    if (this.afterLock && text.includes('pg_advisory_xact_lock(')) await this.afterLock();
    return changed;
  }
}

/** One node: its own pool, executor, unit of work and ingest store, on the shared database. */
interface Node {
  pool: PgPool;
  pg: PausingExecutor;
  store: PgIngestStore;
}

function nodeOn(url: string): Node {
  const pool = createPgPool(url, 8);
  const pg = new PausingExecutor(pool);
  return { pool, pg, store: new PgIngestStore(pg, new PgUnitOfWork(pg), 75) };
}

/** What the commit pipeline's leaderboard stage does in the batch's transaction: points added to the aggregates, rows in key order. */
async function addToBoards(pg: PgExecutor, d: Decided): Promise<void> {
  const deltas = new Map<string, { scope: string; subject: string; points: number }>();
  for (const e of d.changes.ledger) {
    for (const [scope, subject] of [['individual', e.personId], ['team', e.teamId]] as const) {
      if (subject === null) continue;
      const key = `${scope}|${subject}`;
      const delta = deltas.get(key) ?? { scope, subject, points: 0 };
      delta.points += e.points;
      deltas.set(key, delta);
    }
  }
  const rows = [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  if (rows.length === 0) return;
  await pg.run(
    `INSERT INTO leaderboard (scope, win, period, subject_id, points)
     SELECT scope, 'all', 'all', subject_id, points FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS r(scope, subject_id, points, n) ORDER BY n
     ON CONFLICT (scope, win, period, subject_id) DO UPDATE SET points = leaderboard.points + EXCLUDED.points`,
    [rows.map((r) => r.scope), rows.map((r) => r.subject), rows.map((r) => r.points)],
  );
}

describeWithPostgres('PostgreSQL ingest-store', (server: () => ThrowawayPostgres) => {
  describeIngestStoreContract(
    'PostgreSQL',
    openPostgresStore(server, (pg) => new PgIngestStore(pg, new PgUnitOfWork(pg), 75)),
  );

  /** A fresh migrated database with the contract's people, and two nodes on it. */
  const openNodes = async (): Promise<{ a: Node; b: Node; admin: PgPool; close: () => Promise<void> }> => {
    const url = await server().createDatabase();
    const admin = createPgPool(url, 2);
    await migratePostgres(admin);
    await admin.query(PEOPLE_SQL);
    const a = nodeOn(url);
    const b = nodeOn(url);
    return { a, b, admin, close: async () => void (await Promise.all([a.pool.end(), b.pool.end(), admin.end()])) };
  };

  it('RACE: two nodes ingesting the same items, people and team at once store every event once, pay it once, and lose no update', async () => {
    const { a, b, admin, close } = await openNodes();
    try {
      const lives: OpsEvent[][] = [];
      for (let i = 0; i < 6; i += 1) {
        const actor = i % 2 === 0 ? 'eng' : 'eng2';
        lives.push([alarm(`race-${i}`, 'raised', -60 + i), alarm(`race-${i}`, 'acknowledged', -58 + i, { actor }), alarm(`race-${i}`, 'cleared', -50 + i, { actor })]);
      }
      const every = lives.flat();
      // every event reaches both nodes twice: in its item's whole life, and alone (so out of order, parked, resent)
      const batches: OpsEvent[][] = [...lives, ...every.map((e) => [e]), [...every].reverse()];
      const runs: Promise<Decided>[] = [];
      for (const [i, batch] of batches.entries()) {
        for (const node of i % 2 === 0 ? [a, b] : [b, a]) {
          runs.push(node.store.runBatch(decisionStep(batch, T0 + i, (d) => addToBoards(node.pg, d)).step));
        }
      }
      const settled = await Promise.allSettled(runs);
      const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
      expect(failed).toEqual([]);
      const decided = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));

      // every event stored once: exactly one batch reported it stored, the others a duplicate
      const keys = every.map(dedupKeyOf);
      const storedBy = new Map<string, number>();
      for (const d of decided) for (const o of d.outcomes) if (o.status === 'stored') storedBy.set(o.eventKey, (storedBy.get(o.eventKey) ?? 0) + 1);
      expect([...storedBy.keys()].sort()).toEqual([...keys].sort());
      expect([...storedBy.values()].every((n) => n === 1)).toBe(true);
      const events = (await admin.query<{ event_key: string }>('SELECT event_key FROM events')).rows.map((r) => r.event_key).sort();
      expect(events).toEqual([...keys].sort());

      // paid once: no award twice for the same event, rule and person
      const twice = await admin.query('SELECT event_key, rule_id, person_id FROM ledger WHERE reversal_of IS NULL GROUP BY event_key, rule_id, person_id HAVING COUNT(*) > 1');
      expect(twice.rows).toEqual([]);
      const paid = await admin.query<{ person_id: string; points: number }>('SELECT person_id, SUM(points)::bigint AS points FROM ledger GROUP BY person_id ORDER BY person_id');
      expect(paid.rows.length).toBeGreaterThan(0);
      expect(paid.rows.every((r) => r.points > 0)).toBe(true);
      // no lost update: progress (read, then written whole) and the aggregates (added to) both equal the ledger
      const xp = await admin.query<{ person_id: string; points: number }>('SELECT person_id, xp AS points FROM progress ORDER BY person_id');
      expect(xp.rows).toEqual(paid.rows);
      const boards = await admin.query<{ person_id: string; points: number }>(
        "SELECT subject_id AS person_id, points FROM leaderboard WHERE scope = 'individual' ORDER BY subject_id",
      );
      expect(boards.rows).toEqual(paid.rows);
      const team = await admin.query<{ points: number }>("SELECT points FROM leaderboard WHERE scope = 'team' AND subject_id = 't-noc'");
      expect(team.rows).toEqual([{ points: paid.rows.reduce((sum, r) => sum + r.points, 0) }]);
      // each item counted every event applied to it exactly once
      const items = await admin.query<{ item_key: string; state: string; applied: number }>(
        'SELECT w.item_key, w.state, (SELECT COUNT(*)::int FROM events e WHERE e.item_key = w.item_key AND e.applied = 1) AS applied FROM work_items w ORDER BY w.item_key',
      );
      expect(items.rows.map((r) => r.item_key)).toEqual(lives.map((_, i) => `alarm:nms:race-${i}`));
      for (const r of items.rows) expect((JSON.parse(r.state) as { eventCount: number }).eventCount).toBe(r.applied);
    } finally {
      await close();
    }
  }, 60_000);

  it('RACE: a counter read from the loaded state and written back + 1 by many batches on two nodes loses no update', async () => {
    const { a, b, admin, close } = await openNodes();
    try {
      const bump = (n: number) => (state: BatchState): BatchStep<number> => {
        if (!state.progress.has('p-eng')) return { need: { ...emptyNeeds(), progress: ['p-eng'], eventKeys: [`count-${n}`] } };
        const before = state.progress.get('p-eng') ?? { personId: 'p-eng', xp: 0, counters: {}, streak: { current: 0, best: 0 }, badges: {} };
        const event: NewLoggedEvent = { eventKey: `count-${n}`, itemKey: 'alarm:nms:counter', event: alarm('counter', 'raised', 0), occurredAt: T0, receivedAt: T0, via: 'api', raw: null, applied: true, reason: null };
        const next = { ...before, xp: before.xp + 1 };
        return { changes: { ...noChanges(T0), events: [event], progress: new Map([['p-eng', next]]) }, finish: async () => next.xp };
      };
      const total = 40;
      const written = await Promise.all(Array.from({ length: total }, (_, n) => (n % 2 === 0 ? a : b).store.runBatch(bump(n))));
      // each batch saw the one before it: the values written are 1..40, each once
      expect([...written].sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, n) => n + 1));
      expect((await admin.query('SELECT xp FROM progress')).rows).toEqual([{ xp: total }]);
      expect((await admin.query('SELECT COUNT(*)::int AS n FROM events')).rows).toEqual([{ n: total }]);
    } finally {
      await close();
    }
  }, 60_000);

  it('RACE: two nodes that lock the same keys in opposite order across rounds deadlock once, and the loser is decided again from scratch', async () => {
    const { a, b, admin, close } = await openNodes();
    try {
      // both nodes stop after their first round's locks until the other has taken its own
      let arrived = 0;
      let release = (): void => undefined;
      const bothLocked = new Promise<void>((resolve) => {
        release = resolve;
      });
      const barrier = async (): Promise<void> => {
        arrived += 1;
        if (arrived === 2) release();
        if (arrived <= 2) await bothLocked;
      };
      a.pg.afterLock = barrier;
      b.pg.afterLock = barrier;
      let freshStarts = 0;
      const crossing = (first: string, second: string, points: number) => (state: BatchState): BatchStep<string> => {
        if (state.items.size === 0) freshStarts += 1;
        if (!state.items.has(first)) return { need: { ...emptyNeeds(), items: [first] } };
        if (!state.items.has(second)) return { need: { ...emptyNeeds(), items: [second] } };
        const event: NewLoggedEvent = { eventKey: `cross-${first}`, itemKey: first, event: alarm(first, 'raised', 0), occurredAt: T0, receivedAt: T0, via: 'api', raw: null, applied: true, reason: null };
        return {
          changes: { ...noChanges(T0), events: [event], progress: new Map([[`p-${first}`, { personId: `p-${first}`, xp: points, counters: {}, streak: { current: 0, best: 0 }, badges: {} }]]) },
          finish: async () => first,
        };
      };
      const results = await Promise.all([a.store.runBatch(crossing('dl-a', 'dl-b', 1)), b.store.runBatch(crossing('dl-b', 'dl-a', 2))]);
      expect(results).toEqual(['dl-a', 'dl-b']);
      expect(freshStarts).toBe(3);
      expect((await admin.query('SELECT event_key FROM events ORDER BY event_key')).rows).toEqual([{ event_key: 'cross-dl-a' }, { event_key: 'cross-dl-b' }]);
      expect((await admin.query('SELECT person_id, xp FROM progress ORDER BY person_id')).rows).toEqual([
        { person_id: 'p-dl-a', xp: 1 },
        { person_id: 'p-dl-b', xp: 2 },
      ]);
    } finally {
      await close();
    }
  }, 60_000);

  it('RACE: an event key another node stores meanwhile (under another item) sends the batch round again, where it is a duplicate', async () => {
    const { a, b, admin, close } = await openNodes();
    try {
      // same sender id, two different items: the item locks do not keep the two batches apart
      const one = [alarm('id-1', 'raised', -5, { eventId: 'same' })];
      const two = [alarm('id-2', 'raised', -5, { eventId: 'same' })];
      let arrived = 0;
      let release = (): void => undefined;
      const bothLoaded = new Promise<void>((resolve) => {
        release = resolve;
      });
      // both nodes pass their first lock round before either writes
      const barrier = async (): Promise<void> => {
        arrived += 1;
        if (arrived === 2) release();
        if (arrived <= 2) await bothLoaded;
      };
      a.pg.afterLock = barrier;
      b.pg.afterLock = barrier;
      const [x, y] = await Promise.all([a.store.runBatch(decisionStep(one, T0).step), b.store.runBatch(decisionStep(two, T0).step)]);
      expect([x.outcomes[0]?.status, y.outcomes[0]?.status].sort()).toEqual(['duplicate', 'stored']);
      expect((await admin.query('SELECT event_key FROM events')).rows).toEqual([{ event_key: 'nms#same' }]);
      expect((await admin.query('SELECT COUNT(*)::int AS n FROM work_items')).rows).toEqual([{ n: 1 }]);
    } finally {
      await close();
    }
  }, 60_000);
});
