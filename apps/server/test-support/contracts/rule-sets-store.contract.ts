import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuleSetLayer } from '../../src/services/live/rulebook.service';
import type { RuleSetRow, RuleSetsStore } from '../../src/services/ports/rule-sets-store';
import { openSeeded } from './seed-sql';
import type { OpenStore, StoreFixture } from './store-fixture';

const LEAD = "INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-lead', 'lead', 'Lena Lead', 'lead', NULL, 'x', 0)";

const defaults: RuleSetLayer = { atRiskPct: 75, flapWindowMinutes: 15, burst: { minPerHour: 10, factor: 2.5 } };
const newerDefaults: RuleSetLayer = { atRiskPct: 80, flapWindowMinutes: 20 };

const v = (version: number, over: Partial<Omit<RuleSetRow, 'publishedByName'>> = {}): Omit<RuleSetRow, 'publishedByName'> => ({
  version,
  layer: { atRiskPct: 70 + version },
  publishedAt: 1_700_000_000_000 + version,
  publishedBy: 'p-lead',
  reason: `version ${version}`,
  effectiveFromSeq: version * 10,
  ...over,
});

const defaultsRow = (layer: RuleSetLayer): Omit<RuleSetRow, 'publishedByName'> => ({ version: 1, layer, publishedAt: 1_000, publishedBy: null, reason: 'The server defaults', effectiveFromSeq: 0 });

const EVENT = (key: string): string =>
  `INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
   VALUES ('${key}', 'item-1', 'incident', 'console', 'INC-1', 'opened', 1000, 1000, NULL, 'console', '{}', NULL, 1, NULL)`;

/** Versioned rule sets: added once per version, listed oldest first, defaults refreshed until a version 2 exists, rollback. */
export function describeRuleSetsStoreContract(engine: string, open: OpenStore<RuleSetsStore>): void {
  describe(`RuleSetsStore contract (${engine})`, () => {
    let f: StoreFixture<RuleSetsStore>;
    beforeEach(async () => {
      f = await openSeeded(open, LEAD);
    });
    afterEach(async () => {
      await f.close();
    });

    it('has no rule set on a fresh database, and the first event will be 1', async () => {
      expect(await f.store.list()).toEqual([]);
      expect(await f.store.latest()).toBeUndefined();
      expect(await f.store.nextEventSeq()).toBe(1);
    });

    it('stores the defaults as version 1 and a published version with its publisher name', async () => {
      await f.store.add(defaultsRow(defaults));
      await f.store.add(v(2));
      const v1: RuleSetRow = { version: 1, layer: defaults, publishedAt: 1_000, publishedBy: null, publishedByName: null, reason: 'The server defaults', effectiveFromSeq: 0 };
      const v2: RuleSetRow = { ...v(2), publishedByName: 'Lena Lead' };
      expect(await f.store.list()).toEqual([v1, v2]);
      expect(await f.store.latest()).toEqual(v2);
    });

    it('lists versions oldest first by number and gives the highest as the latest', async () => {
      await f.store.add(defaultsRow(defaults));
      await f.store.add(v(10));
      await f.store.add(v(2));
      await f.store.add(v(9));
      expect((await f.store.list()).map((r) => r.version)).toEqual([1, 2, 9, 10]);
      expect(await f.store.latest()).toMatchObject({ version: 10, layer: { atRiskPct: 80 }, effectiveFromSeq: 100, publishedAt: 1_700_000_000_010 });
    });

    it('refuses a version that exists already and keeps the first one', async () => {
      await f.store.add(defaultsRow(defaults));
      await f.store.add(v(2, { reason: 'first publisher' }));
      await expect(f.store.add(v(2, { reason: 'second publisher', layer: { atRiskPct: 1 } }))).rejects.toThrow();
      const all = await f.store.list();
      expect(all).toHaveLength(2);
      expect(all[1]).toMatchObject({ version: 2, reason: 'first publisher', layer: { atRiskPct: 72 } });
    });

    it('refuses a publisher who is not a person', async () => {
      await expect(f.store.add(v(2, { publishedBy: 'p-nobody' }))).rejects.toThrow();
      expect(await f.store.list()).toEqual([]);
    });

    it('refreshes version 1 to the new defaults only while nothing else was published', async () => {
      await f.store.refreshDefaults(newerDefaults); // nothing stored: nothing to refresh
      expect(await f.store.list()).toEqual([]);
      await f.store.add(defaultsRow(defaults));
      await f.store.refreshDefaults(newerDefaults);
      expect(await f.store.latest()).toMatchObject({ version: 1, layer: newerDefaults, publishedAt: 1_000, reason: 'The server defaults' });
      await f.store.add(v(2));
      await f.store.refreshDefaults({ atRiskPct: 99 });
      const [first, second] = await f.store.list();
      expect(first?.layer).toEqual(newerDefaults);
      expect(second?.layer).toEqual({ atRiskPct: 72 });
    });

    it('says the next event sequence number from the event log', async () => {
      await f.seed([EVENT('e-1'), EVENT('e-2'), EVENT('e-3')].join(';\n'));
      expect(await f.store.nextEventSeq()).toBe(4);
    });

    it('rolls back versions added and defaults refreshed in a unit of work that fails', async () => {
      await f.store.add(defaultsRow(defaults));
      await expect(
        f.uow.run(async () => {
          await f.store.refreshDefaults(newerDefaults);
          await f.store.add(v(2));
          expect((await f.store.latest())?.version).toBe(2);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await f.store.list()).toEqual([{ ...defaultsRow(defaults), publishedByName: null }]);
    });
  });
}
