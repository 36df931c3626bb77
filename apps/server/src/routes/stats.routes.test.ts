import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsView } from '@opsquest/contracts';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

describe('GET /api/stats', () => {
  let t: TestServer;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestServer();
    cookie = await login(t.url, 'lead');
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports MTTA, MTTR and SLA attainment from the source timestamps of closed work', async () => {
    const start = Date.now() - 3 * 60 * 60_000;
    const at = (min: number) => new Date(start + min * 60_000).toISOString();
    const base = { source: 'nms', stream: 'alarm', attributes: { perceivedSeverity: 'major' } } as const;
    const res = await postEvents(t.url, [
      { ...base, externalKey: 'S1', transition: 'raised', occurredAt: at(0) },
      { ...base, externalKey: 'S1', transition: 'acknowledged', occurredAt: at(20), actor: 'eng' },
      { ...base, externalKey: 'S1', transition: 'cleared', occurredAt: at(100), actor: 'eng' },
      { ...base, externalKey: 'S2', transition: 'raised', occurredAt: at(0) },
      { ...base, externalKey: 'S2', transition: 'cleared', occurredAt: at(60) },
      { ...base, externalKey: 'S3', transition: 'raised', occurredAt: at(1) },
    ]);
    expect(res.status).toBe(201);
    const stats = (await (await fetch(`${t.url}/api/stats?window=all`, { headers: { cookie } })).json()) as StatsView;
    expect(stats.byStream.alarm).toMatchObject({ closed: 2, mttaMinutes: 20, mttrMinutes: 80, slaMet: 2, slaBreached: 0, slaAttainmentPct: 100 });
    expect(stats.open.alarm).toBe(1);
  });

  it('rejects an unknown window and requires a login', async () => {
    const bad = await fetch(`${t.url}/api/stats?window=year`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { path: string }[] }).fields[0]?.path).toBe('query.window');
    expect((await fetch(`${t.url}/api/stats`)).status).toBe(401);
  });
});
