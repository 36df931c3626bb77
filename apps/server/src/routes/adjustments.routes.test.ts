import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdjustmentView, AuditEntryView, PersonView } from '@opsquest/contracts';
import { checkConsistency } from '../services/views/consistency.service';
import { fieldPaths, getJson, postJson } from '../../test-support/http';
import { login, startTestServer, type TestServer } from '../../test-support/test-server';
import { allPages } from '../../test-support/all-pages';

describe('manual point adjustments', () => {
  let t: TestServer;
  let lead: string;
  let admin: string;
  let eng: string;
  beforeAll(async () => {
    t = await startTestServer();
    [lead, admin, eng] = await Promise.all([login(t.url, 'lead'), login(t.url, 'admin'), login(t.url, 'eng')]);
  });
  afterAll(async () => {
    await t.close();
  });

  const allTime = async (personId: string): Promise<number> =>
    (await t.server.repos.leaderboard.snapshot()).find((s) => s.scope === 'individual' && s.window === 'all' && s.subjectId === personId)?.points ?? 0;
  const ledgerCount = async (): Promise<number> => (await allPages(t.server.repos.ledger.pages())).length;

  it('a lead adjusts a member of their team: ledger, leaderboard, XP, feed, history and audit', async () => {
    const res = await postJson<AdjustmentView>(t.url, '/api/people/p-eng/adjustments', { points: 40, reason: 'Weekend cover for the migration' }, { cookie: lead });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ personId: 'p-eng', points: 40, reason: 'Adjustment by Leo Lead: Weekend cover for the migration' });
    expect(res.body.entryId).toMatch(/^side:adjustment:/);

    const entry = (await allPages(t.server.repos.ledger.pages())).find((e) => e.entryId === res.body.entryId);
    expect(entry).toMatchObject({ personId: 'p-eng', teamId: 't-noc', points: 40, ruleId: 'adjustment', ruleVersion: 1 });
    expect(await allTime('p-eng')).toBe(40);
    expect((await t.server.repos.progress.find('p-eng'))?.xp).toBe(40);
    expect((await t.server.repos.feed.recent(5, 't-noc')).some((f) => f.text.includes('Weekend cover for the migration'))).toBe(true);

    const person = await getJson<PersonView>(t.url, '/api/people/p-eng', { cookie: eng });
    expect(person.body.history[0]?.reason).toBe('Adjustment by Leo Lead: Weekend cover for the migration');

    const audit = await getJson<{ entries: AuditEntryView[] }>(t.url, '/api/audit?action=points.', { cookie: lead });
    expect(audit.body.entries[0]).toMatchObject({ action: 'points.adjusted', actorId: 'p-lead', actorName: 'Leo Lead', targetType: 'person', targetId: 'p-eng', reason: 'Weekend cover for the migration' });
    expect(audit.body.entries[0]?.details).toMatchObject({ points: 40, entryId: res.body.entryId });

    const down = await postJson<AdjustmentView>(t.url, '/api/people/p-eng/adjustments', { points: -15, reason: 'Double-counted ticket' }, { cookie: lead });
    expect(down.status).toBe(201);
    expect(await allTime('p-eng')).toBe(25);
    expect((await checkConsistency(t.server.repos, t.server.services.engine)).ok).toBe(true);
  });

  it('an admin adjusts anyone', async () => {
    const res = await postJson(t.url, '/api/people/p-tech/adjustments', { points: 10, reason: 'Helped the NOC' }, { cookie: admin });
    expect(res.status).toBe(201);
    expect(await allTime('p-tech')).toBe(10);
  });

  it('403 for another team, for oneself and for engineers; 404 for nobody; nothing stored', async () => {
    const before = await ledgerCount();
    const auditBefore = (await t.server.repos.audit.recent(500)).length;
    expect((await postJson(t.url, '/api/people/p-tech/adjustments', { points: 10, reason: 'Not my team' }, { cookie: lead })).status).toBe(403);
    expect((await postJson(t.url, '/api/people/p-lead/adjustments', { points: 10, reason: 'Myself' }, { cookie: lead })).status).toBe(403);
    expect((await postJson(t.url, '/api/people/p-admin/adjustments', { points: 10, reason: 'Myself' }, { cookie: admin })).status).toBe(403);
    expect((await postJson(t.url, '/api/people/p-eng2/adjustments', { points: 10, reason: 'Colleague' }, { cookie: eng })).status).toBe(403);
    expect((await postJson(t.url, '/api/people/p-eng2/adjustments', { points: 10, reason: 'Colleague' })).status).toBe(401);
    expect((await postJson(t.url, '/api/people/p-nobody/adjustments', { points: 10, reason: 'Who?' }, { cookie: admin })).status).toBe(404);
    expect(await ledgerCount()).toBe(before);
    expect(await t.server.repos.audit.recent(500)).toHaveLength(auditBefore);
  });

  it('400 naming the field for bad points or reason', async () => {
    const before = await ledgerCount();
    const cases: [unknown, string][] = [
      [{ points: 0, reason: 'Nothing' }, 'body.points'],
      [{ points: 1001, reason: 'Too much' }, 'body.points'],
      [{ points: -1001, reason: 'Too much' }, 'body.points'],
      [{ points: 2.5, reason: 'Half' }, 'body.points'],
      [{ points: '5', reason: 'String' }, 'body.points'],
      [{ points: 5 }, 'body.reason'],
      [{ points: 5, reason: 'ab' }, 'body.reason'],
      [{ points: 5, reason: 'x'.repeat(281) }, 'body.reason'],
      [{ points: 5, reason: 'Fine', extra: 1 }, 'body.extra'],
    ];
    for (const [body, field] of cases) {
      const res = await postJson(t.url, '/api/people/p-eng2/adjustments', body, { cookie: lead });
      expect([res.status, fieldPaths(res.body)]).toEqual([400, [field]]);
    }
    expect(await ledgerCount()).toBe(before);
  });

  it('the audit log: newest first, limit and action filter validated', async () => {
    const all = await getJson<{ entries: AuditEntryView[] }>(t.url, '/api/audit?limit=2', { cookie: admin });
    expect(all.body.entries).toHaveLength(2);
    expect(all.body.entries[0]!.seq).toBeGreaterThan(all.body.entries[1]!.seq);
    expect(typeof all.body.entries[0]!.at).toBe('string');
    const bad = await getJson(t.url, '/api/audit?limit=0', { cookie: admin });
    expect([bad.status, fieldPaths(bad.body)]).toEqual([400, ['query.limit']]);
    const none = await getJson<{ entries: AuditEntryView[] }>(t.url, '/api/audit?action=rules.', { cookie: admin });
    expect(none.body.entries).toEqual([]);
  });
});
