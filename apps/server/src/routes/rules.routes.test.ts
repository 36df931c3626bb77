import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, PublishedRuleSet, RulesView, WhatIfView } from '@opsquest/contracts';
import { checkConsistency } from '../services/views/consistency.service';
import { fieldPaths, getJson, postJson, uniqueKey } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';
import { allPages } from '../../test-support/all-pages';

const MINUTE = 60_000;

/** An alarm raised, acknowledged and cleared by `actor`, `hoursAgo` hours ago (one batch, so no SLA timer in between). */
function alarmWork(actor: string, hoursAgo: number, severity: string, customersAffected = 0): object[] {
  const key = uniqueKey('RULES');
  const t0 = Date.now() - hoursAgo * 60 * MINUTE;
  const at = (m: number): string => new Date(t0 + m * MINUTE).toISOString();
  return [
    { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: at(0), attributes: { perceivedSeverity: severity, customersAffected } },
    { source: 'nms', stream: 'alarm', externalKey: key, transition: 'acknowledged', occurredAt: at(2), actor },
    { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: at(9), actor },
  ];
}

/** The draft a lead makes in the editor: "Clear an alarm" pays `basePoints`. */
function clearDraft(view: RulesView, basePoints: number): { rules: { id: string; basePoints: number; multipliers: string[]; cap: null }[] } {
  const clear = view.current.config.rules.find((r) => r.id === 'alarm.clear')!;
  return { rules: [{ id: clear.id, basePoints, multipliers: clear.multipliers, cap: null }] };
}

