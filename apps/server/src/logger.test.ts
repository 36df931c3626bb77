import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCookie } from 'cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@opsquest/contracts';
import { createOpsQuestServer, type OpsQuestServer } from './app';
import type { ServerConfig } from './config';
import { createLogger, REDACTED } from './logger';
import { CSRF_HEADER, csrfTokenFor } from './security/csrf';
import { hashPassword } from './security/password';
import { getJson, postJson, sendJson, waitFor } from '../test-support/http';
import { login, postEvents, TEST_API_KEY, TEST_PASSWORD } from '../test-support/test-server';

/** A pino destination that keeps every line in memory. */
function memoryStream(): { lines: string[]; write(line: string): void } {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

describe('createLogger', () => {
  it('redacts secret-named fields at the top level and one level deep', () => {
    const stream = memoryStream();
    const log = createLogger('debug', stream);
    log.info({ password: 'pw-top-1', apiKey: 'ak-top-2', secret: 's-top-3', token: 't-top-4', key: 'k-top-5', user: 'eve' }, 'top level');
    log.info({ login: { password: 'pw-deep-1', apiKey: 'ak-deep-2', secret: 's-deep-3', token: 't-deep-4', key: 'k-deep-5', username: 'eve' } }, 'one level deep');
    log.info({ req: { headers: { authorization: 'Bearer hdr-1', cookie: 'c=hdr-2', 'x-csrf-token': 'hdr-3', 'x-api-key': 'hdr-4', accept: 'application/json' } }, res: { headers: { 'set-cookie': ['s=hdr-5'] } } }, 'headers');
    expect(stream.lines).toHaveLength(3);
    const all = stream.lines.join('');
    for (const secret of ['pw-top-1', 'ak-top-2', 's-top-3', 't-top-4', 'k-top-5', 'pw-deep-1', 'ak-deep-2', 's-deep-3', 't-deep-4', 'k-deep-5', 'hdr-1', 'hdr-2', 'hdr-3', 'hdr-4', 'hdr-5']) {
      expect(all).not.toContain(secret);
    }
    const [top, deep, headers] = stream.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(top).toMatchObject({ password: REDACTED, apiKey: REDACTED, secret: REDACTED, token: REDACTED, key: REDACTED, user: 'eve' });
    expect(deep).toMatchObject({ login: { password: REDACTED, apiKey: REDACTED, username: 'eve' } });
    expect(headers).toMatchObject({ req: { headers: { authorization: REDACTED, cookie: REDACTED, 'x-csrf-token': REDACTED, 'x-api-key': REDACTED, accept: 'application/json' } }, res: { headers: { 'set-cookie': REDACTED } } });
  });
});

describe('request logs of a real server', () => {
  const BAD_KEY = 'bad-key-not-known-9f8e7d6c5b4a';
  const WRONG_PASSWORD = 'wrong horse battery staple';
  const WEBHOOK_SECRET = 'webhook-signing-secret-0a1b2c3d4e';
  let createdKey = '';
  const stream = memoryStream();
  let dir: string;
  let server: OpsQuestServer;
  let url: string;
  let session = '';
  let csrf = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opsquest-logger-'));
    const config: ServerConfig = {
      port: 0,
      host: '127.0.0.1',
      databasePath: join(dir, 'opsquest.db'),
      demo: false,
      apiKey: TEST_API_KEY,
      timeZone: 'UTC',
      simulatorIntervalMs: 1000,
      secureCookies: false,
      logLevel: 'debug',
      slaTimerMs: 3_600_000,
      liveTickMs: 20,
    };
    server = await createOpsQuestServer(config, { logger: createLogger('debug', stream) });
    const now = Date.now();
    await server.repos.people.createTeam({ id: 't-noc', name: 'NOC Test' }, now);
    const passwordHash = await hashPassword(TEST_PASSWORD);
    await server.repos.people.createPerson({ id: 'p-eng', username: 'eng', displayName: 'Eve Engineer', role: 'engineer', teamId: 't-noc', passwordHash, workDays: null }, now);
    await server.repos.people.createPerson({ id: 'p-admin', username: 'admin', displayName: 'Ada Admin', role: 'admin', teamId: 't-noc', passwordHash, workDays: null }, now);
    ({ url } = await server.listen());

    // an admin creates an integration key (shown once) and an award webhook with its signing secret
    const admin = await login(url, 'admin');
    const created = await postJson<{ key: string }>(url, '/api/admin/api-keys', { name: 'Alertmanager', scopes: ['alertmanager:write'] }, { cookie: admin });
    expect(created.status).toBe(201);
    createdKey = created.body.key;
    expect((await postJson(url, '/api/admin/webhooks', { name: 'HR', url: 'http://127.0.0.1:9/hook', events: ['points.awarded'], secret: WEBHOOK_SECRET }, { cookie: admin })).status).toBe(201);
    // Alertmanager with that key: a notification that is not one (400), one that is not JSON (415), one that is fine
    const alertmanager = (body: string, type = 'application/json') =>
      fetch(`${url}/api/integrations/alertmanager`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${createdKey}` }, body });
    expect((await alertmanager('{"version":"4","alerts":"nope"}')).status).toBe(400);
    expect((await alertmanager('alerts', 'text/plain')).status).toBe(415);
    expect((await alertmanager(JSON.stringify({ version: '4', status: 'firing', groupLabels: {}, alerts: [] }))).status).toBe(200);

    // 401: a bearer key the server does not know
    expect((await postEvents(url, [], BAD_KEY)).status).toBe(401);
    // 400: a bad body with a valid key
    expect((await postEvents(url, { not: 'an event' })).status).toBe(400);
    // 401: a login with a wrong password
    expect((await postJson(url, '/api/auth/login', { username: 'eng', password: WRONG_PASSWORD })).status).toBe(401);
    // a successful login, then requests made with its cookie and CSRF token
    const cookie = await login(url, 'eng');
    session = parseCookie(cookie)[SESSION_COOKIE] ?? '';
    csrf = csrfTokenFor(session);
    expect((await getJson(url, '/api/me', { cookie })).status).toBe(200);
    // 404, with every credential a client can send
    const all = { cookie, headers: { authorization: `Bearer ${TEST_API_KEY}`, 'x-api-key': TEST_API_KEY } };
    expect((await getJson(url, '/api/no-such-route', all)).status).toBe(404);
    // a change a browser session makes: cookie plus X-CSRF-Token
    expect((await sendJson(url, 'POST', '/api/auth/logout', undefined, { cookie })).status).toBe(204);
    // pino-http writes a request's line when its response finishes, possibly after the client has it
    await waitFor(() => (requestLines().some((l) => l.req.url === '/api/auth/logout') ? true : undefined), 'the logout request line');
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  interface RequestLine {
    level: number;
    req: { method: string; url: string; headers: Record<string, unknown> };
    res: { statusCode: number; headers: Record<string, unknown> };
  }
  const requestLines = (): RequestLine[] =>
    stream.lines.map((l) => JSON.parse(l) as Partial<RequestLine>).filter((l): l is RequestLine => l.req !== undefined && l.res !== undefined);
  const lineOf = (method: string, path: string, status: number): RequestLine => {
    const line = requestLines().find((l) => l.req.method === method && l.req.url === path && l.res.statusCode === status);
    if (!line) throw new Error(`no log line for ${method} ${path} ${status}`);
    return line;
  };

  it('logs every request, with its headers', () => {
    expect(session).not.toBe('');
    expect(lineOf('POST', '/api/events', 401).req.headers.authorization).toBe(REDACTED);
    expect(lineOf('POST', '/api/events', 400).req.headers.authorization).toBe(REDACTED);
    expect(lineOf('POST', '/api/auth/login', 401).req.headers['content-type']).toBe('application/json');
    expect(lineOf('POST', '/api/auth/login', 200).res.headers['set-cookie']).toBe(REDACTED);
    expect(lineOf('GET', '/api/me', 200).req.headers.cookie).toBe(REDACTED);
    expect(lineOf('GET', '/api/me', 200).req.headers[CSRF_HEADER]).toBe(REDACTED);
    const notFound = lineOf('GET', '/api/no-such-route', 404);
    expect(notFound.req.headers).toMatchObject({ authorization: REDACTED, 'x-api-key': REDACTED, cookie: REDACTED, [CSRF_HEADER]: REDACTED });
    expect(lineOf('POST', '/api/auth/logout', 204).req.headers[CSRF_HEADER]).toBe(REDACTED);
    // errors are logged above debug
    expect(lineOf('POST', '/api/events', 401).level).toBeGreaterThanOrEqual(40);
  });

  it('never writes an API key (sent or created), a password, the session cookie, the CSRF token or a webhook secret', () => {
    expect(stream.lines.length).toBeGreaterThanOrEqual(7);
    expect(createdKey).not.toBe('');
    expect(requestLines().some((l) => l.req.url === '/api/integrations/alertmanager' && l.res.statusCode === 400)).toBe(true);
    const secrets = { apiKey: TEST_API_KEY, badKey: BAD_KEY, password: TEST_PASSWORD, wrongPassword: WRONG_PASSWORD, session, csrf, createdKey, webhookSecret: WEBHOOK_SECRET };
    for (const [i, line] of stream.lines.entries()) {
      for (const [name, secret] of Object.entries(secrets)) {
        expect(line.includes(secret), `log line ${i} carries the ${name}: ${line}`).toBe(false);
      }
    }
  });
});
