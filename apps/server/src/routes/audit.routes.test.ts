import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, CreatedApiKey, CreatedWebhook } from '@opsquest/contracts';
import { getJson, postJson, sendJson } from '../../test-support/http';
import { login, startTestServer, type TestServer } from '../../test-support/test-server';

describe('audit log', () => {
  let t: TestServer;
  let admin: string;

  beforeAll(async () => {
    t = await startTestServer();
    admin = await login(t.url, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  const entries = async (action: string): Promise<AuditEntryView[]> => (await getJson<{ entries: AuditEntryView[] }>(t.url, `/api/audit?action=${action}`, { cookie: admin })).body.entries;

  it('records who created and revoked API keys and webhooks (never the secrets)', async () => {
    const key = await postJson<CreatedApiKey>(t.url, '/api/admin/api-keys', { name: 'NMS', scopes: ['events:write'] }, { cookie: admin });
    expect(key.status).toBe(201);
    expect((await postJson(t.url, `/api/admin/api-keys/${key.body.id}/revoke`, undefined, { cookie: admin })).status).toBe(200);
    const hook = await postJson<CreatedWebhook>(t.url, '/api/admin/webhooks', { name: 'HR', url: 'http://127.0.0.1:9/hook', events: ['badge.earned'] }, { cookie: admin });
    expect(hook.status).toBe(201);
    expect((await sendJson(t.url, 'DELETE', `/api/admin/webhooks/${hook.body.id}`, undefined, { cookie: admin })).status).toBe(204);

    const keys = await entries('api-key.');
    expect(keys.map((e) => e.action)).toEqual(['api-key.revoked', 'api-key.created']);
    expect(keys.every((e) => e.actorId === 'p-admin' && e.targetId === key.body.id)).toBe(true);
    const hooks = await entries('webhook.');
    expect(hooks.map((e) => e.action)).toEqual(['webhook.removed', 'webhook.created']);
    const text = JSON.stringify([...keys, ...hooks]);
    expect(text).not.toContain(key.body.key);
    expect(text).not.toContain(hook.body.secret);
  });

  it('is append-only: the database refuses to change or delete a record', async () => {
    const seq = await t.server.repos.audit.record(Date.now(), { actorId: 'p-admin', action: 'test.append-only' });
    expect(() => t.server.db.prepare('UPDATE audit_log SET action = ? WHERE seq = ?').run('test.rewritten', seq)).toThrow(/append-only/);
    expect(() => t.server.db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq)).toThrow(/append-only/);
    expect(() => t.server.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    const row = t.server.db.prepare('SELECT action FROM audit_log WHERE seq = ?').get(seq) as { action: string } | undefined;
    expect(row?.action).toBe('test.append-only');
  });

  it("a lead reads the rules and their own team's records, not other teams' people or security events", async () => {
    const now = Date.now();
    await t.server.repos.audit.record(now, { actorId: 'p-admin', action: 'points.adjusted', targetType: 'person', targetId: 'p-tech', reason: 'other team' });
    await t.server.repos.audit.record(now, { actorId: 'p-lead', action: 'points.adjusted', targetType: 'person', targetId: 'p-eng', reason: 'own team' });
    await t.server.repos.audit.record(now, { actorId: 'p-admin', action: 'rules.published', targetType: 'rule-set', targetId: '2' });
    await t.server.repos.audit.record(now, { actorId: null, action: 'login.locked', targetType: 'username', targetId: 'someone' });
    const lead = await getJson<{ entries: AuditEntryView[] }>(t.url, '/api/audit?limit=50', { cookie: await login(t.url, 'lead') });
    const seen = lead.body.entries.map((e) => `${e.action}:${e.targetId ?? ''}`);
    expect(seen).toEqual(expect.arrayContaining(['points.adjusted:p-eng', 'rules.published:2']));
    expect(seen).not.toContain('points.adjusted:p-tech');
    expect(seen.some((s) => s.startsWith('login.'))).toBe(false);
    const all = (await getJson<{ entries: AuditEntryView[] }>(t.url, '/api/audit?limit=50', { cookie: admin })).body.entries.map((e) => `${e.action}:${e.targetId ?? ''}`);
    expect(all).toEqual(expect.arrayContaining(['points.adjusted:p-tech', 'login.locked:someone']));
  });

  it('engineers and technicians cannot read it; anonymous gets 401', async () => {
    expect((await getJson(t.url, '/api/audit', { cookie: await login(t.url, 'eng') })).status).toBe(403);
    expect((await getJson(t.url, '/api/audit', { cookie: await login(t.url, 'tech') })).status).toBe(403);
    expect((await getJson(t.url, '/api/audit')).status).toBe(401);
  });
});
