import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../test-support/http';
import { describeWithPostgres } from '../test-support/postgres/describe-with-postgres';
import type { ThrowawayPostgres } from '../test-support/postgres/throwaway-postgres';
import { startTestServer, TEST_API_KEY, type TestServer } from '../test-support/test-server';
import { checkConsistency } from './services/views/consistency.service';

/**
 * PostgreSQL goes away under load and comes back: the node keeps answering its health check (503,
 * naming the database) and refuses writes with a 503 the sender can retry, then recovers by itself,
 * without a restart, and nothing it acknowledged is lost or stored twice.
 */
describeWithPostgres('PostgreSQL restarted under load', (server: () => ThrowawayPostgres) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ config: { databaseUrl: await server().createDatabase() } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const health = async (): Promise<{ status: number; body: unknown; ms: number }> => {
    const started = Date.now();
    const res = await fetch(`${t.url}/api/health`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: await res.json(), ms: Date.now() - started };
  };

  it('keeps answering health checks, reports the outage, recovers without a restart and loses nothing acknowledged', async () => {
    const acked = new Set<string>();
    const statuses = new Map<number, number>();
    let stop = false;
    const client = async (c: number): Promise<void> => {
      for (let i = 0; !stop; i += 1) {
        const key = `OUTAGE-${c}-${i}`;
        const at = Date.now();
        const body = [
          { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: new Date(at - 120_000).toISOString(), attributes: { perceivedSeverity: 'minor' } },
          { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: new Date(at - 60_000).toISOString(), actor: ['eng', 'eng2', 'tech'][i % 3] },
        ];
        for (;;) {
          let status = 0;
          try {
            const res = await fetch(`${t.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
            status = res.status;
            if (status === 201) {
              for (const r of ((await res.json()) as { results: { eventKey: string }[] }).results) acked.add(r.eventKey);
              break;
            }
            expect(status).toBe(503);
            expect(res.headers.get('retry-after')).toBe('5');
          } catch (err) {
            if (err instanceof Error && err.name === 'AssertionError') throw err;
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 100));
        }
        statuses.set(201, (statuses.get(201) ?? 0) + 1);
      }
    };
    const load = Promise.all([0, 1, 2].map((c) => client(c)));

    await new Promise((r) => setTimeout(r, 800));
    expect((await health()).status).toBe(200);
    server().pause();
    const during = await waitFor(async () => {
      const h = await health();
      return h.status === 503 ? h : undefined;
    }, 'the health check reporting the outage');
    expect(during.body).toEqual({ status: 'degraded', database: 'unreachable' });
    expect(during.ms).toBeLessThan(2500);
    await new Promise((r) => setTimeout(r, 1500));
    const ackedBeforeRecovery = acked.size;
    server().resume();
    await waitFor(async () => ((await health()).status === 200 ? true : undefined), 'the node healthy again, without a restart', 20_000, 200);
    await waitFor(() => (acked.size > ackedBeforeRecovery + 10 ? true : undefined), 'events acknowledged again', 20_000, 100);
    stop = true;
    await load;

    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    const events = await t.server.repos.events.count();
    expect(events).toBeGreaterThanOrEqual(acked.size);
    for (const key of acked) expect(await t.server.repos.events.has(key)).toBe(true);
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.ok).toBe(true);
    console.log(`PostgreSQL outage: ${acked.size} events acknowledged, answers ${JSON.stringify(Object.fromEntries(statuses))}, health during the outage answered in ${during.ms} ms`);
  }, 120_000);
});
