import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IntegrationNoticeView } from '@opsquest/contracts';
import { getJson, postJson } from '../../../test-support/http';
import { login, startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import { gettable } from '../../../test-support/fixtures/alertmanager-api.fixtures';
import type { AlertmanagerResult } from './alertmanager.routes';

const PATH = '/api/integrations/alertmanager';
const auth = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();

/**
 * Issue #15, "no alert lost to truncation": a notification with `truncatedAlerts` > 0 against a real
 * local HTTP server answering like Alertmanager 0.25's GET /api/v2/alerts.
 */
describe('POST /api/integrations/alertmanager: truncated groups', () => {
  let t: TestServer;
  let am: Server;
  let amUrl = '';
  let answer: Handler = (_req, res) => res.end('[]');
  const asked: URL[] = [];
  let admin = '';

  beforeAll(async () => {
    t = await startTestServer({ config: { slaTimerMs: 3_600_000 } });
    am = createServer((req, res) => {
      asked.push(new URL(req.url ?? '/', 'http://am.invalid'));
      answer(req, res);
    });
    await new Promise<void>((resolve) => am.listen(0, '127.0.0.1', resolve));
    amUrl = `http://127.0.0.1:${(am.address() as AddressInfo).port}`;
    admin = await login(t.url, 'admin');
  });
  afterAll(async () => {
    am.closeAllConnections();
    await new Promise((r) => am.close(r));
    await t.close();
  });
  beforeEach(() => {
    asked.length = 0;
    vi.restoreAllMocks();
  });

  const allow = async (urls: string[]): Promise<void> => {
    await t.server.repos.apiKeys.updateSettings('env', { alertmanagerUrls: urls, severityMap: {} });
  };
  const item = async (fingerprint: string) => (await t.server.repos.workItems.findByKey(`alarm:alertmanager:${fingerprint}`))?.item;
  const notices = async (): Promise<IntegrationNoticeView[]> => (await getJson<{ notices: IntegrationNoticeView[] }>(t.url, '/api/admin/integration-notices', { cookie: admin })).body.notices;
  const send = (body: unknown) => postJson<AlertmanagerResult>(t.url, PATH, body, auth);
  const json = (body: unknown): Handler => (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };

  /** One group: CpeDown in the north, routed to the receiver "opsquest" under the noc route. */
  const group = (name: string) => {
    const groupLabels = { alertname: name, region: 'north' };
    const labels = (site: string) => ({ ...groupLabels, severity: 'minor', site });
    const startsAt = minutesAgo(10);
    const firing = (fingerprint: string) => ({ status: 'firing', labels: labels(fingerprint), annotations: { summary: `${name} at ${fingerprint}` }, startsAt, endsAt: '0001-01-01T00:00:00Z', fingerprint });
    const notification = (alerts: unknown[], truncatedAlerts: number, externalURL = amUrl) => ({
      receiver: 'opsquest',
      status: 'firing',
      alerts,
      groupLabels,
      commonLabels: groupLabels,
      commonAnnotations: {},
      externalURL,
      version: '4',
      groupKey: `{}/{team="noc"}:{alertname="${name}", region="north"}`,
      truncatedAlerts,
    });
    const listed = (fingerprint: string, state: 'active' | 'suppressed' = 'active') => ({ ...gettable(fingerprint, labels(fingerprint), state), startsAt });
    return { groupLabels, notification, firing, listed };
  };

  it('allowed: fetches the group from Alertmanager, stores the alerts the notification left out, and clears the ones resolved in the cut part', { timeout: 30_000 }, async () => {
    await allow([`${amUrl}/`]);
    const g = group('CpeDown');
    // OpsQuest holds p1..p5 open from an earlier, complete notification of the group
    const earlier = await send(g.notification(['p1', 'p2', 'p3', 'p4', 'p5'].map(g.firing), 0));
    expect(earlier.body).toMatchObject({ stored: 5 });
    // another group with the same labels but another group key must not be touched
    const other = { ...g.notification([g.firing('other-1')], 0), groupKey: '{}/{team="field"}:{alertname="CpeDown", region="north"}' };
    expect((await send(other)).body).toMatchObject({ stored: 1 });

    // now: p1 and n1 come in the notification, 5 were cut. Alertmanager lists p1, p2 (silenced), n1, n2, n3:
    // n2 and n3 are new and were cut; p3, p4, p5 are listed no more, so they were resolved in the cut part.
    answer = json([g.listed('p1'), g.listed('p2', 'suppressed'), g.listed('n1'), g.listed('n2'), g.listed('n3')]);
    const res = await send(g.notification([g.firing('p1'), g.firing('n1')], 5));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 2, truncatedAlerts: 5, recovered: { from: amUrl, fetched: 2, cleared: 3 } });
    expect(res.body.warning).toBeUndefined();
    expect(res.body.results.map((r) => [r.fingerprint, r.origin, r.transition, r.status])).toEqual([
      ['p1', 'notification', 'raised', 'duplicate'],
      ['n1', 'notification', 'raised', 'stored'],
      ['n2', 'fetched', 'raised', 'stored'],
      ['n3', 'fetched', 'raised', 'stored'],
      ['p3', 'cleared', 'cleared', 'stored'],
      ['p4', 'cleared', 'cleared', 'stored'],
      ['p5', 'cleared', 'cleared', 'stored'],
    ]);

    // the query Alertmanager received: the group's labels and the receiver
    expect(asked).toHaveLength(1);
    expect(asked[0]?.pathname).toBe('/api/v2/alerts');
    expect(asked[0]?.searchParams.getAll('filter')).toEqual(['alertname="CpeDown"', 'region="north"']);
    expect(asked[0]?.searchParams.get('receiver')).toBe('^opsquest$');

    expect(await item('n2')).toMatchObject({ open: true, severity: 'minor', title: 'alert n2' });
    expect(await item('p2')).toMatchObject({ open: true }); // silenced is not resolved
    for (const fp of ['p3', 'p4', 'p5']) {
      const cleared = await item(fp);
      expect(cleared, fp).toMatchObject({ open: false, status: 'cleared' });
      expect(cleared?.resolvedBy).toBeUndefined();
      expect(cleared?.notes).toMatch(/cut .*no longer lists this one as active/);
    }
    expect(await item('other-1')).toMatchObject({ open: true });
  });

  it('not allowed: a notice an admin can act on, visible on GET /api/admin/integration-notices, and a warning; a later complete notification closes it', { timeout: 30_000 }, async () => {
    await allow([]);
    const g = group('OltDown');
    const res = await send(g.notification([g.firing('olt-1')], 12));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 1, stored: 1, truncatedAlerts: 12 });
    expect(res.body.warning).toMatch(/12 alert\(s\).*not in this key's allow-list/);
    expect(asked).toHaveLength(0);
    const open = (await notices()).find((n) => n.kind === 'truncated' && n.groupKey === g.notification([], 0).groupKey);
    expect(open).toMatchObject({ source: 'alertmanager', keyId: 'env', missing: 12, groupLabels: g.groupLabels, resolvedAt: null });
    expect(open?.reason).toBe(`externalURL ${amUrl} is not in this key's allow-list; add it on the Admin page`);

    // the same group again, complete this time: the gap is closed
    const complete = await send(g.notification([g.firing('olt-1'), g.firing('olt-2')], 0));
    expect(complete.status).toBe(200);
    const closed = (await notices()).find((n) => n.id === open?.id);
    expect(closed?.resolvedAt).not.toBeNull();
  });

  it('allowed but Alertmanager does not answer within 5 s: 200 with a warning, the notice says so, what arrived is stored', { timeout: 30_000 }, async () => {
    await allow([amUrl]);
    answer = () => undefined; // never answers
    const g = group('RectifierAlarm');
    const started = performance.now();
    const res = await send(g.notification([g.firing('rect-1')], 3));
    const took = performance.now() - started;
    expect(res.status).toBe(200);
    expect(took).toBeGreaterThanOrEqual(4_900);
    expect(took).toBeLessThan(9_000);
    expect(res.body).toMatchObject({ stored: 1, truncatedAlerts: 3 });
    expect(res.body.warning).toMatch(/fetch failed: timeout after 5 s/);
    const notice = (await notices()).find((n) => n.kind === 'truncated' && n.groupKey === g.notification([], 0).groupKey);
    expect(notice?.reason).toBe(`fetch failed: timeout after 5 s (GET ${amUrl}/api/v2/alerts)`);
    expect(await item('rect-1')).toMatchObject({ open: true });
  });

  it('allowed but Alertmanager answers garbage: nothing is cleared, the notice says what came back', { timeout: 30_000 }, async () => {
    await allow([amUrl]);
    const g = group('BatteryLow');
    await send(g.notification([g.firing('bat-1'), g.firing('bat-2')], 0));
    answer = (_req, res) => res.end('<html>502 Bad Gateway</html>');
    const res = await send(g.notification([g.firing('bat-1')], 1));
    expect(res.status).toBe(200);
    expect(res.body.warning).toMatch(/not JSON/);
    expect(await item('bat-2')).toMatchObject({ open: true });
  });

  it('answers 500 when storing fails, so Alertmanager retries (a 4xx would not be retried)', async () => {
    vi.spyOn(t.server.services.ingest, 'ingestGrouped').mockRejectedValueOnce(new Error('SQLITE_BUSY: database is locked'));
    const g = group('StorageFault');
    const res = await send(g.notification([g.firing('sf-1')], 0));
    expect(res.status).toBe(500);
    expect(await item('sf-1')).toBeUndefined();
    const again = await send(g.notification([g.firing('sf-1')], 0));
    expect(again.status).toBe(200);
    expect(await item('sf-1')).toMatchObject({ open: true });
  });
});
