import type { PersonProgress } from '@opsquest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressStore } from '../../src/services/ports/progress-store';
import type { OpenStore, StoreFixture } from './store-fixture';

const progress = (personId: string, over: Partial<Omit<PersonProgress, 'personId'>> = {}): PersonProgress => ({
  personId,
  xp: 0,
  streak: { current: 0, best: 0 },
  counters: {},
  badges: {},
  ...over,
});

interface BadgeRow {
  person_id: string;
  badge_id: string;
  earned_at: number;
  event_key: string;
}

/** XP, counters, streaks and earned badges: upserts, first-earned badges kept, revocation, rollback. */
export function describeProgressStoreContract(engine: string, open: OpenStore<ProgressStore>): void {
  describe(`ProgressStore contract (${engine})`, () => {
    let f: StoreFixture<ProgressStore>;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    const badgeRows = (): Promise<BadgeRow[]> => f.query<BadgeRow>('SELECT person_id, badge_id, earned_at, event_key FROM badges_earned ORDER BY person_id, badge_id');

    it('finds nothing for a person without progress', async () => {
      expect(await f.store.find('p-1')).toBeUndefined();
    });

    it('saves XP, counters, streak and badges and reads them back', async () => {
      const big = 9_007_199_254_740_000; // epoch-ms-sized and beyond: BIGINT round trip
      await f.store.save(
        progress('p-1', {
          xp: 1_250,
          streak: { current: 3, best: 7, lastActiveDay: '2026-11-24' },
          counters: { clears: 12, 'first-fix@2026-11-24': 2 },
          badges: { 'zeta-badge': 1_700_000_000_000, Alpha: 1_700_000_000_500, beta: big },
        }),
        'ev-1',
      );
      const found = await f.store.find('p-1');
      expect(found).toEqual({
        personId: 'p-1',
        xp: 1_250,
        streak: { current: 3, best: 7, lastActiveDay: '2026-11-24' },
        counters: { clears: 12, 'first-fix@2026-11-24': 2 },
        badges: { 'zeta-badge': 1_700_000_000_000, Alpha: 1_700_000_000_500, beta: big },
      });
      // badges come in badge-id byte order
      expect(Object.keys(found?.badges ?? {})).toEqual(['Alpha', 'beta', 'zeta-badge']);
      expect((await badgeRows()).map((b) => b.event_key)).toEqual(['ev-1', 'ev-1', 'ev-1']);
      expect(await f.store.find('p-2')).toBeUndefined();
    });

    it('leaves lastActiveDay out when there is none, and reads a missing streak row as zeros', async () => {
      await f.store.save(progress('p-1', { xp: 5, streak: { current: 1, best: 1 } }), 'ev-1');
      const p1 = await f.store.find('p-1');
      expect(p1?.streak).toEqual({ current: 1, best: 1 });
      expect(p1 && 'lastActiveDay' in p1.streak).toBe(false);
      await f.seed("INSERT INTO progress (person_id, xp, counters) VALUES ('p-2', 40, '{\"x\":1}')");
      expect(await f.store.find('p-2')).toEqual({ personId: 'p-2', xp: 40, streak: { current: 0, best: 0 }, counters: { x: 1 }, badges: {} });
    });

    it('replaces XP, counters and streak on a second save, but keeps a badge as first earned', async () => {
      await f.store.save(progress('p-1', { xp: 10, counters: { a: 1 }, streak: { current: 1, best: 1, lastActiveDay: '2026-11-23' }, badges: { first: 100 } }), 'ev-1');
      await f.store.save(progress('p-1', { xp: 25, counters: { b: 2 }, streak: { current: 0, best: 1 }, badges: { first: 999, second: 200 } }), 'ev-2');
      expect(await f.store.find('p-1')).toEqual({
        personId: 'p-1',
        xp: 25,
        counters: { b: 2 },
        streak: { current: 0, best: 1 },
        badges: { first: 100, second: 200 },
      });
      expect(await badgeRows()).toEqual([
        { person_id: 'p-1', badge_id: 'first', earned_at: 100, event_key: 'ev-1' },
        { person_id: 'p-1', badge_id: 'second', earned_at: 200, event_key: 'ev-2' },
      ]);
      expect(await f.query<{ n: number }>('SELECT count(*) AS n FROM progress')).toEqual([{ n: 1 }]);
      expect(await f.query<{ n: number }>('SELECT count(*) AS n FROM streaks')).toEqual([{ n: 1 }]);
    });

    it('inserts only the new badges it is told about, when told', async () => {
      await f.store.save(progress('p-1', { badges: { a: 1, b: 2, c: 3 } }), 'ev-1', ['b', 'not-in-progress']);
      expect((await f.store.find('p-1'))?.badges).toEqual({ b: 2 });
      await f.store.save(progress('p-1', { xp: 3, badges: { a: 1, b: 2, c: 3 } }), 'ev-2', []);
      expect((await f.store.find('p-1'))?.badges).toEqual({ b: 2 });
      expect((await f.store.find('p-1'))?.xp).toBe(3);
      // a badge named twice is stored once
      await f.store.save(progress('p-1', { badges: { a: 1, b: 2, c: 3 } }), 'ev-3', ['c', 'c', 'b']);
      expect(await badgeRows()).toEqual([
        { person_id: 'p-1', badge_id: 'b', earned_at: 2, event_key: 'ev-1' },
        { person_id: 'p-1', badge_id: 'c', earned_at: 3, event_key: 'ev-3' },
      ]);
    });

    it("revokes one person's badge, leaving the rest; revoking a missing badge does nothing", async () => {
      await f.store.save(progress('p-1', { badges: { a: 1, b: 2 } }), 'ev-1');
      await f.store.save(progress('p-2', { badges: { a: 5 } }), 'ev-2');
      await f.store.revokeBadge('p-1', 'a');
      await f.store.revokeBadge('p-1', 'missing');
      await f.store.revokeBadge('p-3', 'a');
      expect((await f.store.find('p-1'))?.badges).toEqual({ b: 2 });
      expect((await f.store.find('p-2'))?.badges).toEqual({ a: 5 });
      // earned again later: stored anew with the new event
      await f.store.save(progress('p-1', { badges: { a: 7, b: 2 } }), 'ev-9', ['a']);
      expect(await badgeRows()).toEqual([
        { person_id: 'p-1', badge_id: 'a', earned_at: 7, event_key: 'ev-9' },
        { person_id: 'p-1', badge_id: 'b', earned_at: 2, event_key: 'ev-1' },
        { person_id: 'p-2', badge_id: 'a', earned_at: 5, event_key: 'ev-2' },
      ]);
    });

    it('rolls back a save and a revocation made in a unit of work that fails', async () => {
      await f.store.save(progress('p-1', { xp: 10, badges: { a: 1 } }), 'ev-1');
      await expect(
        f.uow.run(async () => {
          await f.store.save(progress('p-1', { xp: 99, counters: { c: 1 }, badges: { a: 1, b: 2 } }), 'ev-2');
          await f.store.save(progress('p-2', { xp: 5 }), 'ev-2');
          await f.store.revokeBadge('p-1', 'a');
          expect((await f.store.find('p-1'))?.badges).toEqual({ b: 2 });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await f.store.find('p-1')).toEqual({ personId: 'p-1', xp: 10, counters: {}, streak: { current: 0, best: 0 }, badges: { a: 1 } });
      expect(await f.store.find('p-2')).toBeUndefined();
    });
  });
}
