import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, type ApiError, type MeView } from '@opsquest/contracts';
import { DEFAULT_BADGES } from '@opsquest/core';
import { asApiError, getJson, postJson } from '../testing/http';
import { login, startTestServer, TEST_PASSWORD, TEST_PEOPLE, type TestServer } from '../testing/test-server';

describe('auth routes', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in with the right password and sets an httpOnly SameSite session cookie', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'eng', password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    const attributes = setCookie.split(';').map((p) => p.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/');
    expect(attributes.some((a) => a.startsWith('expires='))).toBe(true);
    // not behind TLS in tests: no Secure flag
    expect(attributes).not.toContain('secure');
    const token = setCookie.split(';')[0]?.slice(SESSION_COOKIE.length + 1) ?? '';
    expect(token.length).toBeGreaterThanOrEqual(32);
    const body = (await res.json()) as MeView;
    expect(body).toMatchObject({ id: 'p-eng', username: 'eng', role: 'engineer', team: { id: 't-noc', name: 'NOC Test' } });
  });

  it('accepts the username in another case', async () => {
    const cookie = await login(t.url, 'ENG');
    const me = await getJson<MeView>(t.url, '/api/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe('p-eng');
  });

  it('answers a wrong password and an unknown user alike: 401 with the same message and no cookie', async () => {
    const wrong = await postJson<ApiError>(t.url, '/api/auth/login', { username: 'eng2', password: 'not the password' });
    const unknown = await postJson<ApiError>(t.url, '/api/auth/login', { username: 'nobody-here', password: TEST_PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(unknown.headers.get('set-cookie')).toBeNull();
    expect(asApiError(wrong.body).error).toBe('unauthorized');
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.message).toBe('Wrong username or password');
  });

  it('requires a session for /api/me, and a bogus one is refused', async () => {
    expect((await getJson(t.url, '/api/me')).status).toBe(401);
    const bogus = await getJson<ApiError>(t.url, '/api/me', { cookie: `${SESSION_COOKIE}=not-a-real-session-token` });
    expect(bogus.status).toBe(401);
    expect(bogus.body.error).toBe('unauthorized');
  });

  it('logout ends the session: the old cookie no longer works, other sessions do', async () => {
    const cookie = await login(t.url, 'lead');
    const other = await login(t.url, 'lead');
    expect((await getJson(t.url, '/api/me', { cookie })).status).toBe(200);

    const out = await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    const cleared = out.headers.get('set-cookie') ?? '';
    expect(cleared.startsWith(`${SESSION_COOKIE}=;`)).toBe(true);
    expect(cleared.toLowerCase()).toContain('expires=thu, 01 jan 1970');

    expect((await getJson(t.url, '/api/me', { cookie })).status).toBe(401);
    expect((await getJson(t.url, '/api/me/ledger', { cookie })).status).toBe(401);
    expect((await getJson(t.url, '/api/leaderboard', { cookie })).status).toBe(401);
    // another login of the same person is untouched
    expect((await getJson(t.url, '/api/me', { cookie: other })).status).toBe(200);
    // logging out without a session is harmless
    expect((await fetch(`${t.url}/api/auth/logout`, { method: 'POST' })).status).toBe(204);
  });

  it('rate-limits repeated attempts per ip and username with a 429 JSON answer', async () => {
    const attempt = (username: string, password = 'wrong password') => postJson<ApiError>(t.url, '/api/auth/login', { username, password });
    for (let i = 0; i < 10; i += 1) expect((await attempt('admin')).status).toBe(401);
    const limited = await attempt('admin');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'too_many_requests' });
    expect(asApiError(limited.body).message).toMatch(/too many/i);
    // even the right password is refused while limited
    expect((await attempt('admin', TEST_PASSWORD)).status).toBe(429);
    // the same username in another case or padded with spaces is the same account: still limited
    expect((await attempt('ADMIN')).status).toBe(429);
    expect((await attempt('  admin ')).status).toBe(429);
    // another username from the same address is not affected
    expect((await attempt('tech', TEST_PASSWORD)).status).toBe(200);
  });

  it('GET /api/me has points, level, streak and every badge', async () => {
    const cookie = await login(t.url, 'tech');
    const me = await getJson<MeView>(t.url, '/api/me', { cookie });
    expect(me.status).toBe(200);
    const person = TEST_PEOPLE.find((p) => p.username === 'tech');
    expect(me.body).toMatchObject({
      id: person?.id,
      username: 'tech',
      displayName: person?.displayName,
      role: 'technician',
      team: { id: 't-field', name: 'Field Test' },
      points: 0,
      pointsToday: 0,
      level: { level: 1, xp: 0, levelStartXp: 0, nextLevelXp: 100, progressPct: 0 },
      streak: { current: 0, best: 0, atRisk: false },
    });
    expect(typeof me.body.level.title).toBe('string');
    expect(me.body.badges).toHaveLength(DEFAULT_BADGES.length);
    expect(new Set(me.body.badges.map((b) => b.id)).size).toBe(DEFAULT_BADGES.length);
    for (const badge of me.body.badges) {
      expect(badge).toMatchObject({ earned: false, progress: 0 });
      expect(badge.threshold).toBeGreaterThan(0);
      expect(badge.name.length).toBeGreaterThan(0);
      expect(badge.earnedAt).toBeUndefined();
    }
    expect(me.body).not.toHaveProperty('passwordHash');
    const eng2 = await getJson<MeView>(t.url, '/api/me', { cookie: await login(t.url, 'eng2') });
    expect(eng2.body.team).toEqual({ id: 't-noc', name: 'NOC Test' });
  });

  it('a person without a team has team null', async () => {
    // (the admin's logins are used up by the rate-limit test, so read the profile the route serves directly)
    const me = t.server.services.profile.me('p-admin');
    expect(me.team).toBeNull();
    expect(me.role).toBe('admin');
  });
});
