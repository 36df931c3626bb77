import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createItem, DEFAULT_SLA_TABLE, windowKeys, type LedgerEntry, type OpsEvent, type SiteHistory, type WithheldAward } from '@opsquest/core';
import type { GatesStore, StoredDownstream } from '../../src/services/ports/gates-store';
import type { OpenStore, StoreFixture } from './store-fixture';

function entry(entryId: string, over: Partial<LedgerEntry> = {}): LedgerEntry {
  const at = over.at ?? 1_000;
  return {
    entryId,
    personId: 'p-ann',
    teamId: 't-1',
    points: 10,
    ruleId: 'alarm.resolved',
    ruleVersion: 2,
    eventKey: `event:${entryId}`,
    itemKey: 'alarm:am:1',
    reason: 'Resolved a critical',
    at,
    windows: windowKeys(at, 'UTC'),
    ...over,
  };
}

function burst(entryId: string, over: Partial<LedgerEntry> = {}, extra: Partial<WithheldAward> = {}): WithheldAward {
  return { entry: entry(entryId, over), why: 'burst', reviewable: true, detail: '12 clears in 5 minutes', ...extra };
}

const EVENT: OpsEvent = { source: 'am', stream: 'alarm', externalKey: 'a-1', transition: 'cleared', occurredAt: '2026-01-05T10:00:00.000Z', actor: 'ann' };
const CHANGE: NonNullable<StoredDownstream['change']> = { event: EVENT, effects: ['resolved'], itemId: 7, item: createItem(EVENT, 1_000, DEFAULT_SLA_TABLE, 'cleared') };

const HISTORY: SiteHistory = {
  opens: [{ at: 1_000, itemKey: 'truckroll:ff:1' }],
  fixes: [{ at: 2_000, itemKey: 'truckroll:ff:1', award: { personId: 'p-ann', awards: [{ entryId: 'e-1', personId: 'p-ann', teamId: null, points: 20, ruleId: 'ftf', ruleVersion: 1 }], counterDeltas: { ftf: 1 }, badges: [] } }],
};

