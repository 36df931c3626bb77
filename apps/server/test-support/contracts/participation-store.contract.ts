import { DEFAULT_PARTICIPATION } from '@opsquest/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParticipationStore } from '../../src/services/ports/participation-store';
import { openSeeded } from './seed-sql';
import type { OpenStore, StoreFixture } from './store-fixture';

const PEOPLE = ['p-1', 'p-2', 'p-3']
  .map(
    (id) =>
      `INSERT INTO people (id, username, display_name, role, team_id, password_hash, work_days, active, created_at) VALUES ('${id}', 'user-${id}', 'Person ${id}', 'engineer', NULL, 'x', NULL, 1, 0);`,
  )
  .join('\n');

const ALL_ON = { publicBoards: true, showInFeed: true, acceptKudos: true };

/** The ParticipationStore port (per-person switches, all on without a row), the same on every engine. */
export function describeParticipationStoreContract(engine: string, open: OpenStore<ParticipationStore>): void {
  describe(`ParticipationStore contract (${engine})`, () => {
    let f: StoreFixture<ParticipationStore>;
    beforeEach(async () => {
      f = await openSeeded(open, PEOPLE);
    });
    afterEach(async () => {
      await f.close();
    });

    it('has every switch on for a person without settings, as a copy of the defaults', async () => {
      const found = await f.store.find('p-1');
      expect(found).toEqual(ALL_ON);
      found.publicBoards = false;
      expect(DEFAULT_PARTICIPATION).toEqual(ALL_ON);
      expect(await f.store.find('nobody')).toEqual(ALL_ON);
    });

    it('saves settings and replaces them on a second save, with the time of the last change', async () => {
      await f.store.save('p-1', { publicBoards: false, showInFeed: true, acceptKudos: false }, 1_000);
      expect(await f.store.find('p-1')).toEqual({ publicBoards: false, showInFeed: true, acceptKudos: false });
      await f.store.save('p-1', { publicBoards: true, showInFeed: false, acceptKudos: true }, 1_764_000_000_000);
      expect(await f.store.find('p-1')).toEqual({ publicBoards: true, showInFeed: false, acceptKudos: true });
      expect(await f.query<{ person_id: string; public_boards: number; show_in_feed: number; accept_kudos: number; updated_at: number; plays_game: number | null }>('SELECT * FROM participation')).toEqual([
        { person_id: 'p-1', public_boards: 1, show_in_feed: 0, accept_kudos: 1, updated_at: 1_764_000_000_000, plays_game: null },
      ]);
      expect(await f.store.find('p-2')).toEqual(ALL_ON);
    });

    it('keeps the game choice when one is made, and none (the role decides) until then', async () => {
      await f.store.save('p-1', { ...ALL_ON, playsGame: true }, 1_000);
      expect(await f.store.find('p-1')).toEqual({ ...ALL_ON, playsGame: true });
      await f.store.save('p-1', { ...ALL_ON, playsGame: false }, 2_000);
      expect(await f.store.find('p-1')).toEqual({ ...ALL_ON, playsGame: false });
      await f.store.save('p-1', ALL_ON, 3_000);
      expect(await f.store.find('p-1')).toEqual(ALL_ON);
    });

    it('lists only the people with at least one switch off', async () => {
      expect((await f.store.restrictedById()).size).toBe(0);
      await f.store.save('p-1', { publicBoards: false, showInFeed: true, acceptKudos: true }, 1_000);
      await f.store.save('p-2', ALL_ON, 1_000);
      await f.store.save('p-3', { publicBoards: true, showInFeed: true, acceptKudos: false }, 1_000);
      const restricted = await f.store.restrictedById();
      expect([...restricted.entries()].sort(([a], [b]) => (a < b ? -1 : 1))).toEqual([
        ['p-1', { publicBoards: false, showInFeed: true, acceptKudos: true }],
        ['p-3', { publicBoards: true, showInFeed: true, acceptKudos: false }],
      ]);
      await f.store.save('p-1', ALL_ON, 2_000);
      expect([...(await f.store.restrictedById()).keys()]).toEqual(['p-3']);
    });

    it('refuses settings of a person who does not exist', async () => {
      await expect(f.store.save('nobody', ALL_ON, 1_000)).rejects.toThrow();
    });

    it('rolls back settings saved in a failed unit of work', async () => {
      await f.store.save('p-1', { publicBoards: false, showInFeed: false, acceptKudos: false }, 1_000);
      await expect(
        f.uow.run(async () => {
          await f.store.save('p-1', ALL_ON, 2_000);
          await f.store.save('p-2', { publicBoards: false, showInFeed: true, acceptKudos: true }, 2_000);
          expect((await f.store.restrictedById()).size).toBe(1);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await f.store.find('p-1')).toEqual({ publicBoards: false, showInFeed: false, acceptKudos: false });
      expect(await f.store.find('p-2')).toEqual(ALL_ON);
      expect([...(await f.store.restrictedById()).keys()]).toEqual(['p-1']);
    });
  });
}
