import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedItem, LeaderboardView, ParticipationView, WallView } from '@opsquest/contracts';
import { hashPassword } from '../../security/password';
import { connected, getJson, liveSocket, postJson, waitFor, type LiveSocket, requestHeaders } from '../../../test-support/http';
import { login, startTestServer, TEST_PASSWORD, type TestServer } from '../../../test-support/test-server';

type Who = 'self' | 'sameTeamEngineer' | 'otherTeamEngineer' | 'sameTeamLead' | 'otherTeamLead' | 'admin';
const USERS: Record<Who, string> = { self: 'eng2', sameTeamEngineer: 'eng', otherTeamEngineer: 'eng3', sameTeamLead: 'lead', otherTeamLead: 'lead2', admin: 'admin' };
/** who sees Ed Engineer (p-eng2, t-noc) once he hides from boards and the feed */
const SEES_NAME: Record<Who, boolean> = { self: true, sameTeamEngineer: false, otherTeamEngineer: false, sameTeamLead: true, otherTeamLead: false, admin: true };
const ROLES = Object.keys(USERS) as Who[];

async function putJson(url: string, path: string, body: unknown, cookie: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}${path}`, { method: 'PUT', headers: requestHeaders({ cookie }, { 'content-type': 'application/json' }), body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('opt-out visibility per viewer role', () => {
  let t: TestServer;
  const cookies = {} as Record<Who, string>;
  const open: LiveSocket[] = [];

  beforeAll(async () => {
    t = await startTestServer();
    const hash = await hashPassword(TEST_PASSWORD);
    const now = Date.now();
    await t.server.repos.people.createTeam({ id: 't-south', name: 'NOC South Test' }, now);
    await t.server.repos.people.createPerson({ id: 'p-eng3', username: 'eng3', displayName: 'Olga Other', role: 'engineer', teamId: 't-south', passwordHash: hash, workDays: null }, now);
    await t.server.repos.people.createPerson({ id: 'p-lead2', username: 'lead2', displayName: 'Lars Lead', role: 'lead', teamId: 't-south', passwordHash: hash, workDays: null }, now);
    for (const who of ROLES) cookies[who] = await login(t.url, USERS[who]);
    const tech = await login(t.url, 'tech');
    // Everyone on the board: kudos from the technician and the admin.
    for (const [i, to] of ['p-eng2', 'p-eng', 'p-eng3'].entries()) expect((await postJson(t.url, '/api/kudos', { toPersonId: to, message: `Well done ${i}` }, { cookie: tech })).status).toBe(201);
    expect((await postJson(t.url, '/api/kudos', { toPersonId: 'p-eng2', message: 'Top work' }, { cookie: cookies.admin })).status).toBe(201);
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('participation settings default to on and are validated (400 naming the field)', async () => {
    const res = await getJson<ParticipationView>(t.url, '/api/me/participation', { cookie: cookies.self });
    expect(res.body).toEqual({ personId: 'p-eng2', publicBoards: true, showInFeed: true, acceptKudos: true, playsGame: true, gameIsOptional: false });
    const bad = await putJson(t.url, '/api/me/participation', { publicBoards: 'no', showInFeed: true }, cookies.self);
    expect(bad.status).toBe(400);
    expect((bad.body as { fields: { path: string }[] }).fields.map((f) => f.path).sort()).toEqual(['body.acceptKudos', 'body.publicBoards']);
    expect((await getJson<ParticipationView>(t.url, '/api/me/participation', { cookie: cookies.self })).body.publicBoards).toBe(true);
    const off = await putJson(t.url, '/api/me/participation', { publicBoards: false, showInFeed: false, acceptKudos: true }, cookies.self);
    expect(off).toEqual({ status: 200, body: { personId: 'p-eng2', publicBoards: false, showInFeed: false, acceptKudos: true, playsGame: true, gameIsOptional: false } });
    expect((await t.server.repos.audit.recent(5, 'participation.')).length).toBeGreaterThan(0);
  });

  it('leaderboard: Anonymous (no id, no team) unless self, own lead or admin', async () => {
    for (const who of ROLES) {
      const res = await getJson<LeaderboardView>(t.url, '/api/leaderboard?league=all&around=3', { cookie: cookies[who] });
      expect(res.status).toBe(200);
      const rows = [...res.body.entries, ...(res.body.around ?? [])];
      const json = JSON.stringify(res.body);
      if (SEES_NAME[who]) {
        expect(rows.some((e) => e.id === 'p-eng2' && e.name === 'Ed Engineer'), who).toBe(true);
      } else {
        expect(json, who).not.toContain('p-eng2');
        expect(json, who).not.toContain('Ed Engineer');
        const anon = res.body.entries.find((e) => e.anonymous);
        expect(anon, who).toEqual({ rank: expect.any(Number) as number, name: 'Anonymous', points: 10, anonymous: true });
      }
      const mine = rows.find((e) => e.id === 'p-eng2');
      if (who === 'self') expect(mine?.onlyYouSeeName).toBe(true);
      else if (mine) expect(mine.onlyYouSeeName).toBeUndefined();
    }
    // the wall is a public screen: Anonymous for everyone
    const wall = await getJson<WallView>(t.url, '/api/wall?window=week', { cookie: cookies.sameTeamLead });
    expect(JSON.stringify(wall.body.people)).not.toContain('Ed Engineer');
    expect(wall.body.people.some((e) => e.anonymous === true)).toBe(true);
  });

  it('feed: "A teammate" unless self, own lead or admin', async () => {
    for (const who of ROLES) {
      const res = await getJson<{ items: FeedItem[] }>(t.url, '/api/feed', { cookie: cookies[who] });
      const json = JSON.stringify(res.body);
      if (SEES_NAME[who]) {
        expect(res.body.items.some((f) => f.personId === 'p-eng2' && f.text.includes('to Ed Engineer')), who).toBe(true);
      } else {
        expect(json, who).not.toContain('p-eng2');
        expect(json, who).not.toContain('Ed Engineer');
      }
    }
    const peer = await getJson<{ items: FeedItem[] }>(t.url, '/api/feed', { cookie: cookies.sameTeamEngineer });
    expect(peer.body.items.map((f) => f.text)).toContain('Tia Technician gave kudos to a teammate: “Well done 0”');
  });

  it('person page: 404 for peers and other leads, the record for self, own lead and admin', async () => {
    for (const who of ROLES) {
      const res = await getJson(t.url, '/api/people/p-eng2', { cookie: cookies[who] });
      expect(res.status, who).toBe(SEES_NAME[who] ? 200 : 404);
    }
    // a visible person stays 403 (exists, not yours to see)
    expect((await getJson(t.url, '/api/people/p-eng', { cookie: cookies.otherTeamEngineer })).status).toBe(403);
    const teams = await getJson<{ teams: { members: { id: string }[] }[] }>(t.url, '/api/teams', { cookie: cookies.sameTeamEngineer });
    expect(JSON.stringify(teams.body)).not.toContain('p-eng2');
    const teamsLead = await getJson<{ teams: { members: { id: string }[] }[] }>(t.url, '/api/teams', { cookie: cookies.sameTeamLead });
    expect(JSON.stringify(teamsLead.body)).toContain('p-eng2');
  });

  it('socket: feed items about a hidden person reach peers anonymised, and self, own lead and admin by name', async () => {
    const seen = {} as Record<Who, FeedItem[]>;
    for (const who of ROLES) {
      const s = liveSocket(t.url, cookies[who]);
      open.push(s);
      seen[who] = [];
      s.on('feed:item', (p) => seen[who].push(...p.items));
      await connected(s);
    }
    // a plain item about a visible person in the same team still reaches everyone there by name
    expect((await postJson(t.url, '/api/kudos', { toPersonId: 'p-eng2', message: 'Socket kudos' }, { cookie: cookies.sameTeamEngineer })).status).toBe(201);
    for (const who of ['self', 'sameTeamEngineer', 'sameTeamLead', 'otherTeamLead', 'admin'] as const) {
      await waitFor(() => seen[who].find((f) => f.kind === 'kudos' && f.text.includes('Socket kudos')), `${who}'s feed item`, 3000);
    }
    await new Promise((r) => setTimeout(r, 100));
    for (const who of ROLES) {
      const items = seen[who].filter((f) => f.text.includes('Socket kudos'));
      const json = JSON.stringify(items);
      if (who === 'otherTeamEngineer') {
        expect(items, who).toEqual([]);
        continue;
      }
      expect(items, who).toHaveLength(1);
      if (SEES_NAME[who]) expect(items[0]?.personId, who).toBe('p-eng2');
      else {
        expect(json, who).not.toContain('p-eng2');
        expect(json, who).not.toContain('Ed Engineer');
        expect(items[0]?.text).toBe('Eve Engineer gave kudos to a teammate: “Socket kudos”');
      }
    }
  });
});
