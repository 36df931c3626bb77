import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '@opsquest/core';
import { createLogger } from '../logger';
import { checkConsistency } from '../services/views/consistency.service';
import { allPages } from '../../test-support/all-pages';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import { BOT_ENGINEERS } from './demo-org';
import { DEMO_PLANNED_SITES } from './demo-planned-work';
import { seedDemoOrganisation } from './demo-seed';
import { Random } from './random';
import { Simulator } from './simulator';
import { planDemoIncident, planStorm, stormSite } from './storms';

const MIN = 60_000;
const T0 = Date.parse('2026-11-20T10:00:00Z');

describe('demo storms: planned as plain alarms, grouped at the door', () => {
  it('a storm is a critical root cause first, then its alarms at the same site within a minute; only the root cause has a plan beyond its raise', () => {
    const plan = planStorm(new Random(3), 'S-F1', T0, { region: 'south', site: 'STH-0200', children: 8, engineer: 'engineer5' });
    const raises = plan.filter((p) => p.event.transition === 'raised');
    expect(raises).toHaveLength(9);
    expect(raises[0]?.event.externalKey).toBe('S-F1');
    expect(raises[0]?.event.attributes).toMatchObject({ perceivedSeverity: 'critical', probableCause: 'FiberCut', serviceAffecting: true, site: 'STH-0200' });
    for (const child of raises.slice(1)) {
      expect(child.event.attributes?.site).toBe('STH-0200');
      expect(child.at).toBeGreaterThan(T0);
      expect(child.at).toBeLessThanOrEqual(T0 + MIN);
      // nothing stamped by hand: the door decides the incident
      expect(child.event.attributes?.incidentId).toBeUndefined();
      expect(child.event.attributes?.incidentRole).toBeUndefined();
    }
    const worked = plan.filter((p) => p.event.transition !== 'raised');
    expect(new Set(worked.map((p) => p.event.externalKey))).toEqual(new Set(['S-F1']));
    expect(worked.every((p) => p.bot && p.event.actor === 'engineer5')).toBe(true);
    expect(worked.map((p) => p.event.transition)).toContain('cleared');
  });

  it('storm sites are ones the rest of the demo traffic never uses (random sites, planned work)', () => {
    const rng = new Random(11);
    for (let i = 0; i < 200; i += 1) {
      const site = stormSite(rng, i % 2 ? 'north' : 'south');
      expect(Number(site.slice(4))).toBeGreaterThan(180);
      expect(DEMO_PLANNED_SITES as readonly string[]).not.toContain(site);
    }
  });

  it('the seeded storm is raises only, all in the past, left open for people', () => {
    const now = T0;
    const plan = planDemoIncident(new Random(5), now);
    expect(plan.length).toBeGreaterThanOrEqual(9);
    expect(plan.every((p) => p.event.transition === 'raised' && p.at <= now - 2 * MIN && !p.bot)).toBe(true);
  });
});

describe('the live simulator makes storms and works them as one incident', () => {
  let t: TestServer;
  const alarms = async (): Promise<WorkItem[]> => (await t.server.repos.workItems.list({ stream: 'alarm', state: 'all', limit: 100_000 })).map((r) => r.item);

  beforeAll(async () => {
    t = await startTestServer({ people: false });
    await seedDemoOrganisation(t.server.services, { now: Date.now(), historyDays: 0, log: createLogger('silent') });
  });
  afterAll(async () => {
    await t.close();
  });

  it('now and then a storm: one incident, its root cause cleared by a simulated colleague, its other alarms with it by nobody and for nothing', { timeout: 120_000 }, async () => {
    // simulated traffic in the recent past (source times are never ahead of the server clock)
    let clock = Date.now() - 10 * 3_600_000;
    const sim = new Simulator(t.server.services, { intervalMs: 1000, seed: 4242, minuteMs: 1000, now: () => clock, stormGapMinutes: 10 });
    for (let i = 0; i < 600; i += 1) {
      clock += 1000;
      await sim.step();
    }
    const storms = new Map<string, { root?: WorkItem; children: WorkItem[] }>();
    for (const a of (await alarms()).filter((x) => x.externalKey.startsWith('S-F'))) {
      expect(a.incidentId, `${a.externalKey} is in an incident`).toBeDefined();
      const storm = storms.get(a.incidentId ?? '') ?? { children: [] };
      if (a.incidentRoot === true) storm.root = a;
      else storm.children.push(a);
      storms.set(a.incidentId ?? '', storm);
    }
    expect(storms.size).toBeGreaterThan(1);
    const bots: readonly string[] = [...BOT_ENGINEERS.north, ...BOT_ENGINEERS.south];
    for (const { root, children } of storms.values()) {
      // the storm's first alarm is its root cause, and every other alarm of it is its child
      expect(root?.externalKey).toMatch(/^S-F[^-]+$/);
      expect(children.length).toBeGreaterThanOrEqual(5);
      expect(children.every((c) => c.externalKey.startsWith(`${root?.externalKey}-`))).toBe(true);
      // no simulated colleague touches a child
      expect(children.every((c) => c.assignee === undefined && c.resolvedBy === undefined)).toBe(true);
    }
    const cleared = [...storms.values()].filter((s) => s.root?.open === false);
    expect(cleared.length).toBeGreaterThan(0);
    for (const { root, children } of cleared) {
      expect(bots).toContain(root?.resolvedBy);
      expect(children.every((c) => !c.open)).toBe(true);
    }
    // points went to root causes only
    const childKeys = new Set([...storms.values()].flatMap((s) => s.children.map((c) => c.key)));
    const ledger = await allPages(t.server.repos.ledger.pages());
    expect(ledger.filter((e) => childKeys.has(e.itemKey))).toEqual([]);
    expect(ledger.some((e) => e.ruleId === 'alarm.clear' && cleared.some((s) => s.root?.key === e.itemKey))).toBe(true);

    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