describe('versioned scoring rules', () => {
  let t: TestServer;
  let lead: string;
  let admin: string;
  let eng: string;
  let tech: string;
  beforeAll(async () => {
    t = await startTestServer();
    [lead, admin, eng, tech] = await Promise.all([login(t.url, 'lead'), login(t.url, 'admin'), login(t.url, 'eng'), login(t.url, 'tech')]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('only leads and admins see, preview and publish rules, and read the audit log', async () => {
    expect((await getJson(t.url, '/api/rules')).status).toBe(401);
    for (const cookie of [eng, tech]) {
      expect((await getJson(t.url, '/api/rules', { cookie })).status).toBe(403);
      expect((await postJson(t.url, '/api/rules/preview', { draft: {} }, { cookie })).status).toBe(403);
      expect((await postJson(t.url, '/api/rules/publish', { draft: { flapWindowMinutes: 5 }, reason: 'because' }, { cookie })).status).toBe(403);
      expect((await getJson(t.url, '/api/audit', { cookie })).status).toBe(403);
    }
    expect((await getJson(t.url, '/api/audit')).status).toBe(401);
    expect((await getJson(t.url, '/api/rules', { cookie: admin })).status).toBe(200);
    expect((await getJson(t.url, '/api/audit', { cookie: lead })).status).toBe(200);
  });

  it('starts at version 1, the server defaults', async () => {
    const view = await getJson<RulesView>(t.url, '/api/rules', { cookie: lead });
    expect(view.body.current.version).toBe(1);
    // the defaults' rules and badges are version 1 too: the set and its rules never disagree
    expect(new Set([...view.body.current.config.rules, ...view.body.current.config.badges].map((r) => r.version))).toEqual(new Set([1]));
    expect(view.body.current.publishedBy).toBeNull();
    expect(view.body.history.map((h) => h.version)).toEqual([1]);
    expect(view.body.current.config.rules.find((r) => r.id === 'alarm.clear')?.basePoints).toBe(t.server.services.engine.rules.find((r) => r.id === 'alarm.clear')?.basePoints);
  });

  it('the whole configuration in force, sent back as a draft (as the editor does), changes nothing', async () => {
    const view = await getJson<RulesView>(t.url, '/api/rules', { cookie: lead });
    const c = view.body.current.config;
    const draft = {
      rules: c.rules.map((r) => ({ id: r.id, basePoints: r.basePoints, multipliers: r.multipliers, cap: r.cap })),
      badges: c.badges.map((b) => ({ id: b.id, threshold: b.threshold, bonusPoints: b.bonusPoints })),
      multipliers: c.multipliers,
      flapWindowMinutes: c.flapWindowMinutes,
      repeatVisitDays: c.repeatVisitDays,
      ackFollowUpMinutes: c.ackFollowUpMinutes,
      burst: c.burst,
      regionWeights: c.regionWeights,
    };
    const preview = await postJson<WhatIfView>(t.url, '/api/rules/preview', { draft }, { cookie: lead });
    expect(preview.status).toBe(200);
    expect(preview.body.changes).toEqual([]);
    expect((await postJson(t.url, '/api/rules/publish', { draft, reason: 'Nothing new' }, { cookie: lead })).status).toBe(409);
  });

  it('rejects a bad draft naming the field, and stores nothing', async () => {
    const bad = await postJson(t.url, '/api/rules/publish', { draft: { rules: [{ id: 'alarm.clear', basePoints: -5, multipliers: [] }] }, reason: 'test' }, { cookie: lead });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body)).toContain('body.draft.rules.0.basePoints');
    const noReason = await postJson(t.url, '/api/rules/publish', { draft: { flapWindowMinutes: 5 } }, { cookie: lead });
    expect(noReason.status).toBe(400);
    expect(fieldPaths(noReason.body)).toContain('body.reason');
    const shortReason = await postJson(t.url, '/api/rules/publish', { draft: { flapWindowMinutes: 5 }, reason: ' x ' }, { cookie: lead });
    expect(fieldPaths(shortReason.body)).toContain('body.reason');
    const unknown = await postJson(t.url, '/api/rules/publish', { draft: { rules: [{ id: 'alarm.nope', basePoints: 5, multipliers: [] }] }, reason: 'test' }, { cookie: lead });
    expect(unknown.status).toBe(400);
    expect(fieldPaths(unknown.body)).toEqual(['body.draft.rules.0.id']);
    const badMultiplier = await postJson(t.url, '/api/rules/preview', { draft: { rules: [{ id: 'alarm.clear', basePoints: 5, multipliers: ['luck'] }] } }, { cookie: lead });
    expect(badMultiplier.status).toBe(400);
    expect(fieldPaths(badMultiplier.body)[0]).toMatch(/^body\.draft\.rules\.0\.multipliers/);
    const badBadge = await postJson(t.url, '/api/rules/preview', { draft: { badges: [{ id: 'night-owl', threshold: 0, bonusPoints: 5 }] } }, { cookie: lead });
    expect(fieldPaths(badBadge.body)).toContain('body.draft.badges.0.threshold');
    const extra = await postJson(t.url, '/api/rules/preview', { draft: { timeZone: 'Europe/Paris' } }, { cookie: lead });
    expect(fieldPaths(extra.body)).toContain('body.draft.timeZone');
    const same = await postJson(t.url, '/api/rules/publish', { draft: { flapWindowMinutes: t.server.services.engine.flapWindowMinutes }, reason: 'no change' }, { cookie: lead });
    expect(same.status).toBe(409);
    const view = await getJson<RulesView>(t.url, '/api/rules', { cookie: lead });
    expect(view.body.current.version).toBe(1);
    const audit = await getJson<{ entries: AuditEntryView[] }>(t.url, '/api/audit?action=rules.', { cookie: lead });
    expect(audit.body.entries).toEqual([]);
  });

  it('publishing bumps only the changed rules, audits it, and new ledger entries name the new version', async () => {
    expect((await postEvents(t.url, alarmWork('eng', 3, 'major'))).status).toBe(201);
    const before = await getJson<RulesView>(t.url, '/api/rules', { cookie: lead });
    const oldRules = new Map(before.body.current.config.rules.map((r) => [r.id, r.version]));
    const oldClear = before.body.current.config.rules.find((r) => r.id === 'alarm.clear')!;

    const draft = { ...clearDraft(before.body, oldClear.basePoints * 2), flapWindowMinutes: 20 };
    const published = await postJson<PublishedRuleSet>(t.url, '/api/rules/publish', { draft, reason: 'Clears are worth more this quarter' }, { cookie: lead });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(2);
    expect(published.body.changes.map((c) => c.target).sort()).toEqual(['rule:alarm.clear', 'setting:flapWindowMinutes']);
    expect(published.body.changes.find((c) => c.target === 'rule:alarm.clear')?.version).toEqual({ from: oldClear.version, to: oldClear.version + 1 });

    const after = await getJson<RulesView>(t.url, '/api/rules', { cookie: lead });
    expect(after.body.current.version).toBe(2);
    expect(after.body.current.publishedBy).toBe('Leo Lead');
    expect(after.body.current.reason).toBe('Clears are worth more this quarter');
    expect(after.body.history.map((h) => h.version)).toEqual([2, 1]);
    expect(after.body.current.config.flapWindowMinutes).toBe(20);
    for (const r of after.body.current.config.rules) expect(r.version).toBe(r.id === 'alarm.clear' ? oldClear.version + 1 : oldRules.get(r.id));
    // One numbering: the changed rule carries the rule-set version that changed it; none is above the version in force.
    expect(after.body.current.config.rules.find((r) => r.id === 'alarm.clear')?.version).toBe(after.body.current.version);
    expect(Math.max(...after.body.current.config.rules.map((r) => r.version), ...after.body.current.config.badges.map((b) => b.version))).toBe(after.body.current.version);
    expect(t.server.services.engine.rules.find((r) => r.id === 'alarm.clear')?.basePoints).toBe(oldClear.basePoints * 2);

    const audit = await getJson<{ entries: AuditEntryView[] }>(t.url, '/api/audit?action=rules.published', { cookie: admin });
    expect(audit.body.entries).toHaveLength(1);
    const row = audit.body.entries[0]!;
    expect(row).toMatchObject({ action: 'rules.published', actorName: 'Leo Lead', targetId: '2', reason: 'Clears are worth more this quarter' });
    expect(row.details).toMatchObject({
      version: 2,
      changes: expect.arrayContaining([expect.objectContaining({ target: 'rule:alarm.clear', from: expect.objectContaining({ basePoints: oldClear.basePoints }), to: expect.objectContaining({ basePoints: oldClear.basePoints * 2 }) })]),
    });

    expect((await postEvents(t.url, alarmWork('eng2', 1, 'major'))).status).toBe(201);
    const clears = (await allPages(t.server.repos.ledger.pages())).filter((e) => e.ruleId === 'alarm.clear');
    expect(clears.map((e) => [e.personId, e.ruleVersion])).toEqual([
      ['p-eng', oldClear.version],
      ['p-eng2', oldClear.version + 1],
    ]);
    const acks = (await allPages(t.server.repos.ledger.pages())).filter((e) => e.ruleId === 'alarm.acknowledge');
    expect(new Set(acks.map((e) => e.ruleVersion))).toEqual(new Set([oldRules.get('alarm.acknowledge')]));
    // The replay check scores each event under the version in force at its place in the log.
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('the what-if preview equals a real re-score', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestServer(), startTestServer()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('publishing the draft and ingesting the same events stores exactly the preview’s draft column', async () => {
    const events = [
      ...alarmWork('eng', 50, 'critical', 200),
      ...alarmWork('eng', 30, 'major'),
      ...alarmWork('eng2', 20, 'minor'),
      ...alarmWork('eng2', 5, 'major', 40),
      ...alarmWork('lead', 4, 'warning'),
    ];
    const old = alarmWork('eng', 31 * 24, 'critical'); // outside the 30 days
    expect((await postEvents(a.url, [...old, ...events])).status).toBe(201);
    const leadA = await login(a.url, 'lead');
    const view = await getJson<RulesView>(a.url, '/api/rules', { cookie: leadA });
    const draft = { ...clearDraft(view.body, 55), multipliers: { ...view.body.current.config.multipliers, severity: { ...view.body.current.config.multipliers.severity, major: 4 } } };

    const preview = await postJson<WhatIfView>(a.url, '/api/rules/preview', { draft }, { cookie: leadA });
    expect(preview.status).toBe(200);
    expect(preview.body.events).toBe(events.length);
    expect(preview.body.changes.map((c) => c.target).sort()).toEqual(['rule:alarm.clear', 'setting:multipliers']);
    expect(preview.body.people.find((p) => p.personId === 'p-eng')?.name).toBe('Eve Engineer');
    expect(preview.body.people.some((p) => p.difference !== 0)).toBe(true);
    expect(preview.body.rules.find((r) => r.id === 'alarm.clear')?.name).toBe('Clear an alarm');
    expect(preview.body.teams.find((t) => t.id === 't-noc')?.name).toBe('NOC Test');
    // Previewing changes nothing.
    expect(a.server.services.engine.rules.find((r) => r.id === 'alarm.clear')?.basePoints).not.toBe(55);

    const leadB = await login(b.url, 'lead');
    expect((await postJson(b.url, '/api/rules/publish', { draft, reason: 'Re-score check' }, { cookie: leadB })).status).toBe(201);
    expect((await postEvents(b.url, events)).status).toBe(201);
    const stored = await b.server.repos.ledger.totalsByPerson();
    for (const p of preview.body.people) expect([p.personId, stored.get(p.personId) ?? 0]).toEqual([p.personId, p.draft]);
    const teamTotals = new Map<string, number>();
    for (const e of await allPages(b.server.repos.ledger.pages())) if (e.teamId) teamTotals.set(e.teamId, (teamTotals.get(e.teamId) ?? 0) + e.points);
    for (const team of preview.body.teams) expect(teamTotals.get(team.id) ?? 0).toBe(team.draft);
  });
});
