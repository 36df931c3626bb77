import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRow, AuditStore } from '../../src/services/ports/audit-store';
import type { OpenStore, StoreFixture } from './store-fixture';

const actions = (rows: AuditRow[]): string[] => rows.map((r) => r.action);

/** The AuditStore port's promises (append-only, newest first, a lead's narrower view), the same on every engine. */
export function describeAuditStoreContract(engine: string, open: OpenStore<AuditStore>): void {
  describe(`AuditStore contract (${engine})`, () => {
    let f: StoreFixture<AuditStore>;
    let audit: AuditStore;
    beforeEach(async () => {
      f = await open();
      audit = f.store;
      await f.seed(`INSERT INTO teams (id, name, created_at) VALUES ('t-core', 'Core', 0);
        INSERT INTO teams (id, name, created_at) VALUES ('t-edge', 'Edge', 0);
        INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-lead', 'lea', 'Lea Lead', 'lead', 't-core', 'x', 0);
        INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-core', 'cora', 'Cora', 'engineer', 't-core', 'x', 0);
        INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-edge', 'ed', 'Ed', 'engineer', 't-edge', 'x', 0);
        INSERT INTO people (id, username, display_name, role, team_id, password_hash, created_at) VALUES ('p-none', 'nora', 'Nora', 'admin', NULL, 'x', 0);`);
    });
    afterEach(async () => {
      await f.close();
    });

    it('appends records with rising sequence numbers and reads them back newest first, as written', async () => {
      expect(await audit.recent(10)).toEqual([]);
      const s1 = await audit.record(1_000, { actorId: 'p-lead', action: 'points.adjusted', targetType: 'person', targetId: 'p-core', reason: 'late night fix', details: { points: 50, nested: { list: [1, 'two', null] } } });
      const s2 = await audit.record(2_000, { actorId: null, action: 'retention.purged' });
      const s3 = await audit.record(3_000, { actorId: 'p-gone', action: 'rules.published', details: null });
      const s4 = await audit.record(4_000, { actorId: 'p-none', action: 'settings.changed', details: 'plain' });
      expect(s2).toBeGreaterThan(s1);
      expect(s3).toBeGreaterThan(s2);
      expect(s4).toBeGreaterThan(s3);
      expect(await audit.recent(10)).toEqual([
        { seq: s4, at: 4_000, actorId: 'p-none', actorName: 'Nora', action: 'settings.changed', targetType: null, targetId: null, reason: null, details: 'plain' },
        { seq: s3, at: 3_000, actorId: 'p-gone', actorName: null, action: 'rules.published', targetType: null, targetId: null, reason: null, details: null },
        { seq: s2, at: 2_000, actorId: null, actorName: null, action: 'retention.purged', targetType: null, targetId: null, reason: null, details: null },
        { seq: s1, at: 1_000, actorId: 'p-lead', actorName: 'Lea Lead', action: 'points.adjusted', targetType: 'person', targetId: 'p-core', reason: 'late night fix', details: { points: 50, nested: { list: [1, 'two', null] } } },
      ]);
      expect((await audit.recent(2)).map((r) => r.seq)).toEqual([s4, s3]);
      expect((await audit.recent(10, '')).map((r) => r.seq)).toEqual([s4, s3, s2, s1]);
      // an absent details is NULL, an explicit null is the JSON null: both read as null
      expect(await f.query<{ details: string | null }>('SELECT details FROM audit_log ORDER BY seq')).toEqual([
        { details: '{"points":50,"nested":{"list":[1,"two",null]}}' },
        { details: null },
        { details: 'null' },
        { details: '"plain"' },
      ]);
    });

    it('narrows to an action prefix, case-insensitively, newest first, within the limit', async () => {
      await audit.record(1, { actorId: 'p-lead', action: 'rules.published' });
      await audit.record(2, { actorId: 'p-lead', action: 'mission.approved' });
      await audit.record(3, { actorId: 'p-lead', action: 'rules.reverted' });
      await audit.record(4, { actorId: 'p-lead', action: 'RULES.imported' });
      await audit.record(5, { actorId: 'p-lead', action: 'rulesx.other' });
      await audit.record(6, { actorId: 'p-lead', action: 'a\\b.c' });
      expect(actions(await audit.recent(10, 'rules.'))).toEqual(['RULES.imported', 'rules.reverted', 'rules.published']);
      expect(actions(await audit.recent(2, 'Rules.'))).toEqual(['RULES.imported', 'rules.reverted']);
      expect(actions(await audit.recent(10, 'rules.published'))).toEqual(['rules.published']);
      expect(await audit.recent(10, 'nothing.')).toEqual([]);
      // the prefix is a LIKE pattern without an escape character: `_` is any one character, `\` is itself
      expect(actions(await audit.recent(10, 'rules_'))).toEqual(['rulesx.other', 'RULES.imported', 'rules.reverted', 'rules.published']);
      expect(actions(await audit.recent(10, 'a\\'))).toEqual(['a\\b.c']);
    });

    it("gives a lead everything but other teams' people and sign-in events", async () => {
      const seen = async (...args: [number, string?]): Promise<string[]> => (await audit.recentForLead(args[0], 't-core', args[1])).map((r) => `${r.action}:${r.targetId ?? '-'}`);
      await audit.record(1, { actorId: 'p-lead', action: 'points.adjusted', targetType: 'person', targetId: 'p-core' });
      await audit.record(2, { actorId: 'p-lead', action: 'points.adjusted', targetType: 'person', targetId: 'p-edge' });
      await audit.record(3, { actorId: 'p-none', action: 'person.created', targetType: 'person', targetId: 'p-none' });
      await audit.record(4, { actorId: 'p-none', action: 'person.deleted', targetType: 'person', targetId: 'p-unknown' });
      await audit.record(5, { actorId: 'p-none', action: 'person.changed', targetType: 'person' });
      await audit.record(6, { actorId: 'p-none', action: 'rules.published', targetType: 'rule_set', targetId: '7' });
      await audit.record(7, { actorId: null, action: 'retention.purged' });
      await audit.record(8, { actorId: null, action: 'login.locked', targetType: 'username', targetId: 'cora' });
      await audit.record(9, { actorId: null, action: 'LOGIN.failed' });
      await audit.record(10, { actorId: 'p-edge', action: 'mission.approved', targetType: 'mission', targetId: 'm-1', reason: 'done', details: { team: 't-edge' } });
      await audit.record(11, { actorId: 'p-lead', action: 'points.adjusted', targetType: 'person', targetId: 'p-lead' });
      expect(await seen(50)).toEqual(['points.adjusted:p-lead', 'mission.approved:m-1', 'retention.purged:-', 'rules.published:7', 'points.adjusted:p-core']);
      expect(await seen(2)).toEqual(['points.adjusted:p-lead', 'mission.approved:m-1']);
      expect(await seen(50, 'points.')).toEqual(['points.adjusted:p-lead', 'points.adjusted:p-core']);
      expect(await seen(50, 'POINTS.')).toEqual(['points.adjusted:p-lead', 'points.adjusted:p-core']);
      expect(await seen(50, 'login.')).toEqual([]);
      expect(await seen(50, '')).toHaveLength(5);
      const [mission] = await audit.recentForLead(1, 't-core', 'mission.');
      expect(mission).toEqual({ seq: mission?.seq, at: 10, actorId: 'p-edge', actorName: 'Ed', action: 'mission.approved', targetType: 'mission', targetId: 'm-1', reason: 'done', details: { team: 't-edge' } });
      // the other team's lead sees its own people instead
      expect((await audit.recentForLead(50, 't-edge', 'points.')).map((r) => r.targetId)).toEqual(['p-edge']);
      expect(await audit.recentForLead(50, 't-none', 'points.')).toEqual([]);
    });

    it('refuses to change or remove a record (the database itself keeps the log append-only)', async () => {
      const seq = await audit.record(1_000, { actorId: 'p-lead', action: 'points.adjusted', reason: 'original' });
      await expect(f.seed(`UPDATE audit_log SET reason = 'rewritten' WHERE seq = ${seq}`)).rejects.toThrow(/append-only/);
      await expect(f.seed('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      expect((await audit.recent(10)).map((r) => [r.seq, r.reason])).toEqual([[seq, 'original']]);
      await expect(f.uow.run(async () => f.seed(`UPDATE audit_log SET action = 'x' WHERE seq = ${seq}`))).rejects.toThrow(/append-only/);
      expect((await audit.recent(10))[0]?.action).toBe('points.adjusted');
    });

    it('records inside the unit of work of the change: a failed unit leaves no record', async () => {
      await audit.record(1, { actorId: 'p-lead', action: 'kept.before' });
      await expect(
        f.uow.run(async () => {
          await audit.record(2, { actorId: 'p-lead', action: 'rolled.back', details: { n: 1 } });
          expect(actions(await audit.recent(10))).toEqual(['rolled.back', 'kept.before']);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(actions(await audit.recent(10))).toEqual(['kept.before']);
      const seq = await f.uow.run(async () => audit.record(3, { actorId: 'p-lead', action: 'kept.after' }));
      expect((await audit.recent(10)).map((r) => [r.seq, r.action])).toEqual([
        [seq, 'kept.after'],
        [expect.any(Number), 'kept.before'],
      ]);
    });
  });
}
