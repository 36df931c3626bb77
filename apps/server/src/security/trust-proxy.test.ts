import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, type ApiError } from '@opsquest/contracts';
import { loadConfig } from '../config';
import { postJson, type JsonResponse } from '../../test-support/http';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../test-support/test-server';

/** The per-address limit on failed logins (auth.routes.ts): 20 a minute, the 21st is a 429. */
const LIMIT = 20;
/** Each failed login hashes a password on purpose (slow): a test of 40+ of them needs room on a busy 2-core runner. */
const SPRAY_TIMEOUT_MS = 60_000;

describe('which address the login limit counts (OPSQUEST_TRUST_PROXY)', () => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  let sprayed = 0;
  /** A failed login for a fresh username (so the per-username lockout stays out of the way), as if from `forwardedFor`. */
  const fail = (server: TestServer, forwardedFor: string): Promise<JsonResponse<ApiError>> => {
    sprayed += 1;
    return postJson<ApiError>(server.url, '/api/auth/login', { username: `spray-${sprayed}`, password: 'wrong password' }, { headers: { 'x-forwarded-for': forwardedFor } });
  };

  it('by default no proxy is trusted: rotating X-Forwarded-For from one client still hits the per-address limit', async () => {
    t = await startTestServer();
    for (let i = 1; i <= LIMIT; i += 1) expect((await fail(t, `198.51.100.${i}`)).status).toBe(401);
    const limited = await fail(t, '198.51.100.200');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'too_many_requests' });
    // a forwarded address never seen before does not help either, and neither does none
    expect((await fail(t, '192.0.2.99')).status).toBe(429);
    expect((await postJson(t.url, '/api/auth/login', { username: 'spray-none', password: 'wrong password' })).status).toBe(429);
  }, SPRAY_TIMEOUT_MS);

  it('by default X-Forwarded-Proto is not believed: no Secure cookies over plain HTTP', async () => {
    t = await startTestServer();
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'eng', password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const session = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(session).not.toBe('');
    expect(session).not.toMatch(/; Secure/i);
  });

  it("with trustProxy 'loopback' the forwarded address counts: each address is limited separately", async () => {
    t = await startTestServer({ config: { trustProxy: 'loopback' } });
    for (let i = 0; i < LIMIT; i += 1) expect((await fail(t, '203.0.113.7')).status).toBe(401);
    expect((await fail(t, '203.0.113.7')).status).toBe(429);
    // another forwarded address from the same proxy is not limited
    expect((await fail(t, '203.0.113.8')).status).toBe(401);
    expect((await postJson(t.url, '/api/auth/login', { username: 'eng', password: TEST_PASSWORD }, { headers: { 'x-forwarded-for': '203.0.113.8' } })).status).toBe(200);
    // and rotating addresses are each a fresh client
    for (let i = 1; i <= LIMIT + 5; i += 1) expect((await fail(t, `198.51.100.${i}`)).status).toBe(401);
  }, SPRAY_TIMEOUT_MS);

  it('a hop count trusts that many proxies: the address the nearest one saw counts', async () => {
    t = await startTestServer({ config: { trustProxy: '1' } });
    // a client-supplied first entry is not believed: only the address our proxy appended counts
    for (let i = 1; i <= LIMIT; i += 1) expect((await fail(t, `10.9.9.${i}, 203.0.113.9`)).status).toBe(401);
    expect((await fail(t, '10.9.9.200, 203.0.113.9')).status).toBe(429);
    expect((await fail(t, '203.0.113.10')).status).toBe(401);
  }, SPRAY_TIMEOUT_MS);
});

describe('OPSQUEST_TRUST_PROXY setting', () => {
  it('unset or empty trusts no proxy; names, addresses, ranges and hop counts are accepted', () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(loadConfig({ OPSQUEST_TRUST_PROXY: '' }).trustProxy).toBeUndefined();
    expect(loadConfig({ OPSQUEST_TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ OPSQUEST_TRUST_PROXY: ' loopback, 10.0.0.0/8, fd00::/8, 192.168.1.5 ' }).trustProxy).toBe('loopback, 10.0.0.0/8, fd00::/8, 192.168.1.5');
    expect(loadConfig({ OPSQUEST_TRUST_PROXY: '2' }).trustProxy).toBe('2');
  });

  it('a value Express would not understand stops start-up with a clear message', () => {
    for (const bad of ['true', 'proxy.example.com', '10.0.0.0/8/1', 'loopback/8', '300.1.1.1']) {
      expect(() => loadConfig({ OPSQUEST_TRUST_PROXY: bad })).toThrow(/OPSQUEST_TRUST_PROXY/);
    }
  });
});
