import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WINDOWS, type Window } from '@opsquest/core';
import type { LeaderboardView } from '@opsquest/contracts';
import { getJson, isoFromNow, uniqueKey } from '../testing/http';
import { login, postEvents, startTestServer, TEST_PEOPLE, type TestServer } from '../testing/test-server';

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
  });
  afterAll(async () => {
    await t.close();
  });

  const board = async (query: string, cookie = engCookie): Promise<LeaderboardView> => {
    const res = await getJson<LeaderboardView>(t.url, `/api/leaderboard?${query}`, { cookie });
    expect(res.status).toBe(200);
    return res.body;
  };

  /** What the ledger says each subject earned in the current period of a window. */
  const ledgerSums = (scope: 'individual' | 'team', window: Window, period: string): Map<string, number> => {
    const sums = new Map<string, number>();
    for (const row of t.server.repos.ledger.iterate()) {
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
    const totals = t.server.repos.ledger.totalsByPerson();
    expect(totals.size).toBe(5);
    const all = await board('window=all');
    expect(new Map(all.entries.map((e) => [e.id, e.points]))).toEqual(totals);
    for (const window of WINDOWS) {
      for (const scope of ['individual', 'team'] as const) {
        const view = await board(`scope=${scope}&window=${window}`);
        expect(new Map(view.entries.map((e) => [e.id, e.points]))).toEqual(ledgerSums(scope, window, view.period));
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
  });
});
