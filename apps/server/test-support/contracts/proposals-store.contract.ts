import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewProposal, ProposalRow, ProposalsStore } from '../../src/services/ports/proposals-store';
import { openSeeded } from './seed-sql';
import type { OpenStore, StoreFixture } from './store-fixture';

const PEOPLE = `INSERT INTO teams (id, name, created_at) VALUES ('t-noc', 'NOC', 0), ('t-field', 'Field', 0);
INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES
  ('p-ann', 'ann', 'Ann Archer', 'engineer', 't-noc', 'x', 0),
  ('p-bob', 'bob', 'Bob Baker', 'technician', 't-field', 'x', 0),
  ('p-lead', 'lead', 'Lena Lead', 'lead', 't-noc', 'x', 0)`;

const proposal = (id: string, over: Partial<NewProposal> = {}): NewProposal => ({
  id,
  kind: 'badge',
  proposedBy: 'p-ann',
  teamId: 't-noc',
  title: `Proposal ${id}`,
  content: { id: `badge-${id}`, name: 'Night owl', threshold: 3, tags: ['night', 'ops'], nested: { ok: true, none: null } },
  createdAt: 1_000,
  ...over,
});

const decision = (over: Partial<{ status: 'approved' | 'rejected'; decidedBy: string; at: number; reason: string; resultId: string | null }> = {}) => ({
  status: 'approved' as const,
  decidedBy: 'p-lead',
  at: 5_000,
  reason: 'good idea',
  resultId: null,
  ...over,
});