/** The GatesStore port's promises, the same on every engine. */
export function describeGatesStoreContract(engine: string, open: OpenStore<GatesStore>): void {
  describe(`GatesStore contract (${engine})`, () => {
    let f: StoreFixture<GatesStore>;
    beforeEach(async () => {
      f = await open();
      await f.seed(
        `INSERT INTO teams (id, name, created_at) VALUES ('t-1', 'Core', 0);
         INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-ann', 'ann', 'Ann Example', 'engineer', 't-1', 'x', 0);
         INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-bob', 'bob', 'Bob Example', 'technician', NULL, 'x', 0);`,
      );
    });
    afterEach(async () => {
      await f.close();
    });

    it('keeps one site history per key, replaced on save', async () => {
      expect(await f.store.siteHistory('site:S1')).toBeUndefined();
      await f.store.saveSiteHistory('site:S1', HISTORY);
      expect(await f.store.siteHistory('site:S1')).toEqual(HISTORY);
      expect(await f.store.siteHistory('site:s1')).toBeUndefined(); // keys are exact
      await f.store.saveSiteHistory('site:S1', { opens: [], fixes: [] });
      expect(await f.store.siteHistory('site:S1')).toEqual({ opens: [], fixes: [] });
      expect(await f.query('SELECT key FROM site_history')).toEqual([{ key: 'site:S1' }]);
    });

    it('withholds an award with every field, its person named, its downstream and change kept together', async () => {
      await f.store.withhold(burst('e-1', {}, { downstream: { day: '2026-01-05', badgeSteps: [{ badgeId: 'b-1', holds: true, customers: 3, cancelled: false }] } }), CHANGE);
      expect(await f.store.find('e-1')).toEqual({
        entryId: 'e-1',
        personId: 'p-ann',
        teamId: 't-1',
        points: 10,
        ruleId: 'alarm.resolved',
        ruleVersion: 2,
        eventKey: 'event:e-1',
        itemKey: 'alarm:am:1',
        reason: 'Resolved a critical',
        at: 1_000,
        personName: 'Ann Example',
        why: 'burst',
        detail: '12 clears in 5 minutes',
        status: 'held',
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
        downstream: { day: '2026-01-05', badgeSteps: [{ badgeId: 'b-1', holds: true, customers: 3, cancelled: false }], change: JSON.parse(JSON.stringify(CHANGE)) as unknown },
      });
      expect(await f.store.find('e-unknown')).toBeUndefined();
    });

    it('stores a capped award as final, without downstream; a change without a downstream is not kept; an unknown person has no name', async () => {
      await f.store.withhold({ entry: entry('e-cap', { teamId: null, points: 0 }), why: 'cap', reviewable: false, detail: 'capped at 100 a day' }, CHANGE);
      expect(await f.store.find('e-cap')).toMatchObject({ status: 'final', why: 'cap', teamId: null, points: 0, downstream: null, personName: 'Ann Example' });
      await f.store.withhold(burst('e-ghost', { personId: 'p-ghost' }, { downstream: { day: '2026-01-06', badgeSteps: [] } }));
      expect(await f.store.find('e-ghost')).toMatchObject({ personId: 'p-ghost', personName: null, downstream: { day: '2026-01-06', badgeSteps: [] } });
      expect((await f.store.find('e-ghost'))?.downstream).not.toHaveProperty('change');
    });

    it('ignores a second award with the same entry id: the first one stays', async () => {
      await f.store.withhold(burst('e-1', { points: 10 }));
      await f.store.withhold({ entry: entry('e-1', { points: 99, personId: 'p-bob' }), why: 'cap', reviewable: false, detail: 'other' });
      expect(await f.store.find('e-1')).toMatchObject({ points: 10, personId: 'p-ann', why: 'burst', status: 'held', detail: '12 clears in 5 minutes' });
      expect(await f.query('SELECT entry_id FROM withheld_awards')).toEqual([{ entry_id: 'e-1' }]);
    });

    it("lists a person's withheld awards newest first, at most `limit`", async () => {
      await f.store.withhold(burst('e-1', { at: 1_000 }));
      await f.store.withhold(burst('e-3', { at: 3_000 }));
      await f.store.withhold({ entry: entry('e-2', { at: 2_000 }), why: 'cap', reviewable: false, detail: 'capped' });
      await f.store.withhold(burst('e-bob', { personId: 'p-bob', at: 5_000 }));
      expect((await f.store.recentForPerson('p-ann', 10)).map((w) => w.entryId)).toEqual(['e-3', 'e-2', 'e-1']);
      expect((await f.store.recentForPerson('p-ann', 2)).map((w) => w.entryId)).toEqual(['e-3', 'e-2']);
      expect((await f.store.recentForPerson('p-bob', 10)).map((w) => [w.entryId, w.personName])).toEqual([['e-bob', 'Bob Example']]);
      expect(await f.store.recentForPerson('p-nobody', 10)).toEqual([]);
      expect(await f.store.recentForPerson('p-ann', 0)).toEqual([]);
    });

    it("lists awards waiting for review oldest first, at most `limit`, a team's only when asked", async () => {
      await f.store.withhold(burst('e-t1-late', { at: 4_000 }));
      await f.store.withhold(burst('e-t2', { at: 2_000, teamId: 't-2' }));
      await f.store.withhold(burst('e-none', { at: 3_000, teamId: null }));
      await f.store.withhold(burst('e-t1-early', { at: 1_000 }));
      await f.store.withhold({ entry: entry('e-final', { at: 500 }), why: 'cap', reviewable: false, detail: 'capped' });
      await f.store.withhold(burst('e-decided', { at: 600 }));
      expect(await f.store.decideHeld('e-decided', 'rejected', 'p-lead', 5_000, 'gaming')).toBe(true);
      expect((await f.store.held(10)).map((w) => w.entryId)).toEqual(['e-t1-early', 'e-t2', 'e-none', 'e-t1-late']);
      expect((await f.store.held(2)).map((w) => w.entryId)).toEqual(['e-t1-early', 'e-t2']);
      expect((await f.store.held(10, 't-1')).map((w) => w.entryId)).toEqual(['e-t1-early', 'e-t1-late']);
      expect((await f.store.held(1, 't-1')).map((w) => w.entryId)).toEqual(['e-t1-early']);
      expect(await f.store.held(10, 't-none')).toEqual([]);
    });

    it('decides a held award once; not a final one, not an unknown one', async () => {
      await f.store.withhold(burst('e-1'));
      await f.store.withhold({ entry: entry('e-cap'), why: 'cap', reviewable: false, detail: 'capped' });
      expect(await f.store.decideHeld('e-1', 'released', 'p-lead', 5_000, 'real work')).toBe(true);
      expect(await f.store.decideHeld('e-1', 'rejected', 'p-other', 6_000, 'changed my mind')).toBe(false);
      expect(await f.store.find('e-1')).toMatchObject({ status: 'released', decidedBy: 'p-lead', decidedAt: 5_000, decisionReason: 'real work' });
      expect(await f.store.decideHeld('e-cap', 'released', 'p-lead', 5_000, 'no')).toBe(false);
      expect(await f.store.find('e-cap')).toMatchObject({ status: 'final', decidedBy: null, decidedAt: null, decisionReason: null });
      expect(await f.store.decideHeld('e-unknown', 'released', 'p-lead', 5_000, 'no')).toBe(false);
    });

    it('lists the released awards in the order they were released, then by entry id (bytes)', async () => {
      expect(await f.store.released()).toEqual([]);
      for (const id of ['e-b', 'e-B', 'e-a', 'e-early', 'e-rejected', 'e-held']) await f.store.withhold(burst(id));
      expect(await f.store.decideHeld('e-b', 'released', 'p-lead', 7_000, 'ok')).toBe(true);
      expect(await f.store.decideHeld('e-B', 'released', 'p-lead', 7_000, 'ok')).toBe(true);
      expect(await f.store.decideHeld('e-a', 'released', 'p-lead', 7_000, 'ok')).toBe(true);
      expect(await f.store.decideHeld('e-early', 'released', 'p-lead', 6_000, 'ok')).toBe(true);
      expect(await f.store.decideHeld('e-rejected', 'rejected', 'p-lead', 1_000, 'no')).toBe(true);
      const released = await f.store.released();
      expect(released.map((w) => w.entryId)).toEqual(['e-early', 'e-B', 'e-a', 'e-b']);
      expect(released[0]).toMatchObject({ status: 'released', decidedAt: 6_000, personName: 'Ann Example' });
    });

    it('rolls back what a failed unit of work wrote', async () => {
      await f.store.withhold(burst('e-1'));
      await f.store.saveSiteHistory('site:S1', HISTORY);
      await expect(
        f.uow.run(async () => {
          await f.store.withhold(burst('e-2'));
          expect(await f.store.decideHeld('e-1', 'released', 'p-lead', 5_000, 'ok')).toBe(true);
          await f.store.saveSiteHistory('site:S1', { opens: [], fixes: [] });
          await f.store.saveSiteHistory('site:S2', HISTORY);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await f.store.find('e-2')).toBeUndefined();
      expect(await f.store.find('e-1')).toMatchObject({ status: 'held', decidedAt: null });
      expect(await f.store.siteHistory('site:S1')).toEqual(HISTORY);
      expect(await f.store.siteHistory('site:S2')).toBeUndefined();
    });
  });
}
