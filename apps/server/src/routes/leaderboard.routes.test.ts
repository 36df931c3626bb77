import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFromNumber, dayNumber, pointsPerHour, scheduledHours, windowKeys, WINDOWS, type Window } from '@opsquest/core';
import type { LeaderboardView } from '@opsquest/contracts';
import { getJson, isoFromNow, postJson, uniqueKey, requestHeaders } from '../../test-support/http';
import { login, postEvents, startTestServer, TEST_PEOPLE, type TestServer } from '../../test-support/test-server';
import { allPages } from '../../test-support/all-pages';

describe('GET /api/leaderboard', () => {
  let t: TestServer;
  let engCookie: string;
  let adminCookie: string;

  beforeAll(async () => {
    t = await startTestServer();
    engCookie = await login(t.url, 'eng');
    adminCookie = await login(t.url, 'admin');
    // Same alarm, same timing, two engineers: the same points (a tie). A lead clears one, the
    // technician completes a truck-roll, the admin acknowledges a warning (fewer points).
    const raisedAt = isoFromNow(-61_000);
    const ackAt = isoFromNow(-1000);
    const alarm = (externalKey: string, transition: string, occurredAt: string, actor?: string, severity = 'major') => ({
      source: 'nms',
      stream: 'alarm',
      externalKey,
      transition,
      occurredAt,
      ...(actor ? { actor } : {}),
      attributes: { perceivedSeverity: severity, customersAffected: 300 },
    });
    const a1 = uniqueKey('LB');
    const a2 = uniqueKey('LB');
    const a3 = uniqueKey('LB');
    const tr = uniqueKey('LB-TR');
    const res = await postEvents(t.url, [
      alarm(a1, 'raised', raisedAt),
      alarm(a2, 'raised', raisedAt),
      alarm(a3, 'raised', raisedAt, undefined, 'warning'),
      alarm(a1, 'acknowledged', ackAt, 'eng'),
      alarm(a2, 'acknowledged', ackAt, 'eng2'),
      alarm(a3, 'acknowledged', ackAt, 'admin', 'warning'),
      alarm(a2, 'cleared', isoFromNow(-500), 'lead'),
      { source: 'ffm', stream: 'truckroll', externalKey: tr, transition: 'open', occurredAt: isoFromNow(-600_000), attributes: { technician: 'tech', priority: 0 } },
      { source: 'ffm', stream: 'truckroll', externalKey: tr, transition: 'completed', occurredAt: isoFromNow(-800), actor: 'tech' },
    ]);
    expect(res.status).toBe(201);
    // Kudos (side awards) as well, so every board has all five whatever the engine pays when:
    // the engineers tie at two each, the admin gets one.
    const techCookie = await login(t.url, 'tech');
    const leadCookie = await login(t.url, 'lead');
    for (const [cookie, to] of [[techCookie, 'p-eng'], [techCookie, 'p-eng2'], [techCookie, 'p-admin'], [leadCookie, 'p-eng'], [leadCookie, 'p-eng2']] as const) {
      expect((await postJson(t.url, '/api/kudos', { toPersonId: to, message: 'Thanks' }, { cookie })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const board = async (query: string, cookie = engCookie): Promise<LeaderboardView> => {
    // These checks are about everyone's board; the league filter has its own tests below.
    const res = await getJson<LeaderboardView>(t.url, `/api/leaderboard?${query.includes('league=') ? '' : 'league=all&'}${query}`, { cookie });
    expect(res.status).toBe(200);
    return res.body;
  };

  /** What the ledger says each subject earned in the current period of a window. */
  const ledgerSums = async (scope: 'individual' | 'team', window: Window, period: string): Promise<Map<string, number>> => {
    const sums = new Map<string, number>();
    for (const row of await allPages(t.server.repos.ledger.pages())) {
      if (row.windows[window] !== period) continue;
      const id = scope === 'individual' ? row.personId : row.teamId;
      if (id === null) continue;
      sums.set(id, (sums.get(id) ?? 0) + row.points);
    }
    return sums;
  };

  it('serves individual and team boards for every window, ordered by points', async () => {
    for (const window of WINDOWS) {
      const individual = await board(`scope=individual&window=${window}`);
      expect(individual).toMatchObject({ scope: 'individual', window, total: 5 });
      expect(individual.entries.map((e) => e.id).sort()).toEqual(TEST_PEOPLE.map((p) => p.id).sort());
      const points = individual.entries.map((e) => e.points);
      expect(points).toEqual([...points].sort((a, b) => b - a));
      expect(points.every((p) => p > 0)).toBe(true);
      const eve = individual.entries.find((e) => e.id === 'p-eng');
      expect(eve).toMatchObject({ name: 'Eve Engineer', team: 'NOC Test' });
      expect(individual.entries.find((e) => e.id === 'p-admin')?.team).toBeUndefined();

      const team = await board(`scope=team&window=${window}`);
      expect(team).toMatchObject({ scope: 'team', window, total: 2 });
      expect(team.entries.map((e) => e.id).sort()).toEqual(['t-field', 't-noc']);
      expect(team.entries.find((e) => e.id === 't-noc')?.name).toBe('NOC Test');
    }
    const day = await board('window=day');
    expect(day.period).toBe(new Date().toISOString().slice(0, 10));
    expect((await board('window=all')).period).toBe('all');
    expect((await board('window=month')).period).toBe(new Date().toISOString().slice(0, 7));
    // the default is the individual weekly board
    expect(await board('')).toMatchObject({ scope: 'individual', window: 'week' });
  });

  it('ties share a rank and the next rank skips (1224)', async () => {
    for (const window of WINDOWS) {
      const { entries } = await board(`window=${window}`);
      const eng = entries.find((e) => e.id === 'p-eng');
      const eng2 = entries.find((e) => e.id === 'p-eng2');
      expect(eng?.points).toBeGreaterThan(0);
      expect(eng?.points).toBe(eng2?.points);
      expect(eng?.rank).toBe(eng2?.rank);
      for (const e of entries) expect(e.rank).toBe(1 + entries.filter((o) => o.points > e.points).length);
      const below = entries.filter((e) => e.points < (eng?.points ?? 0));
      expect(below.length).toBeGreaterThan(0);
      expect(below[0]?.rank).toBe((eng?.rank ?? 0) + 2);
    }
  });

  it('includes the caller as `me`, even outside the top entries', async () => {
    const top1 = await board('window=week&limit=1');
    expect(top1.entries).toHaveLength(1);
    expect(top1.entries[0]?.rank).toBe(1);
    const full = await board('window=week');
    const eng = full.entries.find((e) => e.id === 'p-eng');
    expect(top1.me).toEqual(eng);
    expect(top1.me?.rank).toBeGreaterThan(1);
    expect(top1.total).toBe(5);

    const myTeam = await board('scope=team&window=week');
    expect(myTeam.me?.id).toBe('t-noc');
    expect(myTeam.me).toEqual(myTeam.entries.find((e) => e.id === 't-noc'));

    // the admin has no team: no `me` on team boards, but one on the individual board
    expect((await board('scope=team', adminCookie)).me).toBeUndefined();
    expect((await board('scope=individual', adminCookie)).me?.id).toBe('p-admin');
  });

  it('a team has exactly the sum of its members’ points', async () => {
    for (const window of WINDOWS) {
      const people = await board(`scope=individual&window=${window}`);
      const teams = await board(`scope=team&window=${window}`);
      const pointsOf = (id: string): number => people.entries.find((e) => e.id === id)?.points ?? 0;
      const noc = pointsOf('p-eng') + pointsOf('p-eng2') + pointsOf('p-lead');
      expect(teams.entries.find((e) => e.id === 't-noc')?.points).toBe(noc);
      expect(teams.entries.find((e) => e.id === 't-field')?.points).toBe(pointsOf('p-tech'));
      // the admin's points are on no team board
      const teamTotal = teams.entries.reduce((s, e) => s + e.points, 0);
      expect(teamTotal).toBe(people.entries.reduce((s, e) => s + e.points, 0) - pointsOf('p-admin'));
    }
  });

  it('every board total equals the ledger', async () => {
    const totals = await t.server.repos.ledger.totalsByPerson();
    expect(totals.size).toBe(5);
    const all = await board('window=all');
    expect(new Map(all.entries.map((e) => [e.id, e.points]))).toEqual(totals);
    for (const window of WINDOWS) {
      for (const scope of ['individual', 'team'] as const) {
        const view = await board(`scope=${scope}&window=${window}`);
        expect(new Map(view.entries.map((e) => [e.id, e.points]))).toEqual(await ledgerSums(scope, window, view.period));
      }
    }
    // and /api/me agrees with the board
    const me = await getJson<{ points: number; pointsToday: number }>(t.url, '/api/me', { cookie: engCookie });
    expect(me.body.points).toBe(totals.get('p-eng'));
    expect(me.body.pointsToday).toBe((await board('window=day')).entries.find((e) => e.id === 'p-eng')?.points);
  });

  it('requires a login and rejects a bad window naming query.window', async () => {
    expect((await getJson(t.url, '/api/leaderboard')).status).toBe(401);
    const bad = await getJson<{ fields: { path: string }[] }>(t.url, '/api/leaderboard?window=year', { cookie: engCookie });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.path)).toEqual(['query.window']);
    const badLeague = await getJson<{ fields: { path: string }[] }>(t.url, '/api/leaderboard?league=gold&metric=speed', { cookie: engCookie });
    expect(badLeague.status).toBe(400);
    expect(badLeague.body.fields.map((f) => f.path).sort()).toEqual(['query.league', 'query.metric']);
  });

  it('individual boards default to my league (same role); leads and admins see everyone', async () => {
    const mine = await getJson<LeaderboardView>(t.url, '/api/leaderboard', { cookie: engCookie });
    expect(mine.body).toMatchObject({ league: 'engineer', metric: 'points', total: 2 });
    expect(mine.body.entries.map((e) => e.id).sort()).toEqual(['p-eng', 'p-eng2']);
    expect(mine.body.entries.map((e) => e.rank)).toEqual([1, 1]);
    const techCookie = await login(t.url, 'tech');
    const techBoard = await getJson<LeaderboardView>(t.url, '/api/leaderboard?league=mine&around=2', { cookie: techCookie });
    expect(techBoard.body.entries.map((e) => e.id)).toEqual(['p-tech']);
    expect(techBoard.body.around?.map((e) => e.id)).toEqual(['p-tech']);
    expect(techBoard.body.me).toMatchObject({ id: 'p-tech', rank: 1 });
    const everyone = await getJson<LeaderboardView>(t.url, '/api/leaderboard?league=all', { cookie: techCookie });
    expect(everyone.body).toMatchObject({ league: 'all', total: 5 });
    const leadCookie = await login(t.url, 'lead');
    expect((await getJson<LeaderboardView>(t.url, '/api/leaderboard', { cookie: leadCookie })).body).toMatchObject({ league: 'all', total: 5 });
    expect((await getJson<LeaderboardView>(t.url, '/api/leaderboard', { cookie: adminCookie })).body).toMatchObject({ league: 'all', total: 5 });
    // team boards are unchanged by leagues
    expect((await getJson<LeaderboardView>(t.url, '/api/leaderboard?scope=team', { cookie: engCookie })).body.total).toBe(2);
  });

  it('metric=perHour: points per scheduled hour elapsed, by each person\'s work days and hours a day', async () => {
    t.server.db.prepare("UPDATE people SET hours_per_day = 4, work_days = '[1,2,3,4,5,6,7]' WHERE id = 'p-eng2'").run();
    const keys = windowKeys(Date.now(), 'UTC');
    for (const window of WINDOWS) {
      const view = await board(`window=${window}&metric=perHour`);
      expect(view.metric).toBe('perHour');
      const start = window === 'day' ? keys.day : window === 'week' ? keys.week : window === 'month' ? `${keys.month}-01` : keys.day;
      for (const e of view.entries) {
        const [days, perDay] = e.id === 'p-eng2' ? [[1, 2, 3, 4, 5, 6, 7], 4] : [[1, 2, 3, 4, 5], 8];
        const hours = scheduledHours(start, keys.day, days, perDay);
        expect(e.hours, `${window} ${e.id ?? ''}`).toBe(hours);
        expect(e.perHour).toBe(pointsPerHour(e.points, hours));
      }
      const rates = view.entries.map((e) => e.perHour ?? -1);
      expect(rates).toEqual([...rates].sort((a, b) => b - a));
      for (const e of view.entries) expect(e.rank).toBe(1 + view.entries.filter((o) => (o.perHour ?? 0) > (e.perHour ?? 0)).length);
    }
    // same points, fewer scheduled hours: Ed ranks above Eve per hour on a working day
    const week = await board('window=week&metric=perHour&league=mine');
    const eve = week.entries.find((e) => e.id === 'p-eng');
    const ed = week.entries.find((e) => e.id === 'p-eng2');
    expect(ed?.points).toBe(eve?.points);
    if ((eve?.hours ?? 0) > 4) expect(ed?.rank).toBeLessThan(eve?.rank ?? 0);
  });

  it('weekly tiers (admin switch): last week\'s standings promote and demote, and I see my tier\'s cohort', async () => {
    const engOnly = async (cookie: string): Promise<LeaderboardView> => (await getJson<LeaderboardView>(t.url, '/api/leaderboard?window=week', { cookie })).body;
    expect((await engOnly(engCookie)).tier).toBeUndefined();
    const put = (cookie: string, body: unknown) => fetch(`${t.url}/api/leaderboard/settings`, { method: 'PUT', headers: requestHeaders({ cookie }, { 'content-type': 'application/json' }), body: JSON.stringify(body) });
    expect((await put(engCookie, { tiers: true })).status).toBe(403);
    expect((await put(adminCookie, { tiers: 'yes' })).status).toBe(400);
    const now = Date.now();
    const week = windowKeys(now, 'UTC').week;
    const lastWeek = dayFromNumber(dayNumber(week) - 7);
    await t.server.repos.people.createPerson({ id: 'p-eng9', username: 'eng9', displayName: 'Nia Ninth', role: 'engineer', teamId: 't-noc', passwordHash: 'x', workDays: null }, now);
    await t.server.repos.leagues.saveTiers(lastWeek, ['p-eng', 'p-eng2', 'p-eng9'].map((personId) => ({ personId, league: 'engineer' as const, tier: 'silver' as const })));
    await t.server.repos.leaderboard.addPoints('individual', 'week', lastWeek, 'p-eng', 50);
    await t.server.repos.leaderboard.addPoints('individual', 'week', lastWeek, 'p-eng2', 10);
    await t.server.repos.leaderboard.addPoints('individual', 'week', week, 'p-eng9', 1);
    // written straight to the aggregates, past the ingest path: the in-memory boards reload
    t.server.services.ranks.clear();
    expect(await (await put(adminCookie, { tiers: true })).json()).toEqual({ tiers: true });
    const eve = await engOnly(engCookie);
    expect(eve).toMatchObject({ league: 'engineer', tier: 'gold' });
    expect(eve.entries.map((e) => e.id)).toEqual(['p-eng']);
    const ed = await engOnly(await login(t.url, 'eng2'));
    expect(ed).toMatchObject({ tier: 'silver' });
    expect(ed.entries.map((e) => e.id)).toEqual(['p-eng2']);
    expect((await t.server.repos.leagues.tiersOf(week)).get('p-eng9')?.tier).toBe('bronze');
    expect((await t.server.repos.leagues.tiersOf(week)).get('p-tech')?.tier).toBe('bronze');
    // tiers apply to the weekly cohort only; everyone is one click away
    expect((await getJson<LeaderboardView>(t.url, '/api/leaderboard?window=month', { cookie: engCookie })).body.tier).toBeUndefined();
    expect((await getJson<LeaderboardView>(t.url, '/api/leaderboard?window=week&league=all', { cookie: engCookie })).body.total).toBe(6);
    expect(await (await put(adminCookie, { tiers: false })).json()).toEqual({ tiers: false });
  });
});
