import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MissionDefinition } from '@opsquest/core';
import type { ContributionRow, MissionsStore } from '../../src/services/ports/missions-store';
import type { OpenStore, StoreFixture } from './store-fixture';

function mission(id: string, over: Partial<MissionDefinition> = {}): MissionDefinition {
  return {
    id,
    version: 1,
    title: `Mission ${id}`,
    description: 'Clear the criticals',
    scope: 'person',
    audience: { kind: 'everyone' },
    criteria: { stream: 'alarm', effect: 'resolved', conditions: [], counting: 'count' },
    target: 5,
    startsAt: 1_000,
    endsAt: 100_000,
    rewardPoints: 50,
    createdBy: 'p-lead',
    status: 'active',
    ...over,
  };
}

const byKey = (a: ContributionRow, b: ContributionRow): number =>
  `${a.missionId}|${a.participantId}|${a.personId}` < `${b.missionId}|${b.participantId}|${b.personId}` ? -1 : 1;

/** The MissionsStore port's promises, the same on every engine. */
export function describeMissionsStoreContract(engine: string, open: OpenStore<MissionsStore>): void {
  describe(`MissionsStore contract (${engine})`, () => {
    let f: StoreFixture<MissionsStore>;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    it('creates a mission with its first version and finds it; nothing for an unknown id', async () => {
      const m = mission('m-1', { rewardBadgeId: 'b-1', templateId: 'tpl-1', audience: { kind: 'people', personIds: ['p-1', 'p-2'] } });
      await f.store.create(m, 'p-admin', 5_000);
      expect(await f.store.find('m-1')).toEqual(m);
      expect(await f.store.versions('m-1')).toEqual([1]);
      expect(await f.store.find('nope')).toBeUndefined();
      expect(await f.store.versions('nope')).toEqual([]);
      const [row] = await f.query<{ version: number; created_by: string; created_at: number }>("SELECT version, created_by, created_at FROM mission_versions WHERE mission_id = 'm-1'");
      expect(row).toEqual({ version: 1, created_by: 'p-admin', created_at: 5_000 });
    });

    it('refuses a second mission with the same id and keeps the first', async () => {
      await f.store.create(mission('m-1', { title: 'first' }), 'p-admin', 1_000);
      await expect(f.store.create(mission('m-1', { title: 'second' }), 'p-admin', 2_000)).rejects.toThrow();
      expect((await f.store.find('m-1'))?.title).toBe('first');
      expect(await f.store.versions('m-1')).toEqual([1]);
    });

    it('saves new versions: the mission reads the newest, every version is kept in order, a version is saved once', async () => {
      await f.store.create(mission('m-1'), 'p-admin', 1_000);
      await f.store.saveVersion(mission('m-1', { version: 2, title: 'Second take', endsAt: 200_000, status: 'ended' }), 'p-lead', 2_000);
      await f.store.saveVersion(mission('m-1', { version: 3, title: 'Third take', target: 9 }), 'p-lead', 3_000);
      expect(await f.store.find('m-1')).toMatchObject({ version: 3, title: 'Third take', target: 9, status: 'active', endsAt: 100_000 });
      expect(await f.store.versions('m-1')).toEqual([1, 2, 3]);
      const stored = await f.query<{ version: number; status: string; ends_at: number }>("SELECT version, status, ends_at FROM missions WHERE id = 'm-1'");
      expect(stored).toEqual([{ version: 3, status: 'active', ends_at: 100_000 }]);
      await expect(f.store.saveVersion(mission('m-1', { version: 3, title: 'again' }), 'p-lead', 4_000)).rejects.toThrow();
      expect(await f.store.versions('m-1')).toEqual([1, 2, 3]);
      // a version of a mission that does not exist has nothing to belong to
      await expect(f.store.saveVersion(mission('m-ghost', { version: 2 }), 'p-lead', 4_000)).rejects.toThrow();
      expect(await f.store.find('m-ghost')).toBeUndefined();
    });

    it('sets the status, which wins over the status in the stored definition', async () => {
      await f.store.create(mission('m-1', { status: 'proposed' }), 'p-admin', 1_000);
      await f.store.setStatus('m-1', 'active');
      expect((await f.store.find('m-1'))?.status).toBe('active');
      await f.store.setStatus('m-1', 'completed');
      expect((await f.store.find('m-1'))?.status).toBe('completed');
      await f.store.setStatus('nope', 'active'); // nothing to change, no error
      expect(await f.store.find('nope')).toBeUndefined();
    });

    it('lists the active missions by end then id (bytes), and all missions newest first then id', async () => {
      await f.store.create(mission('m-late', { endsAt: 9_000 }), 'p-admin', 1_000);
      await f.store.create(mission('m-b', { endsAt: 5_000 }), 'p-admin', 3_000);
      await f.store.create(mission('m-B', { endsAt: 5_000 }), 'p-admin', 3_000);
      await f.store.create(mission('m-a', { endsAt: 5_000 }), 'p-admin', 3_000);
      await f.store.create(mission('m-proposed', { status: 'proposed', endsAt: 1_000 }), 'p-admin', 2_000);
      await f.store.create(mission('m-ended', { endsAt: 1_000 }), 'p-admin', 4_000);
      await f.store.setStatus('m-ended', 'ended');
      expect((await f.store.listActive()).map((m) => m.id)).toEqual(['m-B', 'm-a', 'm-b', 'm-late']);
      expect((await f.store.listAll()).map((m) => [m.id, m.status])).toEqual([
        ['m-ended', 'ended'],
        ['m-B', 'active'],
        ['m-a', 'active'],
        ['m-b', 'active'],
        ['m-proposed', 'proposed'],
        ['m-late', 'active'],
      ]);
    });

    it('lists nothing when there are no missions', async () => {
      expect(await f.store.listActive()).toEqual([]);
      expect(await f.store.listAll()).toEqual([]);
      expect(await f.store.progressOfMission('m-1')).toEqual([]);
    });

    it('keeps one progress row per participant, replaced on save, listed by progress then participant', async () => {
      await f.store.create(mission('m-1'), 'p-admin', 1_000);
      await f.store.create(mission('m-2'), 'p-admin', 1_000);
      expect(await f.store.progress('m-1', 'p-1')).toBeUndefined();
      await f.store.saveProgress({ missionId: 'm-1', participantId: 'p-1', progress: 1, completedAt: null }, 2_000);
      await f.store.saveProgress({ missionId: 'm-1', participantId: 'p-1', progress: 5, completedAt: 3_000 }, 3_000);
      await f.store.saveProgress({ missionId: 'm-1', participantId: 'p-b', progress: 2, completedAt: null }, 3_000);
      await f.store.saveProgress({ missionId: 'm-1', participantId: 'p-B', progress: 2, completedAt: null }, 3_000);
      await f.store.saveProgress({ missionId: 'm-1', participantId: 'p-a', progress: 2, completedAt: null }, 3_000);
      await f.store.saveProgress({ missionId: 'm-2', participantId: 'p-1', progress: 9, completedAt: null }, 3_000);
      expect(await f.store.progress('m-1', 'p-1')).toEqual({ missionId: 'm-1', participantId: 'p-1', progress: 5, completedAt: 3_000 });
      expect(await f.query("SELECT updated_at FROM mission_progress WHERE mission_id = 'm-1' AND participant_id = 'p-1'")).toEqual([{ updated_at: 3_000 }]);
      expect(await f.store.progressOfMission('m-1')).toEqual([
        { missionId: 'm-1', participantId: 'p-1', progress: 5, completedAt: 3_000 },
        { missionId: 'm-1', participantId: 'p-B', progress: 2, completedAt: null },
        { missionId: 'm-1', participantId: 'p-a', progress: 2, completedAt: null },
        { missionId: 'm-1', participantId: 'p-b', progress: 2, completedAt: null },
      ]);
      // a completion can be taken back (completedAt back to null)
      await f.store.saveProgress({ missionId: 'm-1', participantId: 'p-1', progress: 4, completedAt: null }, 4_000);
      expect(await f.store.progress('m-1', 'p-1')).toEqual({ missionId: 'm-1', participantId: 'p-1', progress: 4, completedAt: null });
      // progress of a mission that does not exist has nothing to belong to
      await expect(f.store.saveProgress({ missionId: 'm-ghost', participantId: 'p-1', progress: 1, completedAt: null }, 4_000)).rejects.toThrow();
    });

    it('adds up contributions of the same item, person and participant; finds, removes and clears them', async () => {
      await f.store.create(mission('m-1'), 'p-admin', 1_000);
      await f.store.create(mission('m-2'), 'p-admin', 1_000);
      const c = (missionId: string, participantId: string, itemKey: string, personId: string, amount: number): ContributionRow => ({ missionId, participantId, itemKey, personId, amount });
      await f.store.addContribution(c('m-1', 't-1', 'alarm:1', 'p-1', 2), 2_000);
      await f.store.addContribution(c('m-1', 't-1', 'alarm:1', 'p-1', 3), 2_500); // the same key again: added up
      await f.store.addContribution(c('m-1', 't-1', 'alarm:1', 'p-2', 1), 2_000);
      await f.store.addContribution(c('m-2', 'p-1', 'alarm:1', 'p-1', 4), 2_000);
      await f.store.addContribution(c('m-1', 't-1', 'alarm:2', 'p-1', 1), 2_000);
      await f.store.addContribution(c('m-1', 't-2', 'alarm:3', 'p-3', 1), 2_000);
      expect(await f.query("SELECT amount, at FROM mission_contributions WHERE mission_id = 'm-1' AND item_key = 'alarm:1' AND person_id = 'p-1'")).toEqual([{ amount: 5, at: 2_500 }]);
      expect((await f.store.contributionsForItem('alarm:1')).sort(byKey)).toEqual([
        c('m-1', 't-1', 'alarm:1', 'p-1', 5),
        c('m-1', 't-1', 'alarm:1', 'p-2', 1),
        c('m-2', 'p-1', 'alarm:1', 'p-1', 4),
      ]);
      expect(await f.store.contributionsForItem('alarm:none')).toEqual([]);

      await f.store.removeContribution(c('m-1', 't-1', 'alarm:1', 'p-1', 5));
      await f.store.removeContribution(c('m-1', 't-1', 'alarm:nope', 'p-1', 1)); // nothing to remove, no error
      expect((await f.store.contributionsForItem('alarm:1')).sort(byKey)).toEqual([c('m-1', 't-1', 'alarm:1', 'p-2', 1), c('m-2', 'p-1', 'alarm:1', 'p-1', 4)]);

      await f.store.clearContributions('m-1', 't-1');
      expect(await f.store.contributionsForItem('alarm:2')).toEqual([]);
      expect(await f.store.contributionsForItem('alarm:1')).toEqual([c('m-2', 'p-1', 'alarm:1', 'p-1', 4)]);
      expect(await f.store.contributionsForItem('alarm:3')).toEqual([c('m-1', 't-2', 'alarm:3', 'p-3', 1)]);
    });

    it('names each contributor of a participant once, in byte order', async () => {
      await f.store.create(mission('m-1', { scope: 'team' }), 'p-admin', 1_000);
      for (const [item, person] of [
        ['alarm:1', 'p-b'],
        ['alarm:2', 'p-b'],
        ['alarm:1', 'p-B'],
        ['alarm:3', 'p-a'],
      ] as const) {
        await f.store.addContribution({ missionId: 'm-1', participantId: 't-1', itemKey: item, personId: person, amount: 1 }, 2_000);
      }
      await f.store.addContribution({ missionId: 'm-1', participantId: 't-2', itemKey: 'alarm:9', personId: 'p-z', amount: 1 }, 2_000);
      expect(await f.store.contributors('m-1', 't-1')).toEqual(['p-B', 'p-a', 'p-b']);
      expect(await f.store.contributors('m-1', 't-2')).toEqual(['p-z']);
      expect(await f.store.contributors('m-1', 't-none')).toEqual([]);
    });

    it('tells whether a ledger entry exists', async () => {
      await f.seed(
        `INSERT INTO ledger (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, day, week, month)
         VALUES ('side:mission:m-1:p-1', 'p-1', NULL, 50, 'mission:m-1', 1, 'side:mission', 'mission:m-1', 'Mission completed', 1000, '2026-01-05', '2026-01-05', '2026-01')`,
      );
      expect(await f.store.hasLedgerEntry('side:mission:m-1:p-1')).toBe(true);
      expect(await f.store.hasLedgerEntry('side:mission:m-1:p-2')).toBe(false);
      expect(await f.store.hasLedgerEntry('SIDE:MISSION:M-1:P-1')).toBe(false);
    });

    it('rolls back what a failed unit of work wrote', async () => {
      await f.store.create(mission('m-1'), 'p-admin', 1_000);
      await expect(
        f.uow.run(async () => {
          await f.store.create(mission('m-2'), 'p-admin', 2_000);
          await f.store.saveVersion(mission('m-1', { version: 2, title: 'changed' }), 'p-lead', 2_000);
          await f.store.setStatus('m-1', 'ended');
          await f.store.saveProgress({ missionId: 'm-1', participantId: 'p-1', progress: 3, completedAt: null }, 2_000);
          await f.store.addContribution({ missionId: 'm-1', participantId: 'p-1', itemKey: 'alarm:1', personId: 'p-1', amount: 3 }, 2_000);
          expect((await f.store.find('m-1'))?.status).toBe('ended'); // the unit reads its own writes
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await f.store.find('m-2')).toBeUndefined();
      expect(await f.store.find('m-1')).toMatchObject({ version: 1, title: 'Mission m-1', status: 'active' });
      expect(await f.store.versions('m-1')).toEqual([1]);
      expect(await f.store.progress('m-1', 'p-1')).toBeUndefined();
      expect(await f.store.contributionsForItem('alarm:1')).toEqual([]);
    });
  });
}
