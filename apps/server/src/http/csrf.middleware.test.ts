import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, type ApiError } from '@opsquest/contracts';
import { csrfTokenFor } from '../security/csrf';
import { getJson, postJson, sendJson } from '../../test-support/http';
import { login, startTestServer, TEST_API_KEY, TEST_PASSWORD, type TestServer } from '../../test-support/test-server';

function cookieNamed(setCookies: string[], name: string): string {
  const found = setCookies.find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(setCookies)}`);
  return found;
}

describe('sessions and CSRF', () => {
  let t: TestServer;
  let eng: string;

  beforeAll(async () => {
    // a local TLS proxy in front, trusted as OPSQUEST_TRUST_PROXY=loopback would
    t = await startTestServer({ config: { trustProxy: 'loopback' } });
    eng = await login(t.url, 'eng');
  });
  afterAll(async () => {
    await t.close();
  });

  const kudosCount = (): number => (t.server.db.prepare('SELECT COUNT(*) AS n FROM kudos').get() as { n: number }).n;

  it('login sets an httpOnly SameSite=Strict session cookie and a script-readable CSRF cookie bound to it', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'eng2', password: TEST_PASSWORD }) });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const session = cookieNamed(cookies, SESSION_COOKIE);
    const csrf = cookieNamed(cookies, CSRF_COOKIE);
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Strict/i);
    expect(session).not.toMatch(/; Secure/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toMatch(/; SameSite=Strict/i);
    const token = session.split(';')[0]?.slice(SESSION_COOKIE.length + 1) ?? '';
    expect(csrf.split(';')[0]).toBe(`${CSRF_COOKIE}=${csrfTokenFor(token)}`);
  });

  it('cookies are Secure when the request came over TLS through a trusted local proxy (trustProxy loopback)', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'eng2', password: TEST_PASSWORD }),
    });
    const cookies = res.headers.getSetCookie();
    expect(cookieNamed(cookies, SESSION_COOKIE)).toMatch(/; Secure/i);
    expect(cookieNamed(cookies, CSRF_COOKIE)).toMatch(/; Secure/i);
  });

  it('a cookie-authenticated change without the CSRF header is 403 and stores nothing', async () => {
    const before = kudosCount();
    const missing = await postJson<ApiError>(t.url, '/api/kudos', { toPersonId: 'p-eng2', message: 'forged' }, { cookie: eng, csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ error: 'csrf_token' });
    expect(missing.body.message).toMatch(/X-CSRF-Token/);
    const wrong = await postJson<ApiError>(t.url, '/api/kudos', { toPersonId: 'p-eng2', message: 'forged' }, { cookie: eng, headers: { [CSRF_HEADER]: csrfTokenFor('another-session') } });
    expect(wrong.status).toBe(403);
    const put = await sendJson<ApiError>(t.url, 'PUT', '/api/me/participation', { publicBoards: false }, { cookie: eng, csrf: false });
    expect(put.status).toBe(403);
    const logout = await sendJson<ApiError>(t.url, 'POST', '/api/auth/logout', undefined, { cookie: eng, csrf: false });
    expect(logout.status).toBe(403);
    expect(kudosCount()).toBe(before);
    expect((await getJson(t.url, '/api/me', { cookie: eng })).status).toBe(200);
    // with the header (as the SPA sends it) the same change goes through
    const ok = await postJson(t.url, '/api/kudos', { toPersonId: 'p-eng2', message: 'thanks' }, { cookie: eng });
    expect(ok.status).toBe(201);
    expect(kudosCount()).toBe(before + 1);
  });

  it('reads need no token, and a read hands an older session its CSRF cookie', async () => {
    const res = await fetch(`${t.url}/api/me`, { headers: { cookie: eng } });
    expect(res.status).toBe(200);
    const token = eng.slice(SESSION_COOKIE.length + 1);
    expect(cookieNamed(res.headers.getSetCookie(), CSRF_COOKIE).split(';')[0]).toBe(`${CSRF_COOKIE}=${csrfTokenFor(token)}`);
  });

  it('API-key requests need no CSRF token, even with a stray session cookie', async () => {
    // an empty batch: refused by validation (400), not by the CSRF check (403)
    const res = await postJson<ApiError>(t.url, '/api/events', [], { headers: { authorization: `Bearer ${TEST_API_KEY}`, cookie: eng } });
    expect(res.status).toBe(400);
    expect(res.body.error).not.toBe('csrf_token');
  });

  it('a form post from another site is refused before any work: 415, no cookie needed', async () => {
    const res = await fetch(`${t.url}/api/kudos`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: eng }, body: 'toPersonId=p-eng2&message=x' });
    expect(res.status).toBe(415);
  });
});
