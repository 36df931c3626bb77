import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActorMappingView, ApiError, UnknownActorView } from '@opsquest/contracts';
import { checkConsistency } from '../services/views/consistency.service';
import { fieldPaths, getJson, isoFromNow, postJson, uniqueKey } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

/**
 * Unknown people are not people: work done under a name that is nobody here pays nobody until an admin
 * maps the name to a person. Then the name's earlier work is paid to the person, as a release of held
 * work is paid, exactly once; the name's later work is the person's. Real HTTP, real SQLite file.
 */
describe('unknown actors mapped to a person, with back-pay', () => {
  let t: TestServer;
  const cookies: Record<'eng' | 'lead' | 'admin', string> = { eng: '', lead: '', admin: '' };
  beforeAll(async () => {
    t = await startTestServer();
    for (const name of Object.keys(cookies) as (keyof typeof cookies)[]) cookies[name] = await login(t.url, name);
  });
  afterAll(async () => {
    await t.close();
  });

  const alarm = (externalKey: string, transition: string, occurredAt: string, actor?: string) =>
    postEvents(t.url, {
      source: 'nms',
      stream: 'alarm',
      externalKey,
      transition,
      occurredAt,
      ...(actor !== undefined ? { actor } : {}),
      attributes: { perceivedSeverity: 'major', title: `Link down ${externalKey}` },
    });
  const totalOf = async (personId: string): Promise<number> => (await t.server.repos.ledger.totalsByPerson()).get(personId) ?? 0;
  const unknown = async (): Promise<UnknownActorView[]> => (await getJson<{ actors: UnknownActorView[] }>(t.url, '/api/admin/unknown-actors', { cookie: cookies.admin })).body.actors;
  const map = (body: unknown, cookie = cookies.admin) => postJson<ActorMappingView & ApiError>(t.url, '/api/admin/unknown-actors/map', body, { cookie });

  it("pays nobody for a stranger's work, then pays the mapped person exactly once; later work is the person's", async () => {
    const key = uniqueKey('STRANGER');
    expect((await alarm(key, 'raised', isoFromNow(-10 * 60_000))).status).toBe(201);
    expect((await alarm(key, 'acknowledged', isoFromNow(-8 * 60_000), 'j.doe')).status).toBe(201);
    expect((await alarm(key, 'cleared', isoFromNow(-2 * 60_000), 'j.doe')).status).toBe(201);
    const before = await totalOf('p-eng2');
    expect((await t.server.repos.ledger.totalsByPerson()).size).toBe(0);
    expect((await unknown()).map((a) => a.actor)).toContain('j.doe');

    // only an admin maps, with a body naming the actor and the person
    expect((await map({ actor: 'j.doe', personId: 'p-eng2' }, cookies.lead)).status).toBe(403);
    const bad = await map({ personId: 'p-eng2' });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body)).toContain('body.actor');
    expect((await map({ actor: 'j.doe', personId: 'p-nobody' })).status).toBe(404);
    expect((await map({ actor: 'never-seen', personId: 'p-eng2' })).status).toBe(404);
    expect((await map({ actor: 'eng', personId: 'p-eng2' })).status).toBe(409);

    const res = await map({ actor: 'J.Doe', personId: 'p-eng2' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ personId: 'p-eng2', events: 2 });
    expect(res.body.points).toBeGreaterThan(0);
    expect(await totalOf('p-eng2')).toBe(before + res.body.points);
    const entries = await t.server.repos.ledger.recentForPerson('p-eng2', 50);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.entryId.startsWith('side:backpay:') && e.reason.startsWith('Back-pay:'))).toBe(true);
    expect((await unknown()).map((a) => a.actor)).not.toContain('j.doe');
    // XP follows the ledger
    expect((await t.server.repos.progress.find('p-eng2'))?.xp).toBe(await totalOf('p-eng2'));

    // mapping again pays nothing twice
    expect((await map({ actor: 'j.doe', personId: 'p-eng2' })).status).toBe(409);
    expect(await totalOf('p-eng2')).toBe(before + res.body.points);

    // from now on the name is the person: a new alarm acknowledged and cleared under it pays eng2 directly
    const next = uniqueKey('MAPPED');
    expect((await alarm(next, 'raised', isoFromNow(-5 * 60_000))).status).toBe(201);
    expect((await alarm(next, 'acknowledged', isoFromNow(-4 * 60_000), 'j.doe')).status).toBe(201);
    expect((await alarm(next, 'cleared', isoFromNow(-60_000), 'j.doe')).status).toBe(201);
    const item = (await t.server.repos.workItems.findByKey(`alarm:nms:${next}`))?.item;
    expect(item?.status).toBe('cleared');
    expect(await totalOf('p-eng2')).toBeGreaterThan(before + res.body.points);
    // the audit says who mapped what
    const audit = (await getJson<{ entries: { action: string }[] }>(t.url, '/api/audit?limit=50', { cookie: cookies.admin })).body.entries ?? [];
    expect(audit.some((a) => a.action === 'actor.mapped')).toBe(true);
  });

  it('the consistency checker agrees (back-pay is side work; the mapped events replay as the person)', async () => {
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.streakMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
