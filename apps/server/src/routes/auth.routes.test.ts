import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_COOKIE, SESSION_COOKIE, type ApiError, type MeView, type SessionView } from '@opsquest/contracts';
import { DEFAULT_BADGES } from '@opsquest/core';
import { asApiError, getJson, postJson, requestHeaders } from '../../test-support/http';
import { login, startTestServer, TEST_PASSWORD, TEST_PEOPLE, type TestServer } from '../../test-support/test-server';

describe('auth routes', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ config: { trustProxy: 'loopback' } });
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

  it('the session check answers 200 signed in or not: no failed request before signing in', async () => {
    const none = await getJson<SessionView>(t.url, '/api/auth/session');
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ signedIn: false });
    expect(none.headers.get('cache-control')).toBe('no-store');
    const bogus = await getJson<SessionView>(t.url, '/api/auth/session', { cookie: `${SESSION_COOKIE}=not-a-real-session-token` });
    expect(bogus.body).toEqual({ signedIn: false });
    const cookie = await login(t.url, 'eng');
    const live = await getJson<SessionView>(t.url, '/api/auth/session', { cookie });
    expect(live.status).toBe(200);
    const me = await getJson<MeView>(t.url, '/api/me', { cookie });
    expect(live.body).toEqual({ signedIn: true, me: me.body });
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

    const out = await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: requestHeaders({ cookie }) });
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie();
    for (const name of [SESSION_COOKIE, CSRF_COOKIE]) {
      const header = cleared.find((c) => c.startsWith(`${name}=;`)) ?? '';
      expect(header.toLowerCase()).toContain('expires=thu, 01 jan 1970');
    }

    expect((await getJson(t.url, '/api/me', { cookie })).status).toBe(401);
    expect((await getJson(t.url, '/api/me/ledger', { cookie })).status).toBe(401);
    expect((await getJson(t.url, '/api/leaderboard', { cookie })).status).toBe(401);
    // another login of the same person is untouched
    expect((await getJson(t.url, '/api/me', { cookie: other })).status).toBe(200);
    // logging out without a session is harmless
    expect((await fetch(`${t.url}/api/auth/logout`, { method: 'POST' })).status).toBe(204);
  });

  it('locks a username after five failed logins: 429 with Retry-After, even for the right password, audited', async () => {
    // each part from its own address (the server trusts X-Forwarded-For from loopback), so the per-address limit stays out of the way
    let from = '198.51.100.1';
    const attempt = (username: string, password = 'wrong password') => postJson<ApiError>(t.url, '/api/auth/login', { username, password }, { headers: { 'x-forwarded-for': from } });
    for (let i = 0; i < 4; i += 1) expect((await attempt('admin')).status).toBe(401);
    const locked = await attempt('admin');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: 'account_locked' });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    // even the right password is refused while locked, and no password is checked
    expect((await attempt('admin', TEST_PASSWORD)).status).toBe(429);
    // the same username in another case or padded with spaces is the same account: still locked
    expect((await attempt('ADMIN', TEST_PASSWORD)).status).toBe(429);
    expect((await attempt('  admin ', TEST_PASSWORD)).status).toBe(429);
    // another username from the same address is not affected, and a success clears its own run
    for (let i = 0; i < 3; i += 1) expect((await attempt('tech')).status).toBe(401);
    expect((await attempt('tech', TEST_PASSWORD)).status).toBe(200);
    expect(await t.server.repos.loginFailures.get('tech')).toBeUndefined();
    // unknown usernames lock the same way, so a lock does not tell whether an account exists
    from = '198.51.100.2';
    for (let i = 0; i < 4; i += 1) expect((await attempt('no-such-person')).status).toBe(401);
    expect((await attempt('no-such-person')).body).toMatchObject({ error: 'account_locked' });
    const audit = await t.server.repos.audit.recent(10, 'login.');
    expect(audit.map((a) => a.targetId)).toEqual(expect.arrayContaining(['p-admin', 'no-such-person']));
  });

  // up to 25 password checks (scrypt, 32 MiB each): slow on a loaded 2-core machine, so a generous timeout
  it('rate-limits failed logins per address across usernames with a 429 JSON answer', { timeout: 90_000 }, async () => {
    const attempt = (username: string) => postJson<ApiError>(t.url, '/api/auth/login', { username, password: 'wrong password' }, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    let limited: Awaited<ReturnType<typeof attempt>> | undefined;
    for (let i = 0; i < 25 && !limited; i += 1) {
      const res = await attempt(`spray-${i}`);
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(401);
    }
    expect(limited?.body).toMatchObject({ error: 'too_many_requests' });
    expect(asApiError(limited?.body).message).toMatch(/too many/i);
    // other addresses are not limited
    expect((await postJson(t.url, '/api/auth/login', { username: 'eng', password: TEST_PASSWORD }, { headers: { 'x-forwarded-for': '203.0.113.8' } })).status).toBe(200);
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
    // (the admin is locked out by the lockout test, so read the profile the route serves directly)
    const me = await t.server.services.profile.me('p-admin');
    expect(me.team).toBeNull();
    expect(me.role).toBe('admin');
  });
});
