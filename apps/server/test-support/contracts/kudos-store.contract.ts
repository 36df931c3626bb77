import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KudosStore } from '../../src/services/ports/kudos-store';
import type { UnitOfWork } from '../../src/services/ports/unit-of-work';
import type { OpenStore, StoreFixture } from './store-fixture';

export const DAY = '2026-01-05';

/**
 * How KudosService.give spends a giver's daily budget: count what they gave that day, then add one
 * when some is left, in one unit of work. True when it was added.
 */
export async function giveWithinBudget(uow: UnitOfWork, store: KudosStore, id: string, budget: number, from = 'p-ann', to = 'p-bob', day = DAY): Promise<boolean> {
  return uow.run(async () => {
    if ((await store.countGiven(from, day)) >= budget) return false;
    await store.add({ id, fromPersonId: from, toPersonId: to, message: `thanks ${id}`, at: 1_000, day });
    return true;
  });
}

/** The KudosStore port's promises, the same on every engine. */
export function describeKudosStoreContract(engine: string, open: OpenStore<KudosStore>): void {
  describe(`KudosStore contract (${engine})`, () => {
    let f: StoreFixture<KudosStore>;
    const give = (id: string, from: string, to: string, at: number, day = DAY) => f.store.add({ id, fromPersonId: from, toPersonId: to, message: `message ${id}`, at, day });
    beforeEach(async () => {
      f = await open();
      await f.seed(
        `INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-ann', 'ann', 'Ann Example', 'engineer', NULL, 'x', 0);
         INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-bob', 'bob', 'Bob Example', 'technician', NULL, 'x', 0);
         INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-cat', 'cat', 'Cat Example', 'lead', NULL, 'x', 0);`,
      );
    });
    afterEach(async () => {
      await f.close();
    });

    it('adds kudos and hands back the stored row with both names', async () => {
      expect(await f.store.add({ id: 'k-1', fromPersonId: 'p-ann', toPersonId: 'p-bob', message: 'Thanks for the handover ✨', at: 1_234, day: DAY })).toEqual({
        id: 'k-1',
        fromPersonId: 'p-ann',
        fromName: 'Ann Example',
        toPersonId: 'p-bob',
        toName: 'Bob Example',
        message: 'Thanks for the handover ✨',
        at: 1_234,
        day: DAY,
      });
      expect(await f.query('SELECT id, from_person_id, to_person_id, at, day FROM kudos')).toEqual([{ id: 'k-1', from_person_id: 'p-ann', to_person_id: 'p-bob', at: 1_234, day: DAY }]);
    });

    it('refuses a second kudos with the same id, kudos to oneself and kudos of or to an unknown person', async () => {
      await give('k-1', 'p-ann', 'p-bob', 1_000);
      await expect(give('k-1', 'p-ann', 'p-cat', 2_000)).rejects.toThrow();
      await expect(give('k-self', 'p-ann', 'p-ann', 2_000)).rejects.toThrow();
      await expect(give('k-ghost', 'p-ann', 'p-ghost', 2_000)).rejects.toThrow();
      await expect(give('k-ghost2', 'p-ghost', 'p-ann', 2_000)).rejects.toThrow();
      expect(await f.query('SELECT id, to_person_id FROM kudos')).toEqual([{ id: 'k-1', to_person_id: 'p-bob' }]);
    });

    it('counts what a person gave per day and received in all', async () => {
      await give('k-1', 'p-ann', 'p-bob', 1_000);
      await give('k-2', 'p-ann', 'p-cat', 2_000);
      await give('k-3', 'p-ann', 'p-bob', 90_000_000, '2026-01-06');
      await give('k-4', 'p-cat', 'p-bob', 3_000);
      expect(await f.store.countGiven('p-ann', DAY)).toBe(2);
      expect(await f.store.countGiven('p-ann', '2026-01-06')).toBe(1);
      expect(await f.store.countGiven('p-ann', '2026-01-07')).toBe(0);
      expect(await f.store.countGiven('p-bob', DAY)).toBe(0);
      expect(await f.store.countGiven('P-ANN', DAY)).toBe(0); // ids are exact
      expect(await f.store.countReceived('p-bob')).toBe(3);
      expect(await f.store.countReceived('p-cat')).toBe(1);
      expect(await f.store.countReceived('p-ann')).toBe(0);
      expect(await f.store.countReceived('p-nobody')).toBe(0);
    });

    it('lists received and given kudos newest first (the same instant: the later added first), at most `limit`', async () => {
      await give('k-1', 'p-ann', 'p-bob', 1_000);
      await give('k-3', 'p-cat', 'p-bob', 3_000);
      await give('k-2b', 'p-ann', 'p-bob', 2_000);
      await give('k-2a', 'p-cat', 'p-bob', 2_000); // same instant, added after k-2b
      await give('k-4', 'p-bob', 'p-ann', 4_000);
      expect((await f.store.received('p-bob', 10)).map((k) => k.id)).toEqual(['k-3', 'k-2a', 'k-2b', 'k-1']);
      expect((await f.store.received('p-bob', 2)).map((k) => k.id)).toEqual(['k-3', 'k-2a']);
      expect((await f.store.given('p-ann', 10)).map((k) => k.id)).toEqual(['k-2b', 'k-1']);
      expect((await f.store.given('p-cat', 1)).map((k) => k.id)).toEqual(['k-3']);
      expect(await f.store.received('p-ann', 10)).toEqual([
        { id: 'k-4', fromPersonId: 'p-bob', fromName: 'Bob Example', toPersonId: 'p-ann', toName: 'Ann Example', message: 'message k-4', at: 4_000, day: DAY },
      ]);
      expect(await f.store.given('p-nobody', 10)).toEqual([]);
      expect(await f.store.received('p-cat', 10)).toEqual([]);
      expect(await f.store.received('p-bob', 0)).toEqual([]);
    });

    it('rolls back what a failed unit of work wrote', async () => {
      await give('k-1', 'p-ann', 'p-bob', 1_000);
      await expect(
        f.uow.run(async () => {
          await give('k-2', 'p-ann', 'p-bob', 2_000);
          expect(await f.store.countGiven('p-ann', DAY)).toBe(2); // the unit reads its own writes
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await f.store.countGiven('p-ann', DAY)).toBe(1);
      expect((await f.store.received('p-bob', 10)).map((k) => k.id)).toEqual(['k-1']);
    });

    it("never lets givers racing for the same day's budget (count, then add, in a unit) give more than it", async () => {
      await give('k-0', 'p-ann', 'p-cat', 500);
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, n) => giveWithinBudget(f.uow, f.store, `k-race-${n}`, 3)));
      expect(outcomes.filter(Boolean)).toHaveLength(2);
      expect(await f.store.countGiven('p-ann', DAY)).toBe(3);
      // another giver, another day: budgets of their own
      expect(await giveWithinBudget(f.uow, f.store, 'k-cat', 3, 'p-cat')).toBe(true);
      expect(await giveWithinBudget(f.uow, f.store, 'k-next-day', 3, 'p-ann', 'p-bob', '2026-01-06')).toBe(true);
    });
  });
}
