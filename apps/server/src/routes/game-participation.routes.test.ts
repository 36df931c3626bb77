import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyProgress } from '@opsquest/core';
import type { MeView, ParticipationView } from '@opsquest/contracts';
import { getJson, requestHeaders } from '../../test-support/http';
import { login, startTestServer, type TestServer } from '../../test-support/test-server';

async function putJson<T>(url: string, path: string, body: unknown, cookie: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, { method: 'PUT', headers: requestHeaders({ cookie }, { 'content-type': 'application/json' }), body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

const SWITCHES = { publicBoards: true, showInFeed: true, acceptKudos: true };
// Wednesday 2026-11-18, 10:00 UTC (the test server's zone is UTC; Monday to Friday are working days).
const NOW = Date.parse('2026-11-18T10:00:00.000Z');

describe('game participation and the header view', () => {
  let t: TestServer;
  let eng: string;
  let lead: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW });
    [eng, lead, admin] = await Promise.all(['eng', 'lead', 'admin'].map((u) => login(t.url, u)));
  });
  afterAll(async () => {
    await t.close();
  });

  it('leads and admins do not take part until they choose to; the choice is stored and kept when left out', async () => {
    for (const cookie of [lead, admin]) {
      expect((await getJson<MeView>(t.url, '/api/me', { cookie })).body.playsGame).toBe(false);
      expect((await getJson<ParticipationView>(t.url, '/api/me/participation', { cookie })).body).toMatchObject({ playsGame: false, gameIsOptional: true });
    }
    const on = await putJson<ParticipationView>(t.url, '/api/me/participation', { ...SWITCHES, playsGame: true }, lead);
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ playsGame: true, gameIsOptional: true });
    expect((await getJson<MeView>(t.url, '/api/me', { cookie: lead })).body.playsGame).toBe(true);
    // an older client that sends only the three switches does not turn the game off
    await putJson(t.url, '/api/me/participation', { ...SWITCHES, acceptKudos: false }, lead);
    expect((await getJson<ParticipationView>(t.url, '/api/me/participation', { cookie: lead })).body).toMatchObject({ playsGame: true, acceptKudos: false });
    await putJson(t.url, '/api/me/participation', { ...SWITCHES, playsGame: false }, lead);
    expect((await getJson<MeView>(t.url, '/api/me', { cookie: lead })).body.playsGame).toBe(false);
    // the admin's own choice is theirs: still off
    expect((await getJson<MeView>(t.url, '/api/me', { cookie: admin })).body.playsGame).toBe(false);
  });

  it('engineers always take part: asking to stop is not stored', async () => {
    expect((await getJson<ParticipationView>(t.url, '/api/me/participation', { cookie: eng })).body).toMatchObject({ playsGame: true, gameIsOptional: false });
    const res = await putJson<ParticipationView>(t.url, '/api/me/participation', { ...SWITCHES, playsGame: false }, eng);
    expect(res.body.playsGame).toBe(true);
    expect((await getJson<MeView>(t.url, '/api/me', { cookie: eng })).body.playsGame).toBe(true);
  });

  it('rejects a game switch that is not a boolean', async () => {
    expect((await putJson(t.url, '/api/me/participation', { ...SWITCHES, playsGame: 'yes' }, lead)).status).toBe(400);
  });

  it('shows banked freezes, a freeze that covers today, and when today ends while the streak is at risk', async () => {
    // Five working days up to yesterday: one freeze banked, nothing scored today yet.
    await t.server.repos.progress.save({ ...emptyProgress('p-eng'), xp: 40, streak: { current: 5, best: 5, lastActiveDay: '2026-11-17', freezes: 1 } }, 'test:streak');
    const me = (await getJson<MeView>(t.url, '/api/me', { cookie: eng })).body;
    expect(me.streak).toEqual({
      current: 5,
      best: 5,
      lastActiveDay: '2026-11-17',
      atRisk: true,
      freezes: 1,
      freezeCoversToday: true,
      actBefore: '2026-11-19T00:00:00.000Z',
    });
    // stored and read back through the adapter
    expect((await t.server.repos.progress.find('p-eng'))?.streak.freezes).toBe(1);
  });
});
