import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MasteryView, MeView, ProposalView, RulesView, WithheldAwardView, WorkItemTimeline } from '@opsquest/contracts';
import { sampleAlarmCreate } from '../../test-support/fixtures/tmf642.fixtures';
import { fieldPaths, getJson, isoFromNow, sendJson, uniqueKey } from '../../test-support/http';
import { TEST_API_KEY } from '../../test-support/test-server';
import { AccessFixture, TMF642 } from '../../test-support/security/access-fixture';
import type { PersonPrincipal } from '../../test-support/security/access-matrix';

/**
 * The rules behind the matrix, checked case by case against the real server: credentials of the
 * wrong kind, nobody acting as someone else or awarding themselves, rules changed only by leads and
 * admins, a lead managing their own team only, and the per-item role checks. Each refused request
 * is also checked to have changed nothing.
 */
describe('authorisation rules (docs/SECURITY.md)', () => {
  let f: AccessFixture;
  const as = (who: PersonPrincipal | 'eng2') => f.as(who);
  const ledgerTotal = (personId: string) => f.ledgerTotal(personId);
  const alarm = () => f.alarm();
  const truckRoll = (technician: string) => f.truckRoll(technician);
  const takeHeld = (personId: string) => f.takeHeld(personId);
  const proposalBy = (who: 'engineer' | 'technician') => f.proposalBy(who);
  const missionFor = (teamId: string) => f.missionFor(teamId);

  beforeAll(async () => {
    f = await AccessFixture.start();
  });
  afterAll(async () => {
    await f.close();
  });

  it('refuses a session on an API-key route, an API key on a session route, and a cookie change without its CSRF token', async () => {
    const event = { source: 'nms', stream: 'alarm', externalKey: uniqueKey('MX-X'), transition: 'raised', occurredAt: isoFromNow(-1000) };
    // an admin session, even with its CSRF token, does not post events
    expect((await sendJson(f.t.url, 'POST', '/api/events', event, as('admin'))).status).toBe(401);
    expect((await sendJson(f.t.url, 'POST', `${TMF642}/alarm`, sampleAlarmCreate(), as('admin'))).status).toBe(401);
    // the all-scopes key does not read people, the queue or the admin pages
    const key = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };
    for (const path of ['/api/me', '/api/people/p-eng', '/api/work-items', '/api/admin/api-keys', '/api/kudos?personId=p-eng', '/api/me/ledger']) {
      expect((await getJson(f.t.url, path, key)).status, path).toBe(401);
    }
    expect((await sendJson(f.t.url, 'POST', '/api/people/p-eng/adjustments', { points: 5, reason: 'from a key' }, key)).status).toBe(401);
    // a lead's cookie alone (no CSRF token, as a forged cross-site form would send it) changes nothing
    const points = await ledgerTotal('p-eng');
    expect((await sendJson(f.t.url, 'POST', '/api/people/p-eng/adjustments', { points: 5, reason: 'forged' }, { cookie: f.cookies.lead, csrf: false })).status).toBe(403);
    expect(await ledgerTotal('p-eng')).toBe(points);
  });

  it('lets nobody act as someone else: identity fields in a body are refused, query ones ignored', async () => {
    const item = await alarm();
    const proposal = await proposalBy('engineer');
    const heldId = takeHeld('p-eng');
    const cases: { who: PersonPrincipal; method: string; path: string; body: Record<string, unknown>; field: string }[] = [
      { who: 'engineer', method: 'POST', path: `/api/work-items/${item}/actions`, body: { action: 'comment', notes: 'as eng2', actor: 'eng2' }, field: 'body.actor' },
      { who: 'engineer', method: 'POST', path: '/api/work-items/bulk-actions', body: { ids: [item], action: 'acknowledge', actor: 'eng2' }, field: 'body.actor' },
      { who: 'engineer', method: 'POST', path: '/api/kudos', body: { toPersonId: 'p-eng2', message: 'hi', fromPersonId: 'p-lead' }, field: 'body.fromPersonId' },
      { who: 'engineer', method: 'PUT', path: '/api/me/participation', body: { publicBoards: false, showInFeed: true, acceptKudos: true, personId: 'p-eng2' }, field: 'body.personId' },
      { who: 'engineer', method: 'POST', path: '/api/proposals/missions', body: { templateId: 'critical-sla-week', proposedBy: 'p-eng2' }, field: 'body.proposedBy' },
      { who: 'lead', method: 'POST', path: '/api/people/p-eng/adjustments', body: { points: 5, reason: 'on behalf', actorId: 'p-admin' }, field: 'body.actorId' },
      { who: 'lead', method: 'POST', path: `/api/proposals/${proposal}/approve`, body: { reason: 'ok', decidedBy: 'p-admin' }, field: 'body.decidedBy' },
      { who: 'lead', method: 'POST', path: `/api/review/held/${encodeURIComponent(heldId)}/release`, body: { reason: 'ok then', by: 'p-admin' }, field: 'body.by' },
      { who: 'lead', method: 'POST', path: '/api/missions', body: { templateId: 'critical-sla-week', createdBy: 'p-admin' }, field: 'body.createdBy' },
      { who: 'lead', method: 'POST', path: '/api/rules/publish', body: { draft: { flapWindowMinutes: 3 }, reason: 'as admin', publishedBy: 'p-admin' }, field: 'body.publishedBy' },
      { who: 'admin', method: 'POST', path: '/api/admin/api-keys', body: { name: 'theirs', scopes: ['events:write'], createdBy: 'p-lead' }, field: 'body.createdBy' },
    ];
    for (const c of cases) {
      const res = await sendJson(f.t.url, c.method, c.path, c.body, as(c.who));
      expect(res.status, `${c.method} ${c.path} with ${c.field}`).toBe(400);
      expect(fieldPaths(res.body), `${c.method} ${c.path}`).toContain(c.field);
    }
    // nothing of the refused requests happened
    const timeline = await getJson<WorkItemTimeline>(f.t.url, `/api/work-items/${item}/timeline`, as('engineer'));
    expect(timeline.body.events.filter((e) => e.actor === 'eng2')).toEqual([]);
    expect((await f.t.server.repos.participation.find('p-eng')).publicBoards).toBe(true);
    expect((await f.t.server.repos.proposals.find(proposal))?.status).toBe('pending');
    expect((await f.t.server.repos.gates.find(heldId))?.status).toBe('held');

    // a person named in the query of a "me" route is refused or ignored: always the caller
    expect((await getJson(f.t.url, '/api/me/ledger?personId=p-eng2', as('engineer'))).status).toBe(400);
    const me = await getJson<MeView>(f.t.url, '/api/me?personId=p-eng2', as('engineer'));
    expect(me.body.id).toBe('p-eng');
    const mastery = await getJson<MasteryView>(f.t.url, '/api/insights/me?personId=p-eng2', as('engineer'));
    expect(mastery.body.personId).toBe('p-eng');
    const withheld = await getJson<{ withheld: WithheldAwardView[] }>(f.t.url, '/api/me/withheld?personId=p-tech', as('engineer'));
    expect(withheld.body.withheld.length).toBeGreaterThan(0);
    expect(withheld.body.withheld.every((w) => w.personId === 'p-eng')).toBe(true);

    // an action is recorded as the caller
    expect((await sendJson(f.t.url, 'POST', `/api/work-items/${item}/actions`, { action: 'comment', notes: 'mine' }, as('engineer'))).status).toBe(200);
    const after = await getJson<WorkItemTimeline>(f.t.url, `/api/work-items/${item}/timeline`, as('engineer'));
    expect(after.body.events.at(-1)).toMatchObject({ transition: 'commented', actor: 'eng' });
  });

  it('lets nobody award themselves points', async () => {
    const before = { lead: await ledgerTotal('p-lead'), admin: await ledgerTotal('p-admin'), eng: await ledgerTotal('p-eng'), tech: await ledgerTotal('p-tech') };
    // adjustments to oneself
    expect((await sendJson(f.t.url, 'POST', '/api/people/p-lead/adjustments', { points: 500, reason: 'for me' }, as('lead'))).status).toBe(403);
    expect((await sendJson(f.t.url, 'POST', '/api/people/p-admin/adjustments', { points: 500, reason: 'for me' }, as('admin'))).status).toBe(403);
    expect((await sendJson(f.t.url, 'POST', '/api/people/p-eng/adjustments', { points: 500, reason: 'for me' }, as('engineer'))).status).toBe(403);
    // kudos to oneself
    const budget = (await getJson<{ left: number }>(f.t.url, '/api/kudos/budget', as('engineer'))).body.left;
    const selfKudos = await sendJson(f.t.url, 'POST', '/api/kudos', { toPersonId: 'p-eng', message: 'well done me' }, as('engineer'));
    expect(selfKudos.status).toBe(400);
    expect(fieldPaths(selfKudos.body)).toContain('body.toPersonId');
    expect((await getJson<{ left: number }>(f.t.url, '/api/kudos/budget', as('engineer'))).body.left).toBe(budget);
    // releasing one's own held points: the lead and the admin (who may release others'), and staff
    const own = { lead: takeHeld('p-lead'), admin: takeHeld('p-admin'), eng: takeHeld('p-eng'), tech: takeHeld('p-tech') };
    for (const [who, entry] of [['lead', own.lead], ['admin', own.admin], ['engineer', own.eng], ['technician', own.tech]] as const) {
      for (const decision of ['release', 'reject'] as const) {
        const res = await sendJson(f.t.url, 'POST', `/api/review/held/${encodeURIComponent(entry)}/${decision}`, { reason: 'my own burst' }, as(who));
        expect(res.status, `${who} ${decision}s their own held points`).toBe(403);
      }
    }
    for (const entry of Object.values(own)) expect((await f.t.server.repos.gates.find(entry))?.status).toBe('held');
    // approving one's own proposal: staff propose but may not decide; leads and admins decide but may not propose
    const mine = await proposalBy('engineer');
    expect((await sendJson(f.t.url, 'POST', `/api/proposals/${mine}/approve`, { reason: 'mine is great' }, as('engineer'))).status).toBe(403);
    expect((await f.t.server.repos.proposals.find(mine))?.status).toBe('pending');
    expect((await sendJson(f.t.url, 'POST', '/api/proposals/missions', { templateId: 'critical-sla-week' }, as('lead'))).status).toBe(403);
    expect((await sendJson(f.t.url, 'POST', '/api/proposals/badges', { name: 'Lead badge', description: 'x', icon: 'rocket', criteria: { effect: 'resolved', conditions: [], counting: 'count' }, threshold: 1, bonusPoints: 200 }, as('admin'))).status).toBe(403);
    expect({ lead: await ledgerTotal('p-lead'), admin: await ledgerTotal('p-admin'), eng: await ledgerTotal('p-eng'), tech: await ledgerTotal('p-tech') }).toEqual(before);
  });

  it('lets only leads and admins preview and publish rules', async () => {
    const version = (await getJson<RulesView>(f.t.url, '/api/rules', as('admin'))).body.current.version;
    const rich = { draft: { rules: [{ id: 'alarm.clear', basePoints: 1000, multipliers: [], cap: null }] }, reason: 'more for us' };
    for (const who of ['engineer', 'technician'] as const) {
      expect((await sendJson(f.t.url, 'POST', '/api/rules/publish', rich, as(who))).status).toBe(403);
      expect((await sendJson(f.t.url, 'POST', '/api/rules/preview', { draft: rich.draft }, as(who))).status).toBe(403);
      expect((await getJson(f.t.url, '/api/rules', as(who))).status).toBe(403);
    }
    expect((await sendJson(f.t.url, 'POST', '/api/rules/publish', rich, { headers: { authorization: `Bearer ${TEST_API_KEY}` } })).status).toBe(401);
    expect((await getJson<RulesView>(f.t.url, '/api/rules', as('admin'))).body.current.version).toBe(version);
    expect(f.t.server.services.rulebook.config.rules.find((r) => r.id === 'alarm.clear')?.basePoints).not.toBe(1000);
  });

  it("lets a lead manage their own team only: nothing of another team's changes", async () => {
    const techPoints = await ledgerTotal('p-tech');
    expect((await sendJson(f.t.url, 'POST', '/api/people/p-tech/adjustments', { points: -50, reason: 'not mine to judge' }, as('lead'))).status).toBe(403);
    expect(await ledgerTotal('p-tech')).toBe(techPoints);

    const techHeld = takeHeld('p-tech');
    for (const decision of ['release', 'reject'] as const) {
      expect((await sendJson(f.t.url, 'POST', `/api/review/held/${encodeURIComponent(techHeld)}/${decision}`, { reason: 'other team' }, as('lead'))).status).toBe(403);
    }
    expect((await f.t.server.repos.gates.find(techHeld))?.status).toBe('held');
    const queue = await getJson<{ held: WithheldAwardView[] }>(f.t.url, '/api/review/held', as('lead'));
    expect(queue.body.held.length).toBeGreaterThan(0);
    expect(queue.body.held.filter((h) => h.personId !== 'p-eng' && h.personId !== 'p-eng2' && h.personId !== 'p-lead')).toEqual([]);

    const techProposal = await proposalBy('technician');
    for (const decision of ['approve', 'reject'] as const) {
      expect((await sendJson(f.t.url, 'POST', `/api/proposals/${techProposal}/${decision}`, { reason: 'other team' }, as('lead'))).status).toBe(403);
    }
    expect((await f.t.server.repos.proposals.find(techProposal))?.status).toBe('pending');
    const proposals = await getJson<{ proposals: ProposalView[] }>(f.t.url, '/api/proposals?status=all', as('lead'));
    expect(proposals.body.proposals.filter((p) => p.teamId !== 't-noc')).toEqual([]);

    for (const path of ['/api/dashboard?teamId=t-field', '/api/insights/engagement?teamId=t-field', '/api/insights/outcomes?teamId=t-field', '/api/people/p-tech', '/api/insights/people/p-tech', '/api/kudos?personId=p-tech']) {
      expect((await getJson(f.t.url, path, as('lead'))).status, path).toBe(403);
    }

    const missionsBefore = (await f.t.server.repos.missions.listAll()).length;
    for (const audience of [{ kind: 'team', teamId: 't-field' }, { kind: 'people', personIds: ['p-tech'] }, { kind: 'people', personIds: ['p-eng', 'p-tech'] }, { kind: 'everyone' }]) {
      expect((await sendJson(f.t.url, 'POST', '/api/missions', { templateId: 'critical-sla-week', audience }, as('lead'))).status, JSON.stringify(audience)).toBe(403);
    }
    expect((await f.t.server.repos.missions.listAll()).length).toBe(missionsBefore);
    const fieldMission = await missionFor('t-field');
    expect((await sendJson(f.t.url, 'POST', `/api/missions/${fieldMission}/versions`, { target: 1, rewardPoints: 1000 }, as('lead'))).status).toBe(403);
    expect((await sendJson(f.t.url, 'POST', `/api/missions/${fieldMission}/versions`, { audience: { kind: 'team', teamId: 't-noc' } }, as('lead'))).status).toBe(403);
    expect((await f.t.server.repos.missions.find(fieldMission))?.version).toBe(1);

    // another team's truck-roll: not one action, not through bulk either
    const visit = await truckRoll('tech');
    expect((await sendJson(f.t.url, 'POST', `/api/work-items/${visit}/actions`, { action: 'dispatch' }, as('lead'))).status).toBe(403);
    const bulk = await sendJson<{ results: { id: number; status: number }[] }>(f.t.url, 'POST', '/api/work-items/bulk-actions', { ids: [visit], action: 'dispatch' }, as('lead'));
    expect(bulk.body.results).toEqual([expect.objectContaining({ id: visit, status: 403 })]);
    expect((await f.t.server.repos.workItems.findById(visit))?.item.status).toBe('open');
  });

  it('keeps the per-item role checks: technicians their own truck-rolls, engineers alarms and orders, also in bulk', async () => {
    const item = await alarm();
    const visit = await truckRoll('tech');
    const othersVisit = await truckRoll('someone-else');
    expect((await sendJson(f.t.url, 'POST', `/api/work-items/${item}/actions`, { action: 'acknowledge' }, as('technician'))).status).toBe(403);
    expect((await sendJson(f.t.url, 'POST', `/api/work-items/${visit}/actions`, { action: 'dispatch' }, as('engineer'))).status).toBe(403);
    expect((await sendJson(f.t.url, 'POST', `/api/work-items/${othersVisit}/actions`, { action: 'dispatch' }, as('technician'))).status).toBe(403);
    const bulk = await sendJson<{ results: { id: number; status: number }[] }>(f.t.url, 'POST', '/api/work-items/bulk-actions', { ids: [item], action: 'acknowledge' }, as('technician'));
    expect(bulk.status).toBe(200);
    expect(bulk.body.results).toEqual([expect.objectContaining({ id: item, status: 403 })]);
    const bulkVisit = await sendJson<{ results: { id: number; status: number }[] }>(f.t.url, 'POST', '/api/work-items/bulk-actions', { ids: [othersVisit], action: 'dispatch' }, as('technician'));
    expect(bulkVisit.body.results).toEqual([expect.objectContaining({ id: othersVisit, status: 403 })]);
    expect((await sendJson(f.t.url, 'POST', `/api/work-items/${visit}/actions`, { action: 'dispatch' }, as('technician'))).status).toBe(200);
  });
});
