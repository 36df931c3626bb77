import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '@opsquest/contracts';
import { postJson, sendJson } from '../../../test-support/http';
import { login, startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import type { AlertmanagerResult } from './alertmanager.routes';

const PATH = '/api/integrations/alertmanager';

describe('POST /api/integrations/alertmanager: the key\'s own severity labels', () => {
  let t: TestServer;
  let otherKey = '';
  const NOW = Date.parse('2026-11-20T09:00:00Z');
  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW, config: { slaTimerMs: 3_600_000 } });
    const admin = await login(t.url, 'admin');
    const created = await postJson<CreatedApiKey>(t.url, '/api/admin/api-keys', { name: 'Second Alertmanager', scopes: ['alertmanager:write'] }, { cookie: admin });
    otherKey = created.body.key;
    // the environment's key maps this sender's labels; the second key has none
    const settings = await sendJson(t.url, 'PUT', '/api/admin/api-keys/env/settings', { alertmanagerUrls: [], severityMap: { 'sev-a': 'critical', warning: 'minor', P2: 'minor' } }, { cookie: admin });
    expect(settings.status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const item = async (fingerprint: string) => (await t.server.repos.workItems.findByKey(`alarm:alertmanager:${fingerprint}`))?.item;
  const notification = (prefix: string, severities: (string | undefined)[]) => ({
    version: '4',
    groupKey: `{}:{alertname="Sev${prefix}"}`,
    status: 'firing',
    receiver: 'opsquest',
    groupLabels: { alertname: `Sev${prefix}` },
    alerts: severities.map((severity, i) => ({
      status: 'firing',
      labels: { alertname: `Sev${prefix}`, ...(severity !== undefined ? { severity } : {}) },
      startsAt: '2026-11-20T08:50:00Z',
      fingerprint: `${prefix}-${i}`,
    })),
  });

  it('maps labels through the sending key\'s severityMap first (trimmed, any case), then the built-in aliases', async () => {
    const severities = ['sev-a', ' SEV-A ', 'warning', 'p2', 'critical', 'sev1', undefined, 'unheard-of'];
    const res = await postJson<AlertmanagerResult>(t.url, PATH, notification('mapped', severities), { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(res.status).toBe(200);
    expect(await Promise.all(severities.map(async (_, i) => (await item(`mapped-${i}`))?.severity))).toEqual(['critical', 'critical', 'minor', 'minor', 'critical', 'critical', 'warning', 'indeterminate']);
  });

  it('another key\'s notifications keep the built-in mapping', async () => {
    const severities = ['sev-a', 'warning', 'p2'];
    const res = await postJson<AlertmanagerResult>(t.url, PATH, notification('plain', severities), { headers: { authorization: `Bearer ${otherKey}` } });
    expect(res.status).toBe(200);
    expect(await Promise.all(severities.map(async (_, i) => (await item(`plain-${i}`))?.severity))).toEqual(['indeterminate', 'warning', 'major']);
  });
});
