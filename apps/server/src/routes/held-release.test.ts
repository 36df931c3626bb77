import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionView, WithheldAwardView, WorkActionResult, WorkItemView } from '@opsquest/contracts';
import { trackCounterKey } from '@opsquest/core';
import { checkConsistency } from '../services/views/consistency.service';
import { getJson, isoFromNow, postJson, uniqueKey } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

/**
 * Held means held, and a release applies all of it at once: the badge the held work completes (and
 * its bonus), the mission progress it makes and its skill-track points land when the lead releases it,
 * through the real HTTP API on a real SQLite file. A rejection leaves no trace anywhere.
 */
describe('held work: a release applies everything it earned at once', () => {
  let t: TestServer;
  const cookies: Record<'eng' | 'eng2' | 'lead', string> = { eng: '', eng2: '', lead: '' };
  beforeAll(async () => {
    // a burst is more than 3 scored actions in an hour here
    t = await startTestServer({ engine: { burst: { minPerHour: 3, factor: 3 } } });
    for (const name of Object.keys(cookies) as (keyof typeof cookies)[]) cookies[name] = await login(t.url, name);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A critical, service-affecting alarm hitting 2,500 customers: four clears make Customer Shield (10,000). */
  const raise = async (): Promise<number> => {
    const externalKey = uniqueKey('HELD');
    const res = await postEvents(t.url, {
      source: 'nms',
      stream: 'alarm',
      externalKey,
      transition: 'raised',
      occurredAt: isoFromNow(-60_000),
      attributes: { perceivedSeverity: 'critical', title: `Fibre cut ${externalKey}`, serviceAffecting: true, customersAffected: 2500 },
    });
    expect(res.status).toBe(201);
    const items = (await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?state=all&limit=500', { cookie: cookies.lead })).body.items;
    const found = items.find((i) => i.externalKey === externalKey);
    if (!found) throw new Error('raised alarm not listed');
    return found.id;
  };
  const clearBy = async (who: 'eng' | 'eng2'): Promise<WorkActionResult> => {
    const id = await raise();
    const res = await postJson<WorkActionResult>(t.url, `/api/work-items/${id}/actions`, { action: 'clear' }, { cookie: cookies[who] });
    expect(res.status).toBe(200);
    return res.body;
  };
  const heldOf = async (personId: string): Promise<WithheldAwardView[]> =>
    (await getJson<{ held: WithheldAwardView[] }>(t.url, '/api/review/held', { cookie: cookies.lead })).body.held.filter((h) => h.personId === personId);
  const decide = async (h: WithheldAwardView, how: 'release' | 'reject'): Promise<void> => {
    const res = await postJson(t.url, `/api/review/held/${encodeURIComponent(h.entryId)}/${how}`, { reason: how === 'release' ? 'Real storm, real work' : 'Scripted' }, { cookie: cookies.lead });
    expect(res.status).toBe(200);
  };
  const progressOf = (personId: string) => t.server.repos.progress.find(personId);
  const missionProgress = async (missionId: string, personId: string): Promise<number> => (await t.server.repos.missions.progress(missionId, personId))?.progress ?? 0;

  it('the fourth clear in an hour is held: no badge, no mission step, no skill points; the release brings them all', async () => {
    const mission = await postJson<MissionView>(t.url, '/api/missions', { templateId: 'critical-sla-week', audience: { kind: 'people', personIds: ['p-eng', 'p-eng2'] } }, { cookie: cookies.lead });
    expect(mission.status).toBe(201);
    const missionId = mission.body.id;

    const paid: WorkActionResult[] = [];
    for (let i = 0; i < 3; i += 1) paid.push(await clearBy('eng'));
    expect(paid.every((r) => r.withheld.length === 0 && r.awarded.length > 0)).toBe(true);
    const shield = (await progressOf('p-eng'))?.counters['customer-shield'];
    expect(shield).toBe(7500);
    expect(await missionProgress(missionId, 'p-eng')).toBe(3);

    const before = await progressOf('p-eng');
    const trackBefore = before?.counters[trackCounterKey('alarm')] ?? 0;
    const held = await clearBy('eng');
    expect(held.withheld.some((w) => w.why === 'burst')).toBe(true);
    expect(held.awarded).toEqual([]);
    const whileHeld = await progressOf('p-eng');
    expect(whileHeld?.counters['customer-shield']).toBe(7500);
    expect(whileHeld?.badges['customer-shield']).toBeUndefined();
    expect(whileHeld?.counters[trackCounterKey('alarm')] ?? 0).toBe(trackBefore);
    expect(await missionProgress(missionId, 'p-eng')).toBe(3);

    const queue = await heldOf('p-eng');
    expect(queue.length).toBeGreaterThan(0);
    const heldPoints = queue.reduce((sum, h) => sum + h.points, 0);
    const xpBefore = whileHeld?.xp ?? 0;
    for (const h of queue) await decide(h, 'release');

    const after = await progressOf('p-eng');
    expect(after?.counters['customer-shield']).toBe(10_000);
    expect(after?.badges['customer-shield']).toBeDefined();
    expect(after?.counters[trackCounterKey('alarm')]).toBe(trackBefore + heldPoints);
    // the points, the badge's bonus (100) on top, all in the ledger
    expect(after?.xp).toBe(xpBefore + heldPoints + 100);
    expect((await t.server.repos.ledger.totalsByPerson()).get('p-eng')).toBe(after?.xp);
    expect(await missionProgress(missionId, 'p-eng')).toBe(4);
    // releasing again is a conflict and changes nothing
    const again = await postJson(t.url, `/api/review/held/${encodeURIComponent(queue[0]?.entryId ?? '')}/release`, { reason: 'twice' }, { cookie: cookies.lead });
    expect(again.status).toBe(409);
    expect(await progressOf('p-eng')).toEqual(after);
  });

  it('a rejection leaves no trace: progress, badges, mission and ledger as before the held work', async () => {
    for (let i = 0; i < 3; i += 1) await clearBy('eng2');
    const held = await clearBy('eng2');
    expect(held.withheld.some((w) => w.why === 'burst')).toBe(true);
    const before = await progressOf('p-eng2');
    const totalBefore = (await t.server.repos.ledger.totalsByPerson()).get('p-eng2');
    for (const h of await heldOf('p-eng2')) await decide(h, 'reject');
    expect(await progressOf('p-eng2')).toEqual(before);
    expect((await progressOf('p-eng2'))?.badges['customer-shield']).toBeUndefined();
    expect((await t.server.repos.ledger.totalsByPerson()).get('p-eng2')).toBe(totalBefore);
  });

  it('the consistency checker replays the releases where they happened and agrees', async () => {
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.streakMismatches).toEqual([]);
    expect(report.replayMismatches).toEqual([]);
    expect(report.xpMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
