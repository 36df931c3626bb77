import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Checkpointer } from './checkpointer';
import { openDatabase } from './database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpsEvent } from '@opsquest/core';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import { waitFor } from '../../test-support/http';

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
      await t.server.services.ingest.ingest(alarms(round * 100, 100).map((event) => ({ event, via: 'api' })));
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

describe('WAL checkpoints under writes that never pause', () => {
  it('a TRUNCATE checkpoint lets the WAL start over when passive checkpoints cannot catch up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsquest-wal-'));
    const db = openDatabase(join(dir, 'steady.db'));
    const checkpointer = new Checkpointer(db, { periodMs: 20, walLimitBytes: 4 * 2 ** 20, restartBytes: 2 ** 20 });
    try {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      checkpointer.start();
      const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
      const body = 'x'.repeat(3000);
      let shrinks = 0;
      let previous = 0;
      let written = 0;
      const MB = 2 ** 20;
      const giveUp = Date.now() + 30_000;
      // Small commits back to back, yielding only briefly: a passive checkpoint is always behind.
      // The amount written, not the time taken, decides when to stop, so a slow machine tests the same.
      while (written * body.length < 80 * MB && Date.now() < giveUp) {
        for (let i = 0; i < 20; i += 1) insert.run(body);
        written += 20;
        const size = statSync(`${db.name}-wal`).size;
        if (size < previous) shrinks += 1;
        previous = size;
        await new Promise((r) => setImmediate(r));
      }
      expect(written * body.length).toBeGreaterThanOrEqual(80 * MB);
      expect(checkpointer.stats.restarts).toBeGreaterThan(0);
      expect(checkpointer.stats.fallbacks).toBe(0);
      // Passive checkpoints alone never let this WAL start over: it only grows, to everything written. With the
      // TRUNCATE checkpoints it starts over again and again while the writes go on. (How big it gets in between
      // depends on the write rate; this loop writes far faster than any real ingest. The soak measures the
      // bound at a real rate.)
      expect(shrinks).toBeGreaterThan(0);
    } finally {
      await checkpointer.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
