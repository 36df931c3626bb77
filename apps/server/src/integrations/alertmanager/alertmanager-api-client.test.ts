import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { equalityMatcher, escapeRegex, fetchGroupAlerts, groupAlertsUrl } from './alertmanager-api-client';
import { gettable } from '../../../test-support/fixtures/alertmanager-api.fixtures';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server standing in for Alertmanager's API: each test says how it answers and sees what it was asked. */
describe('fetchGroupAlerts against a local Alertmanager API', () => {
  let server: Server;
  let other: Server;
  let base = '';
  let otherBase = '';
  let handler: Handler = (_req, res) => res.end('[]');
  const asked: IncomingMessage[] = [];
  let otherHits = 0;

  const listen = (s: Server): Promise<string> => new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
  beforeAll(async () => {
    server = createServer((req, res) => {
      asked.push(req);
      handler(req, res);
    });
    other = createServer((_req, res) => {
      otherHits += 1;
      res.end('[]');
    });
    base = await listen(server);
    otherBase = await listen(other);
  });
  afterAll(async () => {
    server.closeAllConnections();
    other.closeAllConnections();
    await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => other.close(r))]);
  });
  beforeEach(() => {
    asked.length = 0;
  });

  const query = { receiver: 'opsquest (north)', groupLabels: { alertname: 'SiteDown', region: 'no"rth\\1' } };
  const json = (body: unknown): Handler => (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };

  it('asks GET /api/v2/alerts for the group: active (silenced and inhibited too), the receiver as an anchored literal regex, one filter per group label', async () => {
    handler = json([gettable('a1', { alertname: 'SiteDown', region: 'no"rth\\1', site: 'S1' }), gettable('a2', { alertname: 'SiteDown', region: 'no"rth\\1', site: 'S2' }, 'suppressed')]);
    const got = await fetchGroupAlerts({ baseUrl: `${base}/am`, ...query });
    expect(got).toMatchObject({ ok: true });
    if (!got.ok) return;
    expect(got.alerts.map((a) => [a.fingerprint, a.status.state])).toEqual([
      ['a1', 'active'],
      ['a2', 'suppressed'],
    ]);
    expect(asked).toHaveLength(1);
    const req = asked[0];
    expect(req?.method).toBe('GET');
    const url = new URL(req?.url ?? '', base);
    expect(url.pathname).toBe('/am/api/v2/alerts');
    expect(url.searchParams.get('active')).toBe('true');
    expect(url.searchParams.get('silenced')).toBe('true');
    expect(url.searchParams.get('inhibited')).toBe('true');
    expect(url.searchParams.get('unprocessed')).toBe('true');
    expect(url.searchParams.get('receiver')).toBe('^opsquest \\(north\\)$');
    expect(url.searchParams.getAll('filter')).toEqual(['alertname="SiteDown"', 'region="no\\"rth\\\\1"']);
    // nothing of OpsQuest's: no credentials, no cookies
    expect(req?.headers.authorization).toBeUndefined();
    expect(req?.headers.cookie).toBeUndefined();
  });

  it('escapes like Alertmanager reads: RE2 QuoteMeta for the receiver, ParseMatcher quoting for values, quoted names outside the classic charset', () => {
    expect(escapeRegex('a.b*c+d?(e)|[f]{g}^h$\\i')).toBe('a\\.b\\*c\\+d\\?\\(e\\)\\|\\[f\\]\\{g\\}\\^h\\$\\\\i');
    expect(equalityMatcher('job', 'a"b\\c\nd')).toBe('job="a\\"b\\\\c\\nd"');
    expect(equalityMatcher('service.name', 'x')).toBe('"service.name"="x"');
    expect(groupAlertsUrl({ baseUrl: 'http://am:9093', receiver: undefined, groupLabels: {} })).toBe('http://am:9093/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true');
  });

  it('fails with a reason when Alertmanager does not answer in time', async () => {
    handler = () => undefined; // never answers
    const started = performance.now();
    const got = await fetchGroupAlerts({ baseUrl: base, ...query }, { timeoutMs: 300 });
    expect(got).toMatchObject({ ok: false, reason: 'fetch failed: timeout after 0.3 s' });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('the timeout covers an answer that trickles in', async () => {
    handler = (_req, res) => {
      res.write('[');
      // the rest never comes
    };
    const got = await fetchGroupAlerts({ baseUrl: base, ...query }, { timeoutMs: 300 });
    expect(got).toMatchObject({ ok: false, reason: 'fetch failed: timeout after 0.3 s' });
  });

  it('fails with a reason for an error status, garbage, something that is not a list, or a bad alert', async () => {
    const cases: [Handler, RegExp][] = [
      [(_req, res) => res.writeHead(401, 'Unauthorized').end('no'), /^fetch failed: answered HTTP 401 Unauthorized$/],
      [(_req, res) => res.end('<html>proxy error</html>'), /^fetch failed: answered something that is not JSON/],
      [json({ alerts: [] }), /^fetch failed: answered something that is not a list of alerts$/],
      [json([gettable('ok', { a: '1' }), { fingerprint: 'x', labels: {} }]), /^fetch failed: answered an alert that is not one of Alertmanager's: \[1\]\.annotations|\[1\]\.startsAt/],
    ];
    for (const [answer, reason] of cases) {
      handler = answer;
      const got = await fetchGroupAlerts({ baseUrl: base, ...query });
      expect(got.ok).toBe(false);
      if (!got.ok) expect(got.reason).toMatch(reason);
    }
  });

  it('stops reading an answer over the size cap', async () => {
    handler = json(Array.from({ length: 200 }, (_, i) => gettable(`big-${i}`, { alertname: 'x'.repeat(100) })));
    const got = await fetchGroupAlerts({ baseUrl: base, ...query }, { maxBytes: 10_000 });
    expect(got).toMatchObject({ ok: false, reason: 'fetch failed: answered more than 10000 bytes' });
  });

  it('follows a redirect within the same origin, never to another host', async () => {
    handler = (req, res) => {
      if (req.url?.startsWith('/moved/')) return json([gettable('r1', { a: '1' })])(req, res);
      res.writeHead(308, { location: `/moved${req.url ?? ''}` }).end();
    };
    const same = await fetchGroupAlerts({ baseUrl: base, ...query });
    expect(same).toMatchObject({ ok: true, alerts: [{ fingerprint: 'r1' }] });

    handler = (req, res) => res.writeHead(302, { location: `${otherBase}${req.url ?? ''}` }).end();
    const elsewhere = await fetchGroupAlerts({ baseUrl: base, ...query });
    expect(elsewhere).toMatchObject({ ok: false });
    if (!elsewhere.ok) expect(elsewhere.reason).toContain('redirected to another host');
    expect(otherHits).toBe(0);
    expect(asked.map((r) => new URL(r.url ?? '', base).pathname)).toEqual(['/api/v2/alerts', '/moved/api/v2/alerts', '/api/v2/alerts']);
  });

  it('fails with the connection error when nothing listens', async () => {
    const closed = createServer();
    const gone = await listen(closed);
    await new Promise((r) => closed.close(r));
    const got = await fetchGroupAlerts({ baseUrl: gone, ...query }, { timeoutMs: 2_000 });
    expect(got).toMatchObject({ ok: false, reason: 'fetch failed: ECONNREFUSED' });
  });
});
