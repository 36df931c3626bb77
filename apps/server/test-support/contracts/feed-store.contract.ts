import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedStore } from '../../src/services/ports/feed-store';
import { openSeeded } from './seed-sql';
import type { OpenStore, StoreFixture } from './store-fixture';

const PEOPLE = `INSERT INTO teams (id, name, created_at) VALUES ('t-noc', 'NOC', 0), ('t-field', 'Field', 0);
INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES
  ('p-ann', 'ann', 'Ann Archer', 'engineer', 't-noc', 'x', 0),
  ('p-bob', 'bob', 'Bob Baker', 'technician', 't-field', 'x', 0)`;

const AT = Date.UTC(2026, 10, 24, 9, 30, 0);

/** The activity feed: appended lines with the names of their people, newest first, per team, rollback. */
export function describeFeedStoreContract(engine: string, open: OpenStore<FeedStore>): void {
  describe(`FeedStore contract (${engine})`, () => {
    let f: StoreFixture<FeedStore>;
    beforeEach(async () => {
      f = await openSeeded(open, PEOPLE);
    });
    afterEach(async () => {
      await f.close();
    });

    it('has no lines on a fresh database', async () => {
      expect(await f.store.recent(10)).toEqual([]);
      expect(await f.store.recent(10, 't-noc')).toEqual([]);
    });

    it('appends a line and gives it back with the names of both people', async () => {
      const item = await f.store.append({ at: AT, kind: 'kudos', text: 'Bob thanked Ann', personId: 'p-ann', teamId: 't-noc', points: 5, otherPersonId: 'p-bob' });
      expect(item.id).toMatch(/^[1-9][0-9]*$/);
      expect(item).toEqual({
        id: item.id,
        at: '2026-11-24T09:30:00.000Z',
        kind: 'kudos',
        text: 'Bob thanked Ann',
        personId: 'p-ann',
        personName: 'Ann Archer',
        teamId: 't-noc',
        points: 5,
        fromPersonId: 'p-bob',
        fromPersonName: 'Bob Baker',
      });
      expect(await f.store.recent(10)).toEqual([item]);
    });

    it('leaves out what a line does not have, keeps zero points, and names no unknown person', async () => {
      const bare = await f.store.append({ at: AT, kind: 'mission', text: 'A mission started' });
      expect(bare).toEqual({ id: bare.id, at: '2026-11-24T09:30:00.000Z', kind: 'mission', text: 'A mission started' });
      const zero = await f.store.append({ at: AT + 1, kind: 'points', text: 'Nothing much', personId: 'p-bob', teamId: null, points: 0 });
      expect(zero).toEqual({ id: zero.id, at: '2026-11-24T09:30:00.001Z', kind: 'points', text: 'Nothing much', personId: 'p-bob', personName: 'Bob Baker', points: 0 });
      const stranger = await f.store.append({ at: AT + 2, kind: 'badge', text: 'Someone', personId: 'p-unknown', otherPersonId: 'p-gone' });
      expect(stranger).toEqual({ id: stranger.id, at: '2026-11-24T09:30:00.002Z', kind: 'badge', text: 'Someone', personId: 'p-unknown', fromPersonId: 'p-gone' });
    });

    it('gives increasing ids and the newest lines first, as many as asked', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push((await f.store.append({ at: AT + i, kind: 'points', text: `line ${i}`, personId: 'p-ann', teamId: 't-noc', points: i })).id);
      expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(5);
      expect((await f.store.recent(3)).map((x) => x.text)).toEqual(['line 4', 'line 3', 'line 2']);
      expect((await f.store.recent(10)).map((x) => x.id)).toEqual([...ids].reverse());
      expect(await f.store.recent(0)).toEqual([]);
    });

    it('orders by append order, not by time', async () => {
      await f.store.append({ at: AT + 10_000, kind: 'points', text: 'later time, appended first' });
      await f.store.append({ at: AT, kind: 'points', text: 'earlier time, appended second' });
      expect((await f.store.recent(2)).map((x) => x.text)).toEqual(['earlier time, appended second', 'later time, appended first']);
    });

    it("gives one team's lines when asked for a team", async () => {
      await f.store.append({ at: AT, kind: 'points', text: 'noc 1', personId: 'p-ann', teamId: 't-noc', points: 1 });
      await f.store.append({ at: AT + 1, kind: 'points', text: 'field 1', personId: 'p-bob', teamId: 't-field', points: 1 });
      await f.store.append({ at: AT + 2, kind: 'levelUp', text: 'no team' });
      await f.store.append({ at: AT + 3, kind: 'points', text: 'noc 2', personId: 'p-ann', teamId: 't-noc', points: 2 });
      expect((await f.store.recent(10, 't-noc')).map((x) => x.text)).toEqual(['noc 2', 'noc 1']);
      expect((await f.store.recent(1, 't-noc')).map((x) => x.text)).toEqual(['noc 2']);
      expect((await f.store.recent(10, 't-field')).map((x) => x.text)).toEqual(['field 1']);
      expect(await f.store.recent(10, 'T-NOC')).toEqual([]);
      expect((await f.store.recent(10)).map((x) => x.text)).toEqual(['noc 2', 'no team', 'field 1', 'noc 1']);
    });

    it('rolls back lines appended in a unit of work that fails', async () => {
      await f.store.append({ at: AT, kind: 'points', text: 'kept' });
      await expect(
        f.uow.run(async () => {
          const inside = await f.store.append({ at: AT + 1, kind: 'points', text: 'dropped', personId: 'p-ann' });
          expect(inside.personName).toBe('Ann Archer');
          expect((await f.store.recent(10)).map((x) => x.text)).toEqual(['dropped', 'kept']);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await f.store.recent(10)).map((x) => x.text)).toEqual(['kept']);
    });
  });
}
