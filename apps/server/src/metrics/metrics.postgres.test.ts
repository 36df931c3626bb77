import { afterAll, beforeAll, expect, it } from 'vitest';
import { isoFromNow, uniqueKey } from '../../test-support/http';
import { describeWithPostgres } from '../../test-support/postgres/describe-with-postgres';
import type { ThrowawayPostgres } from '../../test-support/postgres/throwaway-postgres';
import { parsePrometheusText, sampleValue, type PromScrape } from '../../test-support/prometheus-text';
import { postEvents, startTestServer, TEST_API_KEY, type TestServer } from '../../test-support/test-server';

/** GET /metrics on a node that runs on PostgreSQL: the same ingest metrics, the outbox read from PostgreSQL, no WAL file. */
describeWithPostgres('GET /metrics on PostgreSQL', (server: () => ThrowawayPostgres) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ config: { databaseUrl: await server().createDatabase() } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  // OPSQUEST_API_KEY's key has every scope, metrics:read among them
  const scrape = async (): Promise<PromScrape> => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(res.status).toBe(200);
    return parsePrometheusText(await res.text());
  };

  it('counts a committed batch, reads the outbox backlog from PostgreSQL and reports no WAL', async () => {
    const before = await scrape();
    const events = [uniqueKey('PG'), uniqueKey('PG')].map((externalKey) => ({ source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt: isoFromNow(-60_000) }));
    expect((await postEvents(t.url, events)).status).toBe(201);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}): number => (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(delta('opsquest_ingest_events_total', { via: 'api', outcome: 'applied' })).toBe(2);
    expect(delta('opsquest_ingest_batch_events_count')).toBe(1);
    expect(delta('opsquest_ingest_batch_events_sum')).toBe(2);
    expect(sampleValue(after, 'opsquest_outbox_deliveries_pending')).toBe(0);
    expect(sampleValue(after, 'opsquest_sqlite_wal_bytes')).toBe(0);
  });
});
