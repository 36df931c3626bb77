import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '@opsquest/core';
import { createLogger } from '../../logger';
import { seedDemoOrganisation } from '../../demo/demo-seed';
import { Simulator } from '../../demo/simulator';
import { DEMO_INCIDENT_SITE } from '../../demo/storms';
import { startTestServer, type TestServer } from '../../../test-support/test-server';
import { checkConsistency } from './consistency.service';
import { allPages } from '../../../test-support/all-pages';

/** Alarms by incident, root first (the door's grouping, as stored). */
function incidentsOf(items: readonly WorkItem[]): Map<string, { root?: WorkItem; children: WorkItem[] }> {
  const incidents = new Map<string, { root?: WorkItem; children: WorkItem[] }>();
  for (const item of items) {
    if (item.incidentId === undefined) continue;
    const incident = incidents.get(item.incidentId) ?? { children: [] };
    if (item.incidentRoot === true) incident.root = item;
    else incident.children.push(item);
    incidents.set(item.incidentId, incident);
  }
  return incidents;
}

describe('the ledger, aggregates and a replay of the event log agree', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ people: false });
    await seedDemoOrganisation(t.server.services, { now: Date.now(), historyDays: 4, log: createLogger('silent') });
  });
  afterAll(async () => {
    await t.close();
  });

  it('rebuilds exactly the same ledger from the seeded history', async () => {
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.events).toBeGreaterThan(300);
    expect(report.ledgerEntries).toBeGreaterThan(100);
    expect(report.replayMismatches).toEqual([]);
    expect(report.leaderboardMismatches).toEqual([]);
    expect(report.xpMismatches).toEqual([]);
    expect(report.streakMismatches).toEqual([]);
    expect(report.levelMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('shows a newcomer planned work at once: a window running now with its alarms marked, and one tomorrow', async () => {
    const windows = await t.server.services.maintenance.list('current');
    expect(windows.map((w) => [w.title, w.state])).toEqual([
      ['Fibre splice on the northern ring', 'active'],
      ['Power upgrade in the southern exchange', 'upcoming'],
    ]);
    expect(windows[0]?.plannedAlarms).toBe(2);
  });

  it('shows a newcomer an open incident at once: a fibre cut’s root cause with a dozen alarms grouped under it at the door', async () => {
    const open = (await t.server.repos.workItems.list({ stream: 'alarm', state: 'open', limit: 1000 })).map((r) => r.item);
    const storm = open.filter((a) => a.site === DEMO_INCIDENT_SITE);
    expect(storm).toHaveLength(13);
    const incidents = incidentsOf(storm);
    expect(incidents.size).toBe(1);
    const [incident] = [...incidents.values()];
    expect(incident?.root?.externalKey).toBe('W-F1');
    expect(incident?.root?.severity).toBe('critical');
    expect(incident?.root?.customersAffected).toBeGreaterThan(0);
    expect(incident?.children).toHaveLength(12);
    // the children start no SLA clock; the root's runs
    expect(incident?.children.every((c) => c.sla.response.outcome === 'cancelled')).toBe(true);
    expect(incident?.root?.sla.response.outcome).toBeUndefined();
    // and the seeded history has a storm worked as one: its root cleared by a simulated colleague, its children with it, by nobody
    const closed = (await t.server.repos.workItems.list({ stream: 'alarm', state: 'closed', limit: 100_000 })).map((r) => r.item);
    const past = [...incidentsOf(closed.filter((a) => a.externalKey.startsWith('H-F'))).values()].filter((i) => i.children.length > 0);
    expect(past.length).toBeGreaterThan(0);
    for (const { root, children } of past) {
      expect(root?.resolvedBy).toBeDefined();
      expect(children.every((c) => !c.open && c.resolvedBy === undefined && c.closedAt === root?.closedAt)).toBe(true);
    }
  });

  it('stays consistent while the simulator works at a fast pace', async () => {
    let clock = Date.now();
    const sim = new Simulator(t.server.services, { intervalMs: 1000, seed: 99, minuteMs: 1000, now: () => clock });
    let played = 0;
    for (let i = 0; i < 400; i += 1) {
      clock += 1000;
      played += await sim.step();
    }
    expect(played).toBeGreaterThan(50);
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.leaderboardMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('replays each event under the rule set in force at its place in the log (a publish in the middle of history)', async () => {
    // simulated history in the recent past (source times are never ahead of the server clock)
    let clock = Date.now() - 2 * 3_600_000;
    const sim = new Simulator(t.server.services, { intervalMs: 1000, seed: 7, minuteMs: 1000, now: () => clock });
    const lead = (await t.server.repos.people.listActive()).find((p) => p.role === 'lead')!;
    const principal = { kind: 'person' as const, id: lead.id, username: lead.username, displayName: lead.displayName, role: lead.role, teamId: lead.teamId };
    const clear = t.server.services.engine.rules.find((r) => r.id === 'alarm.clear')!;
    const ack = t.server.services.engine.rules.find((r) => r.id === 'alarm.acknowledge')!;
    const published = await t.server.services.rules.publish(
      {
        rules: [
          { id: clear.id, basePoints: clear.basePoints + 13, multipliers: clear.multipliers, cap: null },
          { id: ack.id, basePoints: ack.basePoints + 2, multipliers: ack.multipliers, cap: null },
        ],
        flapWindowMinutes: t.server.services.engine.flapWindowMinutes + 5,
      },
      'Mid-history change',
      principal,
    );
    expect(published.version).toBe(2);
    let played = 0;
    for (let i = 0; i < 400; i += 1) {
      clock += 1000;
      played += await sim.step();
    }
    expect(played).toBeGreaterThan(50);
    // and an alarm cleared by hand after the publish, for certain
    const engineer = (await t.server.repos.people.listActive()).find((p) => p.role === 'engineer')!;
    const iso = (ms: number): string => new Date(ms).toISOString();
    const alarm = { source: 'nms', stream: 'alarm' as const, externalKey: 'MID-HISTORY-1' };
    await t.server.services.ingest.ingest(
      [
        { event: { ...alarm, transition: 'raised', occurredAt: iso(clock), attributes: { perceivedSeverity: 'major' } }, via: 'test' },
        { event: { ...alarm, transition: 'acknowledged', occurredAt: iso(clock + 60_000), actor: engineer.username }, via: 'test' },
        { event: { ...alarm, transition: 'cleared', occurredAt: iso(clock + 300_000), actor: engineer.username }, via: 'test' },
      ],
    );
    const versions = new Set((await allPages(t.server.repos.ledger.pages())).filter((e) => e.ruleId === 'alarm.clear').map((e) => e.ruleVersion));
    expect(versions).toEqual(new Set([clear.version, clear.version + 1]));
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('detects a tampered aggregate', async () => {
    t.server.db
      .prepare("UPDATE leaderboard SET points = points + 7 WHERE (scope, win, period, subject_id) = (SELECT scope, win, period, subject_id FROM leaderboard WHERE scope = 'individual' LIMIT 1)")
      .run();
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.ok).toBe(false);
    expect(report.leaderboardMismatches).toHaveLength(1);
  });

  it('detects a tampered streak and a level that XP does not earn', async () => {
    const row = t.server.db.prepare('SELECT person_id AS id, current FROM streaks WHERE current > 0 LIMIT 1').get() as { id: string; current: number } | undefined;
    expect(row).toBeDefined();
    t.server.db.prepare('UPDATE streaks SET current = current + 5, best = best + 5 WHERE person_id = ?').run(row?.id);
    const person = t.server.db.prepare('SELECT person_id AS id FROM progress WHERE xp > 0 LIMIT 1').get() as { id: string };
    t.server.db.prepare('UPDATE progress SET xp = xp + 100000 WHERE person_id = ?').run(person.id);
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.ok).toBe(false);
    expect(report.streakMismatches.map((m) => m.personId)).toEqual([row?.id]);
    expect(report.levelMismatches.map((m) => m.personId)).toEqual([person.id]);
  });
});
