import type { LeagueTier } from '@opsquest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeagueStore } from '../../src/services/ports/league-store';
import type { OpenStore, StoreFixture } from './store-fixture';

const WEEK = '2026-11-23';

/** The LeagueStore port (weekly tiers, the on/off setting), the same on every engine. */
export function describeLeagueStoreContract(engine: string, open: OpenStore<LeagueStore>): void {
  describe(`LeagueStore contract (${engine})`, () => {
    let f: StoreFixture<LeagueStore>;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    it('has tiers off until switched on, and switches them off and on again', async () => {
      expect(await f.store.tiersEnabled()).toBe(false);
      await f.store.setTiersEnabled(true);
      await f.store.setTiersEnabled(true);
      expect(await f.store.tiersEnabled()).toBe(true);
      await f.store.setTiersEnabled(false);
      expect(await f.store.tiersEnabled()).toBe(false);
      expect(await f.query<{ key: string; value: string }>("SELECT key, value FROM settings WHERE key = 'leagues.tiers'")).toEqual([{ key: 'leagues.tiers', value: 'off' }]);
      await f.store.setTiersEnabled(true);
      expect(await f.store.tiersEnabled()).toBe(true);
    });

    it('reads the other settings as tiers off', async () => {
      await f.seed("INSERT INTO settings (key, value) VALUES ('leagues.tiers', 'ON');");
      expect(await f.store.tiersEnabled()).toBe(false);
    });

    it('stores the tiers of a week by person; a person keeps the first tier stored that week', async () => {
      expect((await f.store.tiersOf(WEEK)).size).toBe(0);
      await f.store.saveTiers(WEEK, []);
      await f.store.saveTiers(WEEK, [
        { personId: 'p-1', league: 'engineer', tier: 'gold' },
        { personId: 'p-2', league: 'technician', tier: 'bronze' },
        { personId: 'p-3', league: 'engineer', tier: 'silver' },
        { personId: 'p-3', league: 'engineer', tier: 'gold' },
      ]);
      await f.store.saveTiers(WEEK, [
        { personId: 'p-1', league: 'engineer', tier: 'bronze' },
        { personId: 'p-4', league: 'technician', tier: 'silver' },
      ]);
      await f.store.saveTiers('2026-11-30', [{ personId: 'p-1', league: 'engineer', tier: 'silver' }]);
      const tiers = await f.store.tiersOf(WEEK);
      expect([...tiers.entries()].sort(([a], [b]) => (a < b ? -1 : 1))).toEqual([
        ['p-1', { league: 'engineer', tier: 'gold' }],
        ['p-2', { league: 'technician', tier: 'bronze' }],
        ['p-3', { league: 'engineer', tier: 'silver' }],
        ['p-4', { league: 'technician', tier: 'silver' }],
      ]);
      expect([...(await f.store.tiersOf('2026-11-30')).entries()]).toEqual([['p-1', { league: 'engineer', tier: 'silver' }]]);
      expect((await f.store.tiersOf('2026-11-16')).size).toBe(0);
    });

    it('skips a row whose tier does not exist and stores the others (as INSERT OR IGNORE does)', async () => {
      await f.store.saveTiers(WEEK, [
        { personId: 'p-1', league: 'engineer', tier: 'platinum' as LeagueTier },
        { personId: 'p-2', league: 'technician', tier: 'gold' },
      ]);
      expect([...(await f.store.tiersOf(WEEK)).entries()]).toEqual([['p-2', { league: 'technician', tier: 'gold' }]]);
      await f.store.saveTiers(WEEK, [{ personId: 'p-1', league: 'engineer', tier: 'bronze' }]);
      expect((await f.store.tiersOf(WEEK)).get('p-1')).toEqual({ league: 'engineer', tier: 'bronze' });
    });

    it('rolls back tiers and the setting written in a failed unit of work', async () => {
      await f.store.saveTiers(WEEK, [{ personId: 'p-1', league: 'engineer', tier: 'gold' }]);
      await expect(
        f.uow.run(async () => {
          await f.store.setTiersEnabled(true);
          await f.store.saveTiers(WEEK, [{ personId: 'p-2', league: 'technician', tier: 'silver' }]);
          expect((await f.store.tiersOf(WEEK)).size).toBe(2);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await f.store.tiersEnabled()).toBe(false);
      expect([...(await f.store.tiersOf(WEEK)).keys()]).toEqual(['p-1']);
    });
  });
}
