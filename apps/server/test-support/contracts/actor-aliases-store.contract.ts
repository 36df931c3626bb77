import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActorAliasesStore, ActorAliasRow } from '../../src/services/ports/actor-aliases-store';
import { countRows } from './seed-sql';
import type { OpenStore, StoreFixture } from './store-fixture';

const alias = (actor: string, personId = 'p-ann', over: Partial<ActorAliasRow> = {}): ActorAliasRow => ({ actor, personId, mappedBy: 'p-admin', mappedAt: 1_000, events: 3, points: 42, ...over });

/** The ActorAliasesStore port's promises (one mapping per name, case-insensitively), the same on every engine. */
export function describeActorAliasesStoreContract(engine: string, open: OpenStore<ActorAliasesStore>): void {
  describe(`ActorAliasesStore contract (${engine})`, () => {
    let f: StoreFixture<ActorAliasesStore>;
    let aliases: ActorAliasesStore;
    const count = (): Promise<number> => countRows(f, 'actor_aliases');
    beforeEach(async () => {
      f = await open();
      aliases = f.store;
      await f.seed(`INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-ann', 'ann', 'Ann', 'engineer', NULL, 'x', 0);
        INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-bob', 'bob', 'Bob', 'technician', NULL, 'x', 0);
        INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-admin', 'admin', 'Admin', 'admin', NULL, 'x', 0);`);
    });
    afterEach(async () => {
      await f.close();
    });

    it('maps a name and finds it in any case, as it was written', async () => {
      expect(await aliases.find('jdoe')).toBeUndefined();
      expect(await aliases.create(alias('JDoe', 'p-ann', { events: 5_000_000_000, points: -7, mappedAt: 1_733_000_000_000 }))).toBe(true);
      const expected = { actor: 'JDoe', personId: 'p-ann', mappedBy: 'p-admin', mappedAt: 1_733_000_000_000, events: 5_000_000_000, points: -7 };
      expect(await aliases.find('JDoe')).toEqual(expected);
      expect(await aliases.find('jdoe')).toEqual(expected);
      expect(await aliases.find('JDOE')).toEqual(expected);
      expect(await aliases.find('jdoe ')).toBeUndefined();
      expect(await aliases.find('jdo')).toBeUndefined();
      expect(await aliases.find('')).toBeUndefined();
    });

    it('refuses a second mapping of the same name, in the same or another case, and keeps the first', async () => {
      expect(await aliases.create(alias('night-shift', 'p-ann'))).toBe(true);
      expect(await aliases.create(alias('night-shift', 'p-bob'))).toBe(false);
      expect(await aliases.create(alias('Night-Shift', 'p-bob'))).toBe(false);
      expect(await aliases.create(alias('NIGHT-SHIFT', 'p-bob', { events: 0, points: 0 }))).toBe(false);
      expect(await aliases.find('Night-Shift')).toEqual(alias('night-shift', 'p-ann'));
      expect(await count()).toBe(1);
      // another name is its own mapping
      expect(await aliases.create(alias('day-shift', 'p-bob'))).toBe(true);
      expect((await aliases.find('DAY-SHIFT'))?.personId).toBe('p-bob');
      expect(await count()).toBe(2);
    });

    it('gives exactly one of several requests mapping the same name at the same time', async () => {
      const results = await Promise.all(['storm', 'Storm', 'STORM', 'sToRm', 'storm'].map((actor, i) => aliases.create(alias(actor, i % 2 ? 'p-bob' : 'p-ann'))));
      expect(results.filter((r) => r)).toHaveLength(1);
      expect(await count()).toBe(1);
      const winner = results.indexOf(true);
      expect((await aliases.find('storm'))?.personId).toBe(winner % 2 ? 'p-bob' : 'p-ann');
    });

    it('refuses a mapping to a person who does not exist', async () => {
      await expect(aliases.create(alias('ghost', 'p-nobody'))).rejects.toThrow();
      expect(await aliases.find('ghost')).toBeUndefined();
    });

    it('rolls back a mapping made in a failed unit of work', async () => {
      await expect(
        f.uow.run(async () => {
          expect(await aliases.create(alias('rolled', 'p-ann'))).toBe(true);
          expect(await aliases.find('ROLLED')).toMatchObject({ personId: 'p-ann' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await aliases.find('rolled')).toBeUndefined();
      expect(await aliases.create(alias('Rolled', 'p-bob'))).toBe(true);
      expect(await aliases.find('rolled')).toMatchObject({ actor: 'Rolled', personId: 'p-bob' });
    });
  });
}
