import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PeopleStore, PersonRow } from '../../src/services/ports/people-store';
import type { OpenStore, StoreFixture } from './store-fixture';

const person = (id: string, username: string, displayName: string, extra: Partial<Omit<PersonRow, 'active'>> = {}): Omit<PersonRow, 'active'> => ({
  id,
  username,
  displayName,
  role: 'engineer',
  teamId: null,
  passwordHash: `hash-${id}`,
  workDays: null,
  ...extra,
});

/** People and teams: lookups, case-insensitive usernames, byte-order listings, refusals, rollback. */
export function describePeopleStoreContract(engine: string, open: OpenStore<PeopleStore>): void {
  describe(`PeopleStore contract (${engine})`, () => {
    let f: StoreFixture<PeopleStore>;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    it('is empty on a fresh database', async () => {
      expect(await f.store.countAll()).toBe(0);
      expect(await f.store.listActive()).toEqual([]);
      expect(await f.store.listTeams()).toEqual([]);
      expect(await f.store.findById('nobody')).toBeUndefined();
      expect(await f.store.findByUsername('nobody')).toBeUndefined();
      expect(await f.store.findTeam('none')).toBeUndefined();
    });

    it('creates teams, finds them by id and lists them by name in byte order', async () => {
      await f.store.createTeam({ id: 't-3', name: 'alpha' }, 1_000);
      await f.store.createTeam({ id: 't-1', name: 'Zulu' }, 1_000);
      await f.store.createTeam({ id: 't-2', name: 'Bravo' }, 1_000);
      expect(await f.store.listTeams()).toEqual([
        { id: 't-2', name: 'Bravo' },
        { id: 't-1', name: 'Zulu' },
        { id: 't-3', name: 'alpha' },
      ]);
      expect(await f.store.findTeam('t-1')).toEqual({ id: 't-1', name: 'Zulu' });
      expect(await f.store.findTeam('T-1')).toBeUndefined();
      expect(await f.query<{ created_at: number }>("SELECT created_at FROM teams WHERE id = 't-1'")).toEqual([{ created_at: 1_000 }]);
    });

    it('refuses a second team with the same id or the same name', async () => {
      await f.store.createTeam({ id: 't-1', name: 'NOC' }, 1_000);
      await expect(f.store.createTeam({ id: 't-1', name: 'Field' }, 2_000)).rejects.toThrow();
      await expect(f.store.createTeam({ id: 't-2', name: 'NOC' }, 2_000)).rejects.toThrow();
      expect(await f.store.listTeams()).toEqual([{ id: 't-1', name: 'NOC' }]);
    });

    it('creates a person with every field and reads it back by id, active', async () => {
      await f.store.createTeam({ id: 't-noc', name: 'NOC' }, 1_000);
      await f.store.createPerson(person('p-1', 'Ann', 'Ann Archer', { role: 'lead', teamId: 't-noc', workDays: [1, 2, 3, 4] }), 5_000);
      await f.store.createPerson(person('p-2', 'bob', 'Bob Baker'), 5_000);
      expect(await f.store.findById('p-1')).toEqual({
        id: 'p-1',
        username: 'Ann',
        displayName: 'Ann Archer',
        role: 'lead',
        teamId: 't-noc',
        passwordHash: 'hash-p-1',
        workDays: [1, 2, 3, 4],
        active: true,
      });
      expect(await f.store.findById('p-2')).toMatchObject({ teamId: null, workDays: null, role: 'engineer', active: true });
      expect(await f.query<{ created_at: number; work_days: string | null }>("SELECT created_at, work_days FROM people WHERE id = 'p-1'")).toEqual([
        { created_at: 5_000, work_days: '[1,2,3,4]' },
      ]);
      expect(await f.store.countAll()).toBe(2);
    });

    it('finds an active person by username whatever its case, never an inactive one', async () => {
      await f.store.createPerson(person('p-1', 'Ann.Archer', 'Ann Archer'), 1_000);
      await f.seed("INSERT INTO people (id, username, display_name, role, team_id, password_hash, active, created_at) VALUES ('p-gone', 'gone', 'Gone Person', 'engineer', NULL, 'x', 0, 1000)");
      expect((await f.store.findByUsername('Ann.Archer'))?.id).toBe('p-1');
      expect((await f.store.findByUsername('ann.archer'))?.id).toBe('p-1');
      expect((await f.store.findByUsername('ANN.ARCHER'))?.username).toBe('Ann.Archer');
      expect(await f.store.findByUsername('ann')).toBeUndefined();
      expect(await f.store.findByUsername('annXarcher')).toBeUndefined();
      expect(await f.store.findByUsername('gone')).toBeUndefined();
      expect(await f.store.findByUsername('GONE')).toBeUndefined();
      // still there by id, inactive, and counted
      expect(await f.store.findById('p-gone')).toMatchObject({ username: 'gone', active: false });
      expect(await f.store.countAll()).toBe(2);
    });

    it('refuses a username that differs from a taken one only in case, and a taken id', async () => {
      await f.store.createPerson(person('p-1', 'ann', 'Ann'), 1_000);
      await expect(f.store.createPerson(person('p-2', 'ANN', 'Other Ann'), 2_000)).rejects.toThrow();
      await expect(f.store.createPerson(person('p-2', 'ann', 'Other Ann'), 2_000)).rejects.toThrow();
      await expect(f.store.createPerson(person('p-1', 'someone', 'Someone'), 2_000)).rejects.toThrow();
      expect(await f.store.countAll()).toBe(1);
      expect(await f.store.findById('p-2')).toBeUndefined();
      expect((await f.store.findByUsername('Ann'))?.displayName).toBe('Ann');
    });

    it('refuses a person in a team that does not exist', async () => {
      await expect(f.store.createPerson(person('p-1', 'ann', 'Ann', { teamId: 't-missing' }), 1_000)).rejects.toThrow();
      expect(await f.store.countAll()).toBe(0);
    });

    it('lists active people by display name in byte order, without inactive ones', async () => {
      await f.store.createPerson(person('p-1', 'u1', 'bea'), 1_000);
      await f.store.createPerson(person('p-2', 'u2', 'Zed'), 1_000);
      await f.store.createPerson(person('p-3', 'u3', 'Amy'), 1_000);
      await f.store.createPerson(person('p-4', 'u4', 'Émile'), 1_000);
      await f.seed("INSERT INTO people (id, username, display_name, role, team_id, password_hash, active, created_at) VALUES ('p-5', 'u5', 'Aaron', 'admin', NULL, 'x', 0, 1000)");
      const active = await f.store.listActive();
      expect(active.map((p) => p.displayName)).toEqual(['Amy', 'Zed', 'bea', 'Émile']);
      expect(active.every((p) => p.active)).toBe(true);
      expect(await f.store.countAll()).toBe(5);
    });

    it('rolls back people and teams created in a unit of work that fails', async () => {
      await f.store.createTeam({ id: 't-kept', name: 'Kept' }, 1_000);
      await expect(
        f.uow.run(async () => {
          await f.store.createTeam({ id: 't-1', name: 'NOC' }, 1_000);
          await f.store.createPerson(person('p-1', 'ann', 'Ann', { teamId: 't-1' }), 1_000);
          expect(await f.store.findByUsername('ANN')).toMatchObject({ id: 'p-1' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await f.store.findById('p-1')).toBeUndefined();
      expect(await f.store.findTeam('t-1')).toBeUndefined();
      expect(await f.store.countAll()).toBe(0);
      expect(await f.store.listTeams()).toEqual([{ id: 't-kept', name: 'Kept' }]);
    });
  });
}
