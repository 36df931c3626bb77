import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpsEvent } from '@opsquest/core';
import { startTestServer, type TestServer } from '../testing/test-server';
import { waitFor } from '../testing/http';

describe('WAL checkpoints on a worker thread', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ config: { checkpointMs: 40 } });
  });
  afterAll(async () => {
    await t.close();
  });

  const alarms = (from: number, n: number): OpsEvent[] =>
    Array.from({ length: n }, (_, i) => ({
      source: 'nms',
      stream: 'alarm' as const,
      externalKey: `cp-${from + i}`,
      transition: 'raised' as const,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      attributes: { perceivedSeverity: 'minor' as const, title: 'x'.repeat(400) },
    }));

  it('keeps the WAL bounded while the server writes, with automatic checkpoints off', async () => {
    expect(t.server.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    let biggest = 0;
    for (let round = 0; round < 40; round += 1) {
      t.server.services.ingest.ingest(alarms(round * 100, 100).map((event) => ({ event, via: 'api' })));
      biggest = Math.max(biggest, statSync(`${t.dbPath}-wal`).size);
      await new Promise((r) => setTimeout(r, 15));
    }
    await waitFor(() => t.server.checkpointer.stats.checkpoints >= 3 || undefined, 'three checkpoints');
    expect(t.server.checkpointer.stats.fallbacks).toBe(0);
    // 4,000 events write well over 10 MB of WAL frames; checkpoints let the file start over instead of growing
    expect(Number(t.server.db.prepare('SELECT count(*) FROM events').pluck().get())).toBe(4000);
    expect(biggest).toBeLessThan(12 * 2 ** 20);
  });

  it('switches automatic checkpoints back on if the worker goes away', async () => {
    const worker = (t.server.checkpointer as unknown as { worker?: { terminate(): Promise<number> } }).worker;
    expect(worker).toBeDefined();
    await worker?.terminate();
    await waitFor(() => t.server.checkpointer.stats.fallbacks === 1 || undefined, 'the fallback');
    expect(t.server.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
