/**
 * A tiny size of every benchmark, so `npm test` proves the scripts still work. These assert
 * correctness (nothing lost, the same answers as the reference), never speed: the targets are
 * checked by `npm run bench` on a quiet machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runB1 } from './b1-ingest';
import { runB2 } from './b2-http';
import { runB3 } from './b3-leaderboard';
import { b4Size, runB4 } from './b4-fanout';
import { b4xSize, runB4x } from './b4-cluster';
import { postgresUnavailable } from '../cluster/postgres-server';
import { runB5 } from './b5-replay';
import { runB8 } from './b8-what-if';
import { main as runB9 } from './b9-postgres';
import { runB6 } from './b6-startup';

describe('benchmark smoke runs', () => {
  const previous = process.env.BENCH_SIZE;
  beforeAll(() => {
    process.env.BENCH_SIZE = 'smoke';
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.BENCH_SIZE;
    else process.env.BENCH_SIZE = previous;
  });

  it('B1 ingests through the real path at each batch size and stays consistent', async () => {
    const rows = await runB1(150, [1, 100], 60);
    expect(rows.map((r) => r.batch)).toEqual([1, 100]);
    for (const r of rows) {
      expect(r.events).toBe(150);
      expect(r.ledgerRows).toBeGreaterThan(0);
      expect(r.consistent).toBe(true);
      expect(r.rate).toBeGreaterThan(0);
      expect(r.rawRate).toBeGreaterThan(0);
      // a batch loads, appends its events and commits: the counter really counts the ingest's statements
      // (at batch size 1 that is several statements per event; batches share multi-row statements)
      expect(r.statementsPerEvent).toBeGreaterThan(r.batch === 1 ? 3 : 0);
    }
    // one transaction per event at batch size 1 costs more statements per event than batches of 100
    expect(rows[0]?.statementsPerEvent ?? 0).toBeGreaterThan(rows[1]?.statementsPerEvent ?? 0);
  }, 120_000);

  it('B2 posts single events and batches to the real server over HTTP; the database holds exactly what was acknowledged', async () => {
    const rows = await runB2(true);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.errors).toBe(0);
      expect(r.correct).toBe(true);
    }
  }, 120_000);

  it('B3 reads every board while ingesting, and the in-memory boards equal the SQL aggregates', async () => {
    const r = await runB3('smoke', 1, 200);
    expect(r.ingested).toBeGreaterThan(0);
    expect(r.ours.length).toBeGreaterThan(0);
    expect(new Set(r.ours.map((s) => `${s.board}|${s.window}|${s.kind}`)).size).toBe(24);
    expect(r.consistent).toBe(true);
    // Redis is the reference when redis-server is installed; it must then agree on every top 50.
    if (r.redisAvailable) expect(r.agreesWithRedis).toBe(true);
  }, 180_000);

  it('B4 delivers every broadcast to every real socket.io client, and points only to their person', async () => {
    const r = await runB4({ ...b4Size(), clients: 8, fullClients: 8, rate: 40, seconds: 2 });
    expect(r.clientsConnected).toBe(8);
    expect(r.problems).toEqual([]);
  }, 120_000);

  // needs PostgreSQL's server binaries (CI installs them; elsewhere the test is skipped when they are missing)
  it.skipIf(postgresUnavailable() !== undefined && !process.env.CI)('B4x fans out across two nodes on PostgreSQL: every client on either node gets every broadcast once', async () => {
    const r = await runB4x({ ...b4xSize(), clients: 10, fullClients: 4, seconds: 2 });
    expect(r.clientsConnected).toBe(10);
    expect(r.other.messages).toBeGreaterThan(0);
    expect(r.problems).toEqual([]);
  }, 120_000);

  it.skipIf(postgresUnavailable() !== undefined && !process.env.CI)('B9 ingests over HTTP on SQLite, on PostgreSQL with one node and with two: every acknowledged event is stored', async () => {
    // throws when a case acknowledged nothing or the database holds fewer events than were acknowledged
    await expect(runB9()).resolves.toBeTypeOf('boolean');
  }, 180_000);

  it('B8 previews a draft over the events of the last 30 days in the log: every one replayed, some people change', async () => {
    const r = await runB8(3000, 50);
    expect(r.replayed).toBe(3000);
    expect(r.changedPeople).toBeGreaterThan(0);
    expect(r.previewMs).toBeGreaterThan(0);
    expect(r.peakRssMb).toBeGreaterThanOrEqual(r.rssBeforeMb);
  }, 120_000);

  it('B5 replays through the core and gives the same ledger twice', () => {
    const r = runB5(1500, 100);
    expect(r.events).toBe(1500);
    expect(r.ledgerRows).toBeGreaterThan(0);
    expect(r.deterministic).toBe(true);
    expect(r.counts.alarm).toBeGreaterThan(r.counts.order ?? 0);
  });

  it('B6 starts the real server on a dataset and serves a leaderboard', async () => {
    const { runs } = await runB6('smoke', 1);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.healthMs).toBeGreaterThan(0);
    expect(runs[0]?.boardTotal).toBeGreaterThan(0);
  }, 120_000);
});
