import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { seedDemoOrganisation } from '../demo/demo-seed';
import { Simulator } from '../demo/simulator';
import { startTestServer, type TestServer } from '../testing/test-server';
import { checkConsistency } from './consistency.service';

describe('the ledger, aggregates and a replay of the event log agree', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ people: false });
    await seedDemoOrganisation(t.server.services, { now: Date.now(), historyDays: 4, log: createLogger('silent') });
  });
  afterAll(async () => {
    await t.close();
  });

  it('rebuilds exactly the same ledger from the seeded history', () => {
    const report = checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.events).toBeGreaterThan(300);
    expect(report.ledgerEntries).toBeGreaterThan(100);
    expect(report.replayMismatches).toEqual([]);
    expect(report.leaderboardMismatches).toEqual([]);
    expect(report.xpMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('stays consistent while the simulator works at a fast pace', () => {
    let clock = Date.now();
    const sim = new Simulator(t.server.services, { intervalMs: 1000, seed: 99, minuteMs: 1000, now: () => clock });
    let played = 0;
    for (let i = 0; i < 400; i += 1) {
      clock += 1000;
      played += sim.step();
    }
    expect(played).toBeGreaterThan(50);
    const report = checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.leaderboardMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('detects a tampered aggregate', () => {
    t.server.db
      .prepare("UPDATE leaderboard SET points = points + 7 WHERE (scope, win, period, subject_id) = (SELECT scope, win, period, subject_id FROM leaderboard WHERE scope = 'individual' LIMIT 1)")
      .run();
    const report = checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.ok).toBe(false);
    expect(report.leaderboardMismatches).toHaveLength(1);
  });
});
