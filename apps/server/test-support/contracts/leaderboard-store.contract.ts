import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeaderboardStore, Scope, Standing } from '../../src/services/ports/leaderboard-store';
import { ledgerSql } from './insights-store.contract';
import type { OpenStore, StoreFixture } from './store-fixture';

type Row = Awaited<ReturnType<LeaderboardStore['snapshot']>>[number];

function person(id: string, role: string, extra: { workDays?: string | null; hours?: number; active?: 0 | 1 } = {}): string {
  const workDays = extra.workDays === undefined || extra.workDays === null ? 'NULL' : `'${extra.workDays}'`;
  return `INSERT INTO people (id, username, display_name, role, team_id, password_hash, work_days, active, created_at, hours_per_day)
    VALUES ('${id}', 'user-${id}', 'Person ${id}', '${role}', NULL, 'x', ${workDays}, ${extra.active ?? 1}, 0, ${extra.hours ?? 8});`;
}

const bySubject = (a: Standing, b: Standing): number => (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0);
const byKey = (a: Row, b: Row): number => {
  const ka = `${a.scope}|${a.window}|${a.period}|${a.subjectId}`;
  const kb = `${b.scope}|${b.window}|${b.period}|${b.subjectId}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** The LeaderboardStore port (aggregates per scope, window, period and subject), the same on every engine. */
export function describeLeaderboardStoreContract(engine: string, open: OpenStore<LeaderboardStore>): void {
  describe(`LeaderboardStore contract (${engine})`, () => {
    let f: StoreFixture<LeaderboardStore>;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    it('adds points to one aggregate, creating it on first use, and reads it back', async () => {
      expect(await f.store.pointsOf('individual', 'week', '2026-11-23', 'p-1')).toBeUndefined();
      await f.store.addPoints('individual', 'week', '2026-11-23', 'p-1', 10);
      await f.store.addPoints('individual', 'week', '2026-11-23', 'p-1', -3);
      await f.store.addPoints('individual', 'week', '2026-11-23', 'p-1', 3_000_000_000);
      await f.store.addPoints('team', 'week', '2026-11-23', 'p-1', 5);
      await f.store.addPoints('individual', 'day', '2026-11-23', 'p-1', 0);
      expect(await f.store.pointsOf('individual', 'week', '2026-11-23', 'p-1')).toBe(3_000_000_007);
      expect(await f.store.pointsOf('team', 'week', '2026-11-23', 'p-1')).toBe(5);
      expect(await f.store.pointsOf('individual', 'day', '2026-11-23', 'p-1')).toBe(0);
      expect(await f.store.pointsOf('individual', 'week', '2026-11-30', 'p-1')).toBeUndefined();
      expect(await f.store.pointsOf('individual', 'week', '2026-11-23', 'P-1')).toBeUndefined();
    });

    it('adds many deltas at once (more than one statement chunk), summing into existing rows; nothing for none', async () => {
      await f.store.addPointsMany([]);
      expect(await f.store.snapshot()).toEqual([]);
      await f.store.addPoints('individual', 'all', 'all', 's-000', 1_000);
      const deltas = Array.from({ length: 250 }, (_, i) => ({
        scope: 'individual' as Scope,
        window: 'all' as const,
        period: 'all',
        subjectId: `s-${String(i).padStart(3, '0')}`,
        points: i + 1,
      }));
      await f.store.addPointsMany(deltas);
      await f.store.addPointsMany(deltas.slice(0, 2));
      expect(await f.store.pointsOf('individual', 'all', 'all', 's-000')).toBe(1_002);
      expect(await f.store.pointsOf('individual', 'all', 'all', 's-001')).toBe(4);
      expect(await f.store.pointsOf('individual', 'all', 'all', 's-249')).toBe(250);
      const snapshot = await f.store.snapshot();
      expect(snapshot).toHaveLength(250);
      expect(snapshot.reduce((sum, r) => sum + r.points, 0)).toBe(1_000 + (250 * 251) / 2 + 1 + 2);
    });

    it('adds deltas of the same row given twice in one call, as one after the other', async () => {
      await f.store.addPointsMany([
        { scope: 'individual', window: 'day', period: '2026-11-24', subjectId: 'p-1', points: 4 },
        { scope: 'team', window: 'day', period: '2026-11-24', subjectId: 't-1', points: 1 },
        { scope: 'individual', window: 'day', period: '2026-11-24', subjectId: 'p-1', points: 6 },
      ]);
      expect(await f.store.pointsOf('individual', 'day', '2026-11-24', 'p-1')).toBe(10);
      expect(await f.store.pointsOf('team', 'day', '2026-11-24', 't-1')).toBe(1);
    });

    it('lists every standing of one board, and a snapshot of all boards', async () => {
      await f.store.addPointsMany([
        { scope: 'individual', window: 'week', period: '2026-11-23', subjectId: 'p-2', points: 7 },
        { scope: 'individual', window: 'week', period: '2026-11-23', subjectId: 'p-1', points: 9 },
        { scope: 'individual', window: 'week', period: '2026-11-16', subjectId: 'p-1', points: 1 },
        { scope: 'individual', window: 'month', period: '2026-11', subjectId: 'p-1', points: 10 },
        { scope: 'team', window: 'week', period: '2026-11-23', subjectId: 't-1', points: 16 },
      ]);
      expect([...(await f.store.standings('individual', 'week', '2026-11-23'))].sort(bySubject)).toEqual([
        { subjectId: 'p-1', points: 9 },
        { subjectId: 'p-2', points: 7 },
      ]);
      expect(await f.store.standings('team', 'week', '2026-11-23')).toEqual([{ subjectId: 't-1', points: 16 }]);
      expect(await f.store.standings('team', 'day', '2026-11-23')).toEqual([]);
      expect([...(await f.store.snapshot())].sort(byKey)).toEqual<Row[]>([
        { scope: 'individual', window: 'month', period: '2026-11', subjectId: 'p-1', points: 10 },
        { scope: 'individual', window: 'week', period: '2026-11-16', subjectId: 'p-1', points: 1 },
        { scope: 'individual', window: 'week', period: '2026-11-23', subjectId: 'p-1', points: 9 },
        { scope: 'individual', window: 'week', period: '2026-11-23', subjectId: 'p-2', points: 7 },
        { scope: 'team', window: 'week', period: '2026-11-23', subjectId: 't-1', points: 16 },
      ]);
    });

    it('lists individual standings with roles in board order: points down, ties by subject id byte-wise', async () => {
      await f.seed(
        [person('pB', 'engineer'), person('pa', 'engineer'), person('p_', 'technician'), person('pZ', 'technician'), person('pc', 'engineer'), person('gone', 'lead', { active: 0 })].join('\n'),
      );
      const add = (subjectId: string, points: number) => ({ scope: 'individual' as Scope, window: 'week' as const, period: '2026-11-23', subjectId, points });
      await f.store.addPointsMany([add('pa', 50), add('pB', 50), add('p_', 50), add('pZ', 80), add('pc', 10), add('gone', 60), add('no-person', 999)]);
      await f.store.addPoints('team', 'week', '2026-11-23', 'pa', 1_000);
      await f.store.addPoints('individual', 'week', '2026-11-16', 'pa', 1_000);
      expect(await f.store.individuals('week', '2026-11-23')).toEqual([
        { subjectId: 'pZ', points: 80, role: 'technician' },
        { subjectId: 'gone', points: 60, role: 'lead' },
        { subjectId: 'pB', points: 50, role: 'engineer' },
        { subjectId: 'p_', points: 50, role: 'technician' },
        { subjectId: 'pa', points: 50, role: 'engineer' },
        { subjectId: 'pc', points: 10, role: 'engineer' },
      ]);
      expect(await f.store.individuals('week', '2026-11-23', 'engineer')).toEqual([
        { subjectId: 'pB', points: 50, role: 'engineer' },
        { subjectId: 'pa', points: 50, role: 'engineer' },
        { subjectId: 'pc', points: 10, role: 'engineer' },
      ]);
      expect(await f.store.individuals('week', '2026-11-23', 'admin')).toEqual([]);
      expect(await f.store.individuals('day', '2026-11-23')).toEqual([]);
    });

    it("reads active people's roles and schedules", async () => {
      expect((await f.store.schedulesById()).size).toBe(0);
      await f.seed(
        [person('p-1', 'engineer', { workDays: '[1,2,3,4,5]', hours: 7.5 }), person('p-2', 'technician', { hours: 10 }), person('p-3', 'lead', { active: 0 })].join('\n'),
      );
      const schedules = await f.store.schedulesById();
      expect([...schedules.keys()].sort()).toEqual(['p-1', 'p-2']);
      expect(schedules.get('p-1')).toEqual({ role: 'engineer', workDays: [1, 2, 3, 4, 5], hoursPerDay: 7.5 });
      expect(schedules.get('p-2')).toEqual({ role: 'technician', workDays: null, hoursPerDay: 10 });
    });

    it("finds the day of a person's first ledger entry (the first written, not the earliest day)", async () => {
      expect(await f.store.firstLedgerDay('p-1')).toBeUndefined();
      await f.seed(
        ledgerSql([
          { id: 'e1', person: 'p-2', points: 1, day: '2026-11-01' },
          { id: 'e2', person: 'p-1', points: 1, day: '2026-11-20' },
          { id: 'e3', person: 'p-1', points: 1, day: '2026-11-10' },
        ]),
      );
      expect(await f.store.firstLedgerDay('p-1')).toBe('2026-11-20');
      expect(await f.store.firstLedgerDay('p-2')).toBe('2026-11-01');
      expect(await f.store.firstLedgerDay('p-3')).toBeUndefined();
    });

    it('rolls back the aggregate changes of a failed unit of work', async () => {
      await f.store.addPoints('individual', 'all', 'all', 'p-1', 5);
      await expect(
        f.uow.run(async () => {
          await f.store.addPoints('individual', 'all', 'all', 'p-1', 10);
          await f.store.addPointsMany([
            { scope: 'individual', window: 'all', period: 'all', subjectId: 'p-1', points: 100 },
            { scope: 'individual', window: 'all', period: 'all', subjectId: 'p-2', points: 100 },
          ]);
          expect(await f.store.pointsOf('individual', 'all', 'all', 'p-1')).toBe(115);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await f.store.snapshot()).toEqual([{ scope: 'individual', window: 'all', period: 'all', subjectId: 'p-1', points: 5 }]);
      expect(await f.query<{ n: number }>('SELECT count(*) AS n FROM leaderboard')).toEqual([{ n: 1 }]);
    });
  });
}
