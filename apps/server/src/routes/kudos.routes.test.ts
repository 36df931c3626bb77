import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowKeys } from '@opsquest/core';
import type { FeedItem, GiveKudosResult, KudosBudgetView, KudosListView, MeView } from '@opsquest/contracts';
import { asApiError, fieldPaths, getJson, postJson, requestHeaders } from '../../test-support/http';
import { login, startTestServer, type TestServer } from '../../test-support/test-server';
import { allPages } from '../../test-support/all-pages';

async function putJson(url: string, path: string, body: unknown, cookie: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}${path}`, { method: 'PUT', headers: requestHeaders({ cookie }, { 'content-type': 'application/json' }), body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('kudos', () => {
  let t: TestServer;
  let eng: string;
  let eng2: string;
  let tech: string;
  let lead: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestServer();
    [eng, eng2, tech, lead, admin] = await Promise.all(['eng', 'eng2', 'tech', 'lead', 'admin'].map((u) => login(t.url, u)));
  });
  afterAll(async () => {
    await t.close();
  });

  const give = (cookie: string, toPersonId: string, message: string) => postJson<GiveKudosResult>(t.url, '/api/kudos', { toPersonId, message }, { cookie });
  const pointsOf = async (personId: string): Promise<number> => (await t.server.repos.ledger.totalsByPerson()).get(personId) ?? 0;

  it('gives 5 points to the recipient once, nothing to the giver, and a feed line with the message', async () => {
    const before = { eng: await pointsOf('p-eng'), eng2: await pointsOf('p-eng2') };
    const res = await give(eng, 'p-eng2', '  Thanks for covering my <b>night</b> shift!  ');
    expect(res.status).toBe(201);
    expect(res.body.kudos).toMatchObject({ message: 'Thanks for covering my <b>night</b> shift!', from: { id: 'p-eng', name: 'Eve Engineer' }, to: { id: 'p-eng2' } });
    expect(res.body.budget).toMatchObject({ left: 2, perDay: 3 });
    expect(await pointsOf('p-eng2')).toBe(before.eng2 + 5);
    expect(await pointsOf('p-eng')).toBe(before.eng);
    // exactly one ledger entry and the board aggregates moved by the same 5
    const entries = (await allPages(t.server.repos.ledger.pages())).filter((e) => e.entryId === `side:kudos:${res.body.kudos.id}`);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ personId: 'p-eng2', points: 5, ruleId: 'kudos.received', ruleVersion: 1, reason: 'Kudos from Eve Engineer: Thanks for covering my <b>night</b> shift!' });
    const week = windowKeys(Date.now(), 'UTC').week;
    expect(await t.server.repos.leaderboard.pointsOf('individual', 'week', week, 'p-eng2')).toBe(before.eng2 + 5);
    const feed = await getJson<{ items: FeedItem[] }>(t.url, '/api/feed', { cookie: eng2 });
    const line = feed.body.items.find((f) => f.kind === 'kudos');
    expect(line).toMatchObject({ personId: 'p-eng2', fromPersonId: 'p-eng', points: 5, text: 'Eve Engineer gave kudos to Ed Engineer: “Thanks for covering my <b>night</b> shift!”' });
    const me = await getJson<MeView>(t.url, '/api/me', { cookie: eng2 });
    expect(me.body.points).toBe(before.eng2 + 5);
  });

  it('refuses kudos to oneself (400 naming toPersonId), an unknown person (404), bad messages (400)', async () => {
    const self = await give(eng2, 'p-eng2', 'me me me');
    expect(self.status).toBe(400);
    expect(fieldPaths(self.body)).toEqual(['body.toPersonId']);
    expect((await give(eng2, 'p-nobody', 'hello')).status).toBe(404);
    const long = await give(eng2, 'p-eng', 'x'.repeat(281));
    expect(long.status).toBe(400);
    expect(fieldPaths(long.body)).toEqual(['body.message']);
    const blank = await give(eng2, 'p-eng', '    ');
    expect(blank.status).toBe(400);
    expect(fieldPaths(blank.body)).toEqual(['body.message']);
    expect((await give(eng2, 'p-eng', 'x'.repeat(280))).status).toBe(201);
    const budget = await getJson<KudosBudgetView>(t.url, '/api/kudos/budget', { cookie: eng2 });
    expect(budget.body.left).toBe(2);
    const unauth = await postJson(t.url, '/api/kudos', { toPersonId: 'p-eng', message: 'hi' });
    expect(unauth.status).toBe(401);
  });

  it('allows 3 a day per giver; the 4th is 409 and changes nothing', async () => {
    for (const to of ['p-eng', 'p-eng2', 'p-lead']) expect((await give(tech, to, 'Great work today')).status).toBe(201);
    const ledgerBefore = (await allPages(t.server.repos.ledger.pages())).length;
    const over = await give(tech, 'p-eng', 'One more');
    expect(over.status).toBe(409);
    expect(asApiError(over.body).message).toBe('No kudos left today (3 a day)');
    expect((await allPages(t.server.repos.ledger.pages())).length).toBe(ledgerBefore);
    expect((await getJson<KudosBudgetView>(t.url, '/api/kudos/budget', { cookie: tech })).body.left).toBe(0);
    // another giver still has theirs
    expect((await getJson<KudosBudgetView>(t.url, '/api/kudos/budget', { cookie: lead })).body.left).toBe(3);
  });

  it('refuses kudos (409) to someone who turned them off', async () => {
    const off = await putJson(t.url, '/api/me/participation', { publicBoards: true, showInFeed: true, acceptKudos: false }, lead);
    expect(off.status).toBe(200);
    const res = await give(eng, 'p-lead', 'Thanks boss');
    expect(res.status).toBe(409);
    expect(asApiError(res.body).message).toMatch(/turned kudos off/);
    expect((await getJson<KudosBudgetView>(t.url, '/api/kudos/budget', { cookie: eng })).body.left).toBe(2);
    await putJson(t.url, '/api/me/participation', { publicBoards: true, showInFeed: true, acceptKudos: true }, lead);
  });

  it('lists received and given kudos newest first, for the person, their lead and admins only', async () => {
    const mine = await getJson<KudosListView>(t.url, '/api/kudos', { cookie: eng2 });
    expect(mine.status).toBe(200);
    expect(mine.body.received.map((k) => k.from.id)).toEqual(['p-tech', 'p-eng']);
    expect(mine.body.given.map((k) => k.to.id)).toEqual(['p-eng']);
    expect((await getJson<KudosListView>(t.url, '/api/kudos?personId=p-eng2', { cookie: lead })).status).toBe(200);
    expect((await getJson<KudosListView>(t.url, '/api/kudos?personId=p-eng2', { cookie: admin })).status).toBe(200);
    expect((await getJson<KudosListView>(t.url, '/api/kudos?personId=p-eng2', { cookie: tech })).status).toBe(403);
    expect((await getJson<KudosListView>(t.url, '/api/kudos?limit=0', { cookie: tech })).status).toBe(400);
  });

  it('earns the Team Player badge (and its bonus, once) at the 5th kudos received', async () => {
    // p-eng has received 2 so far (tech, eng2); admin and two fresh givers add 3 more.
    expect(await t.server.repos.kudos.countReceived('p-eng')).toBe(2);
    expect((await give(admin, 'p-eng', 'Nice')).status).toBe(201);
    expect((await give(admin, 'p-eng', 'Nice again')).status).toBe(201);
    expect((await t.server.repos.progress.find('p-eng'))?.badges['team-player']).toBeUndefined();
    const before = await pointsOf('p-eng');
    expect((await give(lead, 'p-eng', 'Fifth!')).status).toBe(201);
    const progress = await t.server.repos.progress.find('p-eng');
    expect(progress?.badges['team-player']).toBeTypeOf('number');
    expect(progress?.badges['team-player-silver']).toBeUndefined();
    expect(progress?.counters['team-player']).toBe(5);
    const bonus = t.server.services.engine.badges.find((b) => b.id === 'team-player')?.bonusPoints ?? 0;
    expect(await pointsOf('p-eng')).toBe(before + 5 + bonus);
    const bonusEntries = (await allPages(t.server.repos.ledger.pages())).filter((e) => e.entryId === 'side:kudos:team-player:p-eng');
    expect(bonusEntries).toHaveLength(1);
    expect(bonusEntries[0]).toMatchObject({ ruleId: 'badge:team-player', ruleVersion: 1 });
    const me = await getJson<MeView>(t.url, '/api/me', { cookie: eng });
    expect(me.body.badges.find((b) => b.id === 'team-player')).toMatchObject({ earned: true });
    const feed = await getJson<{ items: FeedItem[] }>(t.url, '/api/feed', { cookie: eng });
    expect(feed.body.items.some((f) => f.kind === 'badge' && f.personId === 'p-eng' && f.text.includes('Team Player'))).toBe(true);
  });
});