/** Proposals of missions and badges: created pending, decided once, listed newest first, rollback. */
export function describeProposalsStoreContract(engine: string, open: OpenStore<ProposalsStore>): void {
  describe(`ProposalsStore contract (${engine})`, () => {
    let f: StoreFixture<ProposalsStore>;
    beforeEach(async () => {
      f = await openSeeded(open, PEOPLE);
    });
    afterEach(async () => {
      await f.close();
    });

    const ids = (rows: ProposalRow[]): string[] => rows.map((r) => r.id);

    it('has no proposals on a fresh database', async () => {
      expect(await f.store.find('x')).toBeUndefined();
      expect(await f.store.listAll()).toEqual([]);
      expect(await f.store.listByPerson('p-ann')).toEqual([]);
      expect(await f.store.listByTeam('t-noc')).toEqual([]);
      expect(await f.store.listApprovedBadges()).toEqual([]);
      expect(await f.store.resultIdInUse('badge', 'anything')).toBe(false);
    });

    it('creates a pending proposal and reads it back with the proposer name and its content', async () => {
      await f.store.create(proposal('pr-1'));
      expect(await f.store.find('pr-1')).toEqual({
        id: 'pr-1',
        kind: 'badge',
        status: 'pending',
        proposedBy: 'p-ann',
        proposedByName: 'Ann Archer',
        teamId: 't-noc',
        title: 'Proposal pr-1',
        content: { id: 'badge-pr-1', name: 'Night owl', threshold: 3, tags: ['night', 'ops'], nested: { ok: true, none: null } },
        createdAt: 1_000,
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
        reason: null,
        resultId: null,
      });
      await f.store.create(proposal('pr-2', { kind: 'mission', teamId: null, content: 'just text', proposedBy: 'p-bob' }));
      expect(await f.store.find('pr-2')).toMatchObject({ kind: 'mission', teamId: null, content: 'just text', proposedByName: 'Bob Baker' });
      expect(await f.store.find('PR-1')).toBeUndefined();
    });

    it('refuses a second proposal with the same id, and a proposer who is not a person', async () => {
      await f.store.create(proposal('pr-1', { title: 'first' }));
      await expect(f.store.create(proposal('pr-1', { title: 'second' }))).rejects.toThrow();
      await expect(f.store.create(proposal('pr-2', { proposedBy: 'p-nobody' }))).rejects.toThrow();
      expect(await f.store.listAll()).toHaveLength(1);
      expect((await f.store.find('pr-1'))?.title).toBe('first');
    });

    it('records a decision once: a second decision, or one on a missing proposal, is refused with false', async () => {
      await f.store.create(proposal('pr-1'));
      expect(await f.store.setDecision('pr-1', decision({ resultId: 'badge-night-owl' }))).toBe(true);
      expect(await f.store.setDecision('pr-1', decision({ status: 'rejected', reason: 'changed my mind', at: 6_000 }))).toBe(false);
      expect(await f.store.setDecision('pr-missing', decision())).toBe(false);
      expect(await f.store.find('pr-1')).toMatchObject({
        status: 'approved',
        decidedBy: 'p-lead',
        decidedByName: 'Lena Lead',
        decidedAt: 5_000,
        reason: 'good idea',
        resultId: 'badge-night-owl',
      });
      await f.store.create(proposal('pr-2'));
      expect(await f.store.setDecision('pr-2', decision({ status: 'rejected', reason: 'not now' }))).toBe(true);
      expect(await f.store.find('pr-2')).toMatchObject({ status: 'rejected', reason: 'not now', resultId: null, decidedByName: 'Lena Lead' });
    });

    it('knows which result ids are taken, per kind, and refuses the same result id twice for a kind', async () => {
      await f.store.create(proposal('pr-1'));
      await f.store.create(proposal('pr-2'));
      await f.store.create(proposal('pr-3', { kind: 'mission' }));
      await f.store.setDecision('pr-1', decision({ resultId: 'night-owl' }));
      expect(await f.store.resultIdInUse('badge', 'night-owl')).toBe(true);
      expect(await f.store.resultIdInUse('mission', 'night-owl')).toBe(false);
      expect(await f.store.resultIdInUse('badge', 'Night-Owl')).toBe(false);
      await expect(f.store.setDecision('pr-2', decision({ resultId: 'night-owl' }))).rejects.toThrow();
      expect((await f.store.find('pr-2'))?.status).toBe('pending');
      expect(await f.store.setDecision('pr-3', decision({ resultId: 'night-owl' }))).toBe(true);
      expect(await f.store.resultIdInUse('mission', 'night-owl')).toBe(true);
    });

    it('lists newest first (ties by id in byte order), by proposer, by team and all', async () => {
      await f.store.create(proposal('pr-a', { createdAt: 1_000 }));
      await f.store.create(proposal('pr-b', { createdAt: 2_000 }));
      await f.store.create(proposal('pr-C', { createdAt: 2_000, proposedBy: 'p-bob', teamId: 't-field' }));
      await f.store.create(proposal('pr-A', { createdAt: 2_000, kind: 'mission' }));
      await f.store.create(proposal('pr-d', { createdAt: 500, proposedBy: 'p-bob', teamId: null }));
      expect(ids(await f.store.listAll())).toEqual(['pr-A', 'pr-C', 'pr-b', 'pr-a', 'pr-d']);
      expect(ids(await f.store.listByPerson('p-ann'))).toEqual(['pr-A', 'pr-b', 'pr-a']);
      expect(ids(await f.store.listByPerson('p-bob'))).toEqual(['pr-C', 'pr-d']);
      expect(ids(await f.store.listByPerson('p-lead'))).toEqual([]);
      expect(ids(await f.store.listByTeam('t-noc'))).toEqual(['pr-A', 'pr-b', 'pr-a']);
      expect(ids(await f.store.listByTeam('t-field'))).toEqual(['pr-C']);
      expect(ids(await f.store.listByTeam('T-NOC'))).toEqual([]);
    });

    it('lists approved badge proposals in the order they were decided', async () => {
      await f.store.create(proposal('pr-a'));
      await f.store.create(proposal('pr-2'));
      await f.store.create(proposal('pr-3'));
      await f.store.create(proposal('pr-4', { kind: 'mission' }));
      await f.store.create(proposal('pr-5'));
      await f.store.create(proposal('pr-Z'));
      await f.store.setDecision('pr-a', decision({ at: 9_000, resultId: 'b1' }));
      await f.store.setDecision('pr-2', decision({ at: 7_000, resultId: 'b2' }));
      await f.store.setDecision('pr-3', decision({ at: 8_000, status: 'rejected' }));
      await f.store.setDecision('pr-4', decision({ at: 1_000, resultId: 'm4' }));
      await f.store.setDecision('pr-Z', decision({ at: 9_000, resultId: 'bz' }));
      // pr-5 stays pending
      expect(ids(await f.store.listApprovedBadges())).toEqual(['pr-2', 'pr-Z', 'pr-a']);
      expect((await f.store.listApprovedBadges())[0]).toMatchObject({ status: 'approved', kind: 'badge', decidedAt: 7_000, resultId: 'b2' });
    });

    it('rolls back proposals created and decided in a unit of work that fails', async () => {
      await f.store.create(proposal('pr-kept'));
      await expect(
        f.uow.run(async () => {
          await f.store.create(proposal('pr-new'));
          expect(await f.store.setDecision('pr-kept', decision({ resultId: 'kept-badge' }))).toBe(true);
          expect(await f.store.resultIdInUse('badge', 'kept-badge')).toBe(true);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await f.store.find('pr-new')).toBeUndefined();
      expect(await f.store.find('pr-kept')).toMatchObject({ status: 'pending', decidedBy: null, resultId: null });
      expect(await f.store.resultIdInUse('badge', 'kept-badge')).toBe(false);
      // and the decision can still be made
      expect(await f.store.setDecision('pr-kept', decision())).toBe(true);
    });
  });
}
