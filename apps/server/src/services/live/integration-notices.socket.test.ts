import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmGapView, IntegrationNoticeView } from '@opsquest/contracts';
import { connected, liveSocket, postJson, uniqueKey, waitFor, type LiveSocket } from '../../../test-support/http';
import { login, startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';

describe('integration notices live: integration:notice to admins, alarms:gaps to everyone', () => {
  let t: TestServer;
  let adminSocket: LiveSocket;
  let engSocket: LiveSocket;
  const adminNotices: IntegrationNoticeView[] = [];
  const engNotices: IntegrationNoticeView[] = [];
  const adminGaps: AlarmGapView[][] = [];
  const engGaps: AlarmGapView[][] = [];

  beforeAll(async () => {
    t = await startTestServer();
    const [admin, eng] = await Promise.all([login(t.url, 'admin'), login(t.url, 'eng')]);
    adminSocket = liveSocket(t.url, admin);
    engSocket = liveSocket(t.url, eng);
    adminSocket.on('integration:notice', ({ notice }) => adminNotices.push(notice));
    engSocket.on('integration:notice', ({ notice }) => engNotices.push(notice));
    adminSocket.on('alarms:gaps', ({ gaps }) => adminGaps.push(gaps));
    engSocket.on('alarms:gaps', ({ gaps }) => engGaps.push(gaps));
    await Promise.all([connected(adminSocket), connected(engSocket)]);
  });
  afterAll(async () => {
    adminSocket.close();
    engSocket.close();
    await t.close();
  });

  it("an admin's socket hears a refused integration request; an engineer's does not, and the gaps do not move", async () => {
    const res = await postJson(t.url, '/api/integrations/alertmanager', { version: '3', alerts: [] }, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(res.status).toBe(400);
    const notice = await waitFor(() => adminNotices.find((n) => n.kind === 'refused' && n.source === 'alertmanager'), 'integration:notice on the admin socket');
    expect(notice).toMatchObject({ status: 400, keyId: 'env', occurrences: 1 });
    expect(notice.reason).toContain('body.version');
    // a refusal is no gap: nobody is sent alarms:gaps for it
    await new Promise((r) => setTimeout(r, 100));
    expect(engNotices).toEqual([]);
    expect(engGaps).toEqual([]);
  });

  it('a truncated group opening and closing sends every open gap to the board, and the notice to admins only', async () => {
    const notices = t.server.services.integrationNotices;
    const groupKey = `{}:{alertname="${uniqueKey('Storm')}"}`;
    // many changes in one turn of the event loop are one alarms:gaps message
    for (const missing of [10, 20, 30]) await notices.truncated({ keyId: 'env', source: 'alertmanager', groupKey, groupLabels: { alertname: 'Storm' }, missing, reason: 'left out (max_alerts), not fetched' });
    const opened = await waitFor(() => engGaps.find((gaps) => gaps.some((g) => g.groupKey === groupKey)), 'alarms:gaps on the engineer socket');
    expect(opened.find((g) => g.groupKey === groupKey)).toMatchObject({ missing: 30, groupLabels: { alertname: 'Storm' } });
    expect(engGaps).toHaveLength(1);
    const truncated = await waitFor(() => adminNotices.find((n) => n.groupKey === groupKey), 'truncated notice on the admin socket');
    expect(truncated).toMatchObject({ kind: 'truncated', occurrences: 3, missing: 30 });
    expect(adminNotices.filter((n) => n.groupKey === groupKey)).toHaveLength(1);
    expect(adminGaps.length).toBe(1);

    await notices.complete('env', groupKey);
    await waitFor(() => (engGaps.length === 2 ? true : undefined), 'alarms:gaps after the group came complete');
    expect(engGaps[1]?.some((g) => g.groupKey === groupKey)).toBe(false);
    const resolved = await waitFor(() => adminNotices.find((n) => n.groupKey === groupKey && n.resolvedAt !== null), 'resolved notice on the admin socket');
    expect(resolved.id).toBe(truncated.id);
    expect(engNotices).toEqual([]);
  });
});
