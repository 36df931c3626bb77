import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmGapView, ApiKeyView, CreatedApiKey, IntegrationNoticeView } from '@opsquest/contracts';
import { fieldPaths, getJson, isoFromNow, postJson, sendJson, uniqueKey, waitFor } from '../../test-support/http';
import { login, startTestServer, TEST_API_KEY, type TestServer } from '../../test-support/test-server';

const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });
const SECRET_MARKER = 'do-not-echo-3f9a';

describe('integration notices: key settings, the admin list, alarm gaps, refusals', () => {
  let t: TestServer;
  let admin: string;
  let eng: string;
  let tech: string;
  let lead: string;
  let key: CreatedApiKey;
  beforeAll(async () => {
    t = await startTestServer();
    [admin, eng, tech, lead] = await Promise.all(['admin', 'eng', 'tech', 'lead'].map((u) => login(t.url, u)));
    const created = await postJson<CreatedApiKey>(t.url, '/api/admin/api-keys', { name: 'Alertmanager prod', scopes: ['alertmanager:write', 'workorder:write'] }, { cookie: admin });
    expect(created.status).toBe(201);
    key = created.body;
  });
  afterAll(async () => {
    await t.close();
  });

  const notices = async (): Promise<IntegrationNoticeView[]> => {
    const res = await getJson<{ notices: IntegrationNoticeView[] }>(t.url, '/api/admin/integration-notices', { cookie: admin });
    expect(res.status).toBe(200);
    return res.body.notices;
  };
  /** the refused notice of this source and status, once the finished request has been recorded */
  const refusedOf = (source: string, status: number, minOccurrences = 1) =>
    waitFor(async () => (await notices()).find((n) => n.kind === 'refused' && n.source === source && n.status === status && n.occurrences >= minOccurrences), `${source} ${status} refusal`);

  describe('PUT /api/admin/api-keys/:id/settings', () => {
    const settings = { alertmanagerUrls: ['https://am.example.net:9093', 'https://am.example.net:9093'], severityMap: { P0: 'critical', ' Sev-Low ': 'warning' } };

    it('is for admins only', async () => {
      const path = `/api/admin/api-keys/${key.id}/settings`;
      expect((await sendJson(t.url, 'PUT', path, settings)).status).toBe(401);
      expect((await sendJson(t.url, 'PUT', path, settings, { cookie: eng })).status).toBe(403);
      expect((await sendJson(t.url, 'PUT', path, settings, { cookie: lead })).status).toBe(403);
      expect((await sendJson(t.url, 'PUT', path, settings, bearer(TEST_API_KEY))).status).toBe(401);
    });

    it('stores the URLs once each and the labels lower-cased, shows them in the key list, and is audited', async () => {
      const res = await sendJson<ApiKeyView>(t.url, 'PUT', `/api/admin/api-keys/${key.id}/settings`, settings, { cookie: admin });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: key.id, alertmanagerUrls: ['https://am.example.net:9093'], severityMap: { p0: 'critical', 'sev-low': 'warning' } });
      const keys = await getJson<{ keys: ApiKeyView[] }>(t.url, '/api/admin/api-keys', { cookie: admin });
      expect(keys.body.keys.find((k) => k.id === key.id)).toMatchObject({ alertmanagerUrls: ['https://am.example.net:9093'], severityMap: { p0: 'critical', 'sev-low': 'warning' } });
      // a new key starts with none
      expect(keys.body.keys.find((k) => k.id === 'env')).toMatchObject({ alertmanagerUrls: [], severityMap: {} });
      const audit = await getJson<{ entries: { action: string; targetId: string | null }[] }>(t.url, '/api/audit?limit=5', { cookie: admin });
      expect(audit.body.entries.find((e) => e.action === 'api-key.settings-changed')?.targetId).toBe(key.id);
    });

    it('400 names the field: a URL that is not http(s), a severity that is none of ours, an unknown key', async () => {
      const path = `/api/admin/api-keys/${key.id}/settings`;
      const badUrl = await sendJson(t.url, 'PUT', path, { alertmanagerUrls: ['ftp://am.example.net'], severityMap: {} }, { cookie: admin });
      expect(badUrl.status).toBe(400);
      expect(fieldPaths(badUrl.body)).toContain('body.alertmanagerUrls.0');
      const badSeverity = await sendJson(t.url, 'PUT', path, { alertmanagerUrls: [], severityMap: { p0: 'urgent' } }, { cookie: admin });
      expect(badSeverity.status).toBe(400);
      expect(fieldPaths(badSeverity.body)).toContain('body.severityMap.p0');
      const extra = await sendJson(t.url, 'PUT', path, { alertmanagerUrls: [], severityMap: {}, scopes: ['import:write'] }, { cookie: admin });
      expect(extra.status).toBe(400);
      expect(fieldPaths(extra.body)).toContain('body.scopes');
    });

    it('404 for a key that does not exist', async () => {
      const res = await sendJson(t.url, 'PUT', '/api/admin/api-keys/no-such-key/settings', { alertmanagerUrls: [], severityMap: {} }, { cookie: admin });
      expect(res.status).toBe(404);
    });
  });

  describe('GET /api/admin/integration-notices and GET /api/alarms/gaps', () => {
    it('the notice list is for admins only; the gaps for everyone signed in', async () => {
      expect((await getJson(t.url, '/api/admin/integration-notices')).status).toBe(401);
      expect((await getJson(t.url, '/api/admin/integration-notices', { cookie: eng })).status).toBe(403);
      expect((await getJson(t.url, '/api/admin/integration-notices', { cookie: lead })).status).toBe(403);
      expect((await getJson(t.url, '/api/alarms/gaps')).status).toBe(401);
      expect((await getJson(t.url, '/api/alarms/gaps', bearer(TEST_API_KEY))).status).toBe(401);
      for (const cookie of [eng, tech, lead, admin]) expect((await getJson(t.url, '/api/alarms/gaps', { cookie })).status).toBe(200);
    });

    it('a truncated group is a gap on the board and a notice for the admins until it comes complete', async () => {
      const groupKey = `{}:{alertname="${uniqueKey('LinkDown')}"}`;
      const input = { keyId: key.id, source: 'alertmanager', groupKey, groupLabels: { alertname: 'LinkDown' }, missing: 120, reason: '120 alerts left out (max_alerts) could not be fetched' };
      await t.server.services.integrationNotices.truncated(input);
      await t.server.services.integrationNotices.truncated({ ...input, missing: 80 });
      const gaps = await getJson<{ gaps: AlarmGapView[] }>(t.url, '/api/alarms/gaps', { cookie: tech });
      const gap = gaps.body.gaps.find((g) => g.groupKey === groupKey);
      expect(gap).toMatchObject({ groupLabels: { alertname: 'LinkDown' }, missing: 80, reason: input.reason });
      expect(Object.keys(gap ?? {}).sort()).toEqual(['groupKey', 'groupLabels', 'id', 'lastAt', 'missing', 'reason']);
      const notice = (await notices()).find((n) => n.groupKey === groupKey);
      expect(notice).toMatchObject({ kind: 'truncated', keyId: key.id, keyName: 'Alertmanager prod', occurrences: 2, missing: 80, status: null, resolvedAt: null });

      expect((await t.server.services.integrationNotices.complete(key.id, groupKey))?.resolvedAt).not.toBeNull();
      const after = await getJson<{ gaps: AlarmGapView[] }>(t.url, '/api/alarms/gaps', { cookie: eng });
      expect(after.body.gaps.some((g) => g.groupKey === groupKey)).toBe(false);
      const list = await notices();
      const resolved = list.find((n) => n.groupKey === groupKey);
      expect(resolved?.resolvedAt).not.toBeNull();
      // open notices come before resolved ones
      expect(list.findIndex((n) => n.resolvedAt === null && n.id !== resolved?.id)).toBeLessThan(list.indexOf(resolved as IntegrationNoticeView));
    });
  });

  describe('refused integration requests become notices', () => {
    it('a 400 from POST /api/integrations/alertmanager is recorded with the field, the key and the group, never the key itself or the body', async () => {
      // a body that is no notification at all (version "3") is refused whole; bad alerts in a good one are a 200 (the receiver records those)
      const body = { version: '3', groupKey: '{}:{alertname="Refused"}', groupLabels: { alertname: 'Refused' }, receiver: SECRET_MARKER, alerts: [{ status: 'firing', labels: { alertname: 'Refused', note: SECRET_MARKER }, startsAt: isoFromNow(-60_000) }] };
      const res = await postJson(t.url, '/api/integrations/alertmanager', body, bearer(key.key));
      expect(res.status).toBe(400);
      expect(fieldPaths(res.body)).toContain('body.version');
      const notice = await refusedOf('alertmanager', 400);
      expect(notice).toMatchObject({ keyId: key.id, keyName: 'Alertmanager prod', groupKey: '{}:{alertname="Refused"}', groupLabels: { alertname: 'Refused' }, occurrences: 1, resolvedAt: null });
      expect(notice.reason).toContain('body.version');
      expect(JSON.stringify(notice)).not.toContain(SECRET_MARKER);
      expect(JSON.stringify(notice)).not.toContain(key.key);
      // the same refusal again is the same notice, counted
      expect((await postJson(t.url, '/api/integrations/alertmanager', body, bearer(key.key))).status).toBe(400);
      expect((await refusedOf('alertmanager', 400, 2)).id).toBe(notice.id);
      // refusals are not gaps on the alarm board
      const gaps = await getJson<{ gaps: AlarmGapView[] }>(t.url, '/api/alarms/gaps', { cookie: eng });
      expect(gaps.body.gaps.some((g) => g.id === notice.id)).toBe(false);
    });

    it('415 and 413 are recorded too; a request without a valid key (401) or scope (403) is not', async () => {
      const before = (await notices()).length;
      expect((await postJson(t.url, '/api/integrations/alertmanager', { version: 'x', alerts: [] })).status).toBe(401);
      expect((await postJson(t.url, '/api/integrations/alertmanager', { version: 'x', alerts: [] }, bearer('oq_unknown_key_0123456789'))).status).toBe(401);
      expect((await postJson(t.url, '/tmf-api/productOrderingManagement/v4/listener/productOrderCreateEvent', { bad: true }, bearer(key.key))).status).toBe(403);
      const notText = await postJson(t.url, '/api/integrations/workorder', 'state=open', { ...bearer(key.key), contentType: 'text/plain' });
      expect(notText.status).toBe(415);
      expect(await refusedOf('workorder', 415)).toMatchObject({ keyId: key.id, missing: 0, reason: 'Send JSON with Content-Type: application/json' });
      const big = await postJson(t.url, '/api/integrations/workorder', { workOrderId: 'WO-1', note: 'x'.repeat(1_100_000) }, bearer(key.key));
      expect(big.status).toBe(413);
      expect(await refusedOf('workorder', 413)).toMatchObject({ keyId: key.id, reason: 'The request body is too large' });
      expect((await notices()).length).toBe(before + 2);
    });

    it('the other integration routes are covered in the same place: events, TMF642 (its own error shape), import', async () => {
      expect((await postJson(t.url, '/api/events', [{ source: 'nms' }, { source: 'nms' }], bearer(TEST_API_KEY))).status).toBe(400);
      expect(await refusedOf('events', 400)).toMatchObject({ keyId: 'env', keyName: 'OPSQUEST_API_KEY (environment)', missing: 2 });
      expect((await postJson(t.url, '/tmf-api/alarm/v4/alarm', { alarmType: 'EquipmentAlarm' }, bearer(TEST_API_KEY))).status).toBe(400);
      expect((await refusedOf('tmf642', 400)).reason).toContain('body.');
      expect((await postJson(t.url, '/api/import', '{}', bearer(TEST_API_KEY))).status).toBe(415);
      expect(await refusedOf('import', 415)).toMatchObject({ keyId: 'env' });
    });
  });
});
