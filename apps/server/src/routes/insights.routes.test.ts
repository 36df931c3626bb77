import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngagementView, LedgerEntryView, MasteryView, MeView, OutcomeTrendsView, PersonView } from '@opsquest/contracts';
import { getJson } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

/** Tuesday 24 November 2026, 13:00 in Berlin (UTC+1). */
const NOW = Date.parse('2026-11-24T12:00:00Z');
const base = { source: 'nms', stream: 'alarm', attributes: { perceivedSeverity: 'major' } } as const;

describe('GET /api/insights (Europe/Berlin)', () => {
  let t: TestServer;
  let lead: string;
  let admin: string;
  let eng: string;
  let tech: string;

  beforeAll(async () => {
    t = await startTestServer({ now: () => NOW, config: { timeZone: 'Europe/Berlin', payHorizonMs: 60 * 24 * 3_600_000 } });
    [lead, admin, eng, tech] = await Promise.all([login(t.url, 'lead'), login(t.url, 'admin'), login(t.url, 'eng'), login(t.url, 'tech')]);
    const res = await postEvents(t.url, [
      // A0: two weeks earlier (Wednesday 11 November), eng's first points, resolved like A1.
      { ...base, externalKey: 'A0', transition: 'raised', occurredAt: '2026-11-11T09:00:00Z' },
      { ...base, externalKey: 'A0', transition: 'acknowledged', occurredAt: '2026-11-11T09:10:00Z', actor: 'eng' },
      { ...base, externalKey: 'A0', transition: 'cleared', occurredAt: '2026-11-11T10:40:00Z', actor: 'eng' },
      // A1: acknowledged on Sunday 23:40 Berlin, cleared after midnight (Monday 01:10): both on the night shift.
      { ...base, externalKey: 'A1', transition: 'raised', occurredAt: '2026-11-22T22:30:00Z' },
      { ...base, externalKey: 'A1', transition: 'acknowledged', occurredAt: '2026-11-22T22:40:00Z', actor: 'eng' },
      { ...base, externalKey: 'A1', transition: 'cleared', occurredAt: '2026-11-23T00:10:00Z', actor: 'eng' },
      // A2: 05:30 UTC is 06:30 in Berlin (day shift), 13:30 UTC is 14:30 (evening); resolved after 490 min
      // (target 480): a breach, so eng2 scores nothing for it (but was active).
      { ...base, externalKey: 'A2', transition: 'raised', occurredAt: '2026-11-23T05:20:00Z' },
      { ...base, externalKey: 'A2', transition: 'acknowledged', occurredAt: '2026-11-23T05:30:00Z', actor: 'eng2' },
      { ...base, externalKey: 'A2', transition: 'cleared', occurredAt: '2026-11-23T13:30:00Z', actor: 'eng2' },
      // A3: eng's second clear on Monday.
      { ...base, externalKey: 'A3', transition: 'raised', occurredAt: '2026-11-23T08:00:00Z' },
      { ...base, externalKey: 'A3', transition: 'acknowledged', occurredAt: '2026-11-23T08:06:00Z', actor: 'eng' },
      { ...base, externalKey: 'A3', transition: 'cleared', occurredAt: '2026-11-23T08:36:00Z', actor: 'eng' },
      // Another team's technician acknowledges on Tuesday 11:00 Berlin.
      { ...base, externalKey: 'A4', transition: 'raised', occurredAt: '2026-11-24T09:55:00Z' },
      { ...base, externalKey: 'A4', transition: 'acknowledged', occurredAt: '2026-11-24T10:00:00Z', actor: 'tech' },
      // A5: eng acknowledges a critical alarm within its target on Tuesday and follows up with a
      // work note: the acknowledgement is confirmed, and with it the First Responder badge.
      { ...base, externalKey: 'A5', transition: 'raised', occurredAt: '2026-11-24T10:30:00Z', attributes: { perceivedSeverity: 'critical' } },
      { ...base, externalKey: 'A5', transition: 'acknowledged', occurredAt: '2026-11-24T10:35:00Z', actor: 'eng', attributes: { perceivedSeverity: 'critical' } },
      { ...base, externalKey: 'A5', transition: 'commented', occurredAt: '2026-11-24T10:45:00Z', actor: 'eng', attributes: { notes: 'Power restored at the site' } },
    ]);
    expect(res.status).toBe(201);
    const repos = t.server.repos;
    await repos.audit.record(Date.parse('2026-11-23T03:00:00Z'), { actorId: 'p-lead', action: 'rules.published', reason: 'Faster clears', details: { version: 2 } });
    await repos.audit.record(Date.parse('2026-11-24T08:00:00Z'), { actorId: 'p-lead', action: 'mission.created', targetType: 'mission', targetId: 'm-1', details: { title: 'Storm week' } });
    await repos.audit.record(Date.parse('2026-11-24T09:00:00Z'), { actorId: 'p-admin', action: 'mission.approved', targetType: 'mission', targetId: 'm-1', details: { title: 'Storm week' } });
    // A change outside the 7-day period is not listed.
    await repos.audit.record(Date.parse('2026-11-01T09:00:00Z'), { actorId: 'p-lead', action: 'rules.published', details: { version: 1 } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts active people and actions per local day and per shift, for the lead’s team', async () => {
    const res = await getJson<EngagementView>(t.url, '/api/insights/engagement?days=7', { cookie: lead });
    expect(res.status).toBe(200);
    const view = res.body;
    expect(view.teamId).toBe('t-noc');
    expect(view.byDay.map((d) => d.day)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24']);
    const byDay = Object.fromEntries(view.byDay.map((d) => [d.day, [d.activePeople, d.actions]]));
    expect(byDay['2026-11-22']).toEqual([1, 1]);
    expect(byDay['2026-11-23']).toEqual([2, 5]);
    expect(byDay['2026-11-24']).toEqual([1, 2]);
    expect(view.actionsByShift).toEqual([
      { shift: 'day', hours: '06:00–14:00', actions: 5 },
      { shift: 'evening', hours: '14:00–22:00', actions: 1 },
      { shift: 'night', hours: '22:00–06:00', actions: 2 },
    ]);
    expect(view.people).toBe(3);
    expect(view.activePeople).toBe(2);
    // eng scored on Monday and Tuesday (Sunday is not a working day); eng2's only work breached its SLA, the lead never scored.
    expect(view.streakDistribution).toEqual([
      { bucket: '0', people: 2 },
      { bucket: '1–2', people: 1 },
      { bucket: '3–4', people: 0 },
      { bucket: '5–9', people: 0 },
      { bucket: '10+', people: 0 },
    ]);
    expect(view.badgesByWeek).toEqual([
      { week: '2026-11-16', earned: 0 },
      { week: '2026-11-23', earned: 1 },
    ]);
    expect(view.badgeHolders.find((b) => b.badgeId === 'first-responder')).toMatchObject({ holders: 1, sharePct: 50 });
    // Leads see hidden badges in the unlock rates.
    expect(view.badgeHolders.find((b) => b.badgeId === 'moonlight-fix')).toMatchObject({ hidden: true, holders: 0, sharePct: 0 });
  });

  it('shows an admin every team, and keeps a lead to their own', async () => {
    const all = await getJson<EngagementView>(t.url, '/api/insights/engagement?days=7', { cookie: admin });
    expect(all.body.teamId).toBeNull();
    expect(all.body.activePeople).toBe(3);
    expect(all.body.actionsByShift.map((s) => s.actions)).toEqual([6, 1, 2]);
    expect(all.body.byDay.at(-1)).toEqual({ day: '2026-11-24', activePeople: 2, actions: 3 });
    const field = await getJson<EngagementView>(t.url, '/api/insights/engagement?days=7&teamId=t-field', { cookie: admin });
    expect(field.body.activePeople).toBe(1);
    expect((await getJson(t.url, '/api/insights/engagement?teamId=t-field', { cookie: lead })).status).toBe(403);
    expect((await getJson(t.url, '/api/insights/engagement', { cookie: eng })).status).toBe(403);
    expect((await getJson(t.url, '/api/insights/outcomes', { cookie: tech })).status).toBe(403);
    expect((await getJson(t.url, '/api/insights/engagement')).status).toBe(401);
    const bad = await getJson<{ fields: { path: string }[] }>(t.url, '/api/insights/engagement?days=500', { cookie: lead });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]?.path).toBe('query.days');
    expect((await getJson(t.url, '/api/insights/outcomes?colour=red', { cookie: lead })).status).toBe(400);
  });

  it('compares MTTA, MTTR and SLA attainment 14 days before and after each change, newest first', async () => {
    const res = await getJson<OutcomeTrendsView>(t.url, '/api/insights/outcomes?days=7', { cookie: lead });
    expect(res.status).toBe(200);
    const { days, changes } = res.body;
    expect(days.find((d) => d.day === '2026-11-23')).toEqual({ day: '2026-11-23', mttaMinutes: 8.7, mttrMinutes: 208.7, slaAttainmentPct: 66.7, closed: 3 });
    expect(changes.map((c) => [c.kind, c.label, c.at])).toEqual([
      ['mission', 'Mission started: Storm week', '2026-11-24T09:00:00.000Z'],
      ['rules', 'Rules published (version 2): Faster clears', '2026-11-23T03:00:00.000Z'],
    ]);
    const rules = changes[1];
    expect(rules?.before).toMatchObject({ closed: 2, mttaMinutes: 10, mttrMinutes: 100, slaAttainmentPct: 100, activePeople: 1 });
    expect(rules?.after).toMatchObject({ closed: 2, mttaMinutes: 8, mttrMinutes: 263, slaAttainmentPct: 50, activePeople: 2, to: new Date(NOW + 1).toISOString() });
    // Two items a side are too few for a verdict, however far the means moved.
    expect(rules?.verdicts).toEqual([
      'MTTA: Not enough data yet (n = 2, need 20)',
      'MTTR: Not enough data yet (n = 2, need 20)',
      'SLA attainment: Not enough data yet (n = 2, need 20)',
      'Active people up from 1 to 2',
    ]);
    expect(rules?.comparisons.map((c) => [c.metric, c.nBefore, c.nAfter, c.before, c.after, c.verdict])).toEqual([
      ['mtta', 2, 2, 10, 8, 'notEnoughData'],
      ['mttr', 2, 2, 100, 263, 'notEnoughData'],
      ['sla', 2, 2, 100, 50, 'notEnoughData'],
    ]);
    // The mission started an hour before now: nothing closed since, and not a day old.
    expect(changes[0]?.after.closed).toBe(0);
    expect(changes[0]?.verdicts[0]).toBe('MTTA: Not enough data yet (n = 0, need 20; 3 h since the change, need 24 h)');
  });

  it('gives a person their skill tracks, personal bests and this week against their average', async () => {
    const res = await getJson<MasteryView>(t.url, '/api/insights/me', { cookie: eng });
    expect(res.status).toBe(200);
    const ledger = await getJson<{ entries: LedgerEntryView[] }>(t.url, '/api/me/ledger?limit=100', { cookie: eng });
    const alarmXp = ledger.body.entries.filter((e) => e.itemKey.startsWith('alarm:')).reduce((s, e) => s + e.points, 0);
    expect(alarmXp).toBeGreaterThan(0);
    const alarm = res.body.tracks.find((tr) => tr.id === 'alarm');
    expect(alarm).toMatchObject({ xp: alarmXp, name: 'Alarm handling' });
    expect(res.body.tracks.find((tr) => tr.id === 'order')).toMatchObject({ xp: 0, level: 1, title: 'Order Trainee', next: { xp: 100, unlocks: 'Order Handler' } });

    const record = await getJson<PersonView>(t.url, '/api/people/p-eng', { cookie: eng });
    const points = (day: string) => record.body.pointsByDay.find((d) => d.day === day)?.points ?? 0;
    const wednesday = points('2026-11-11');
    const monday = points('2026-11-23');
    expect(wednesday).toBeGreaterThan(0);
    expect(monday).toBeGreaterThan(wednesday);
    const tuesday = points('2026-11-24');
    expect(tuesday).toBeGreaterThan(0);
    expect(res.body.bests).toEqual({ bestDay: { day: '2026-11-23', points: monday }, bestWeek: { week: '2026-11-23', points: monday + tuesday }, longestStreak: 2, mostResolvedInDay: { day: '2026-11-23', items: 2 } });
    // Two full weeks (9 and 16 November) since eng's first points; nine working days from Wednesday 11 to Monday 23.
    expect(res.body.compete).toEqual({
      week: { start: '2026-11-23', points: monday + tuesday, averagePoints: Math.round(wednesday / 2), weeksCounted: 2 },
      today: { day: '2026-11-24', points: tuesday, averagePoints: Math.round((wednesday + monday) / 9), daysCounted: 9, workingDay: true },
    });
  });

  it('lets a lead see their team member’s mastery but not another team’s', async () => {
    expect((await getJson<MasteryView>(t.url, '/api/insights/people/p-eng2', { cookie: lead })).body.bests.mostResolvedInDay).toEqual({ day: '2026-11-23', items: 1 });
    expect((await getJson(t.url, '/api/insights/people/p-tech', { cookie: lead })).status).toBe(403);
    expect((await getJson(t.url, '/api/insights/people/p-eng', { cookie: tech })).status).toBe(403);
    expect((await getJson(t.url, '/api/insights/people/nobody', { cookie: admin })).status).toBe(404);
  });

  it('never sends a hidden badge’s name or description before it is earned, and shows tiers', async () => {
    for (const [path, cookie] of [['/api/me', eng], ['/api/people/p-eng', eng], ['/api/people/p-eng', lead]] as const) {
      const res = await getJson<MeView>(t.url, path, { cookie });
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('Moonlight');
      expect(text).not.toContain('moonlight-fix');
      expect(text).not.toContain('Crowd Pleaser');
      expect(text).not.toContain('rate your visit');
      const hidden = res.body.badges.filter((b) => b.hidden === true);
      expect(hidden).toHaveLength(2);
      expect(hidden.map((b) => [b.id, b.name, b.icon, b.progress, b.earned])).toEqual([
        ['hidden-1', 'Hidden badge', 'lock', 0, false],
        ['hidden-2', 'Hidden badge', 'lock', 0, false],
      ]);
      expect(res.body.badges.find((b) => b.id === 'critical-crusher-silver')).toMatchObject({ tier: 'silver', family: 'critical-crusher', threshold: 50 });
    }
  });
});
