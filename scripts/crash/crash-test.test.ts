/**
 * The crash test at a small size inside `npm test`: 20 SIGKILLs of a real server process under
 * HTTP load, restarts on the same SQLite file, and the checks of crash-verify.ts. The kill moments
 * are random (seeded; the seed is printed, CRASH_SEED repeats it).
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSummary, runCrashTest } from './crash-run';

describe('crash test (SIGKILL under load)', () => {
  it('loses nothing acknowledged, stores nothing twice and keeps the aggregates equal to the ledger across 20 kills', async () => {
    const lines: string[] = [];
    const summary = await runCrashTest({ kills: 20, minUpMs: 100, maxUpMs: 400, log: (l) => lines.push(l) });
    const report = formatSummary(summary);
    // Printed on failure (and kept in the output of a passing run for the record).
    console.log(`${lines.join('\n')}\n${report}`);

    expect(summary.problems).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(summary.kills).toBe(20);
    expect(summary.restarts).toBe(20);
    expect(summary.restartChecks).toBe(20);
    // The kills hit requests on the wire, not an idle server.
    expect(summary.killsWithRequestsInFlight).toBeGreaterThanOrEqual(18);
    expect(summary.requests.acknowledged).toBe(summary.requests.requests);
    expect(summary.requests.retried).toBeGreaterThan(0);
    expect(summary.requests.resentDuplicates).toBe(summary.requests.resent);
    expect(summary.requests.consoleActions).toBeGreaterThan(0);
    expect(summary.eventsAcknowledged).toBeGreaterThan(0);

    const { final } = summary;
    expect(final.integrity).toBe('ok');
    expect(final.missing).toEqual([]);
    expect(final.duplicated).toEqual([]);
    expect(final.unacknowledged).toEqual([]);
    expect(final.repeatedWork).toEqual([]);
    expect(final.clientEventsInDatabase).toBe(summary.eventsAcknowledged);
    expect(final.consistency?.ok).toBe(true);
    expect(final.consistency?.leaderboardMismatches).toEqual([]);
    expect(final.consistency?.ledgerEntries).toBeGreaterThan(0);
  }, 180_000);

  it('fails when the server acknowledges before it commits (a deliberate write-behind bug)', async () => {
    const summary = await runCrashTest({ kills: 3, minUpMs: 150, maxUpMs: 300, fault: 'ack-before-commit', log: () => undefined });
    rmSync(summary.dir, { recursive: true, force: true });
    expect(summary.ok).toBe(false);
    expect(summary.final.missing.length).toBeGreaterThan(0);
    expect(summary.problems.some((p) => /after kill \d+: \d+ acknowledged event\(s\) missing/.test(p))).toBe(true);
  }, 120_000);
});
