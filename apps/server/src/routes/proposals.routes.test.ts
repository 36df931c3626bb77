import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, MeView, MissionView, ProposalView } from '@opsquest/contracts';
import { fieldPaths, getJson, isoFromNow, postJson, uniqueKey } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

const badgeBody = {
  name: 'Major Mover',
  description: 'Clear two major alarms.',
  icon: 'rocket',
  criteria: { stream: 'alarm', effect: 'resolved', conditions: [{ kind: 'severityIn', values: ['major'] }], counting: 'count' },
  threshold: 2,
  bonusPoints: 30,
};

describe('proposals of missions and badges', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-proposals-'));
  let t: TestServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestServer({ dir });
    for (const u of ['eng', 'eng2', 'tech', 'lead', 'admin']) cookies[u] = await login(t.url, u);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = <T>(who: string, path: string, body: unknown) => postJson<T & ApiError>(t.url, path, body, { cookie: cookies[who] ?? '' });
  const list = async (who: string) => (await getJson<{ proposals: ProposalView[] }>(t.url, '/api/proposals', { cookie: cookies[who] ?? '' })).body.proposals;

  async function clear(actor: string, severity: string): Promise<void> {
    const key = uniqueKey('PRO');
    await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-10 * 60_000), attributes: { perceivedSeverity: severity, title: key } });
    const res = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(-9 * 60_000), actor });
    expect(res.status).toBe(201);
  }

  it('staff propose; leads and admins do not; bad proposals are 400s naming the field', async () => {
    expect((await postJson(t.url, '/api/proposals/badges', badgeBody)).status).toBe(401);
    expect((await post('lead', '/api/proposals/badges', badgeBody)).status).toBe(403);
    expect((await post('admin', '/api/proposals/missions', { templateId: 'critical-sla-week' })).status).toBe(403);
    const tooRich = await post('eng', '/api/proposals/badges', { ...badgeBody, bonusPoints: 201 });
    expect(tooRich.status).toBe(400);
    expect(fieldPaths(tooRich.body)).toEqual(['body.bonusPoints']);
    const noIcon = await post('eng', '/api/proposals/badges', { ...badgeBody, icon: 'abc' });
    expect(fieldPaths(noIcon.body)).toEqual(['body.icon']);
    // an emoji is no longer an icon: one of the named SVG icons is, and the message lists them
    const emoji = await post('eng', '/api/proposals/badges', { ...badgeBody, icon: '🚀' });
    expect(emoji.status).toBe(400);
    expect(fieldPaths(emoji.body)).toEqual(['body.icon']);
    expect(JSON.stringify(emoji.body)).toContain('Choose one of the badge icons: award, medal, trophy');
    const badEffect = await post('eng', '/api/proposals/badges', { ...badgeBody, criteria: { ...badgeBody.criteria, effect: 'exploded' } });
    expect(fieldPaths(badEffect.body)).toEqual(['body.criteria.effect']);
    const badMission = await post('eng', '/api/proposals/missions', { title: 'x', criteria: { effect: 'resolved', counting: 'count' }, target: 0 });
    expect(fieldPaths(badMission.body)).toEqual(['body.target']);
    // an engineer may not propose a mission for another team
    expect((await post('eng', '/api/proposals/missions', { templateId: 'critical-sla-week', audience: { kind: 'team', teamId: 't-field' } })).status).toBe(403);
    expect(await list('eng')).toEqual([]);
    const badStatus = await getJson(t.url, '/api/proposals?status=maybe', { cookie: cookies.eng ?? '' });
    expect(badStatus.status).toBe(400);
    expect(fieldPaths(badStatus.body)).toEqual(['query.status']);
    expect((await getJson(t.url, '/api/proposals')).status).toBe(401);
    expect((await getJson(t.url, '/api/missions/m-nope', { cookie: cookies.eng ?? '' })).status).toBe(404);
    // a non-JSON or missing body is a 4xx, never a crash
    expect((await postJson(t.url, '/api/proposals/badges', 'not json', { cookie: cookies.eng ?? '' })).status).toBe(400);
  });

  it('an engineer proposes a badge, the lead approves it with a reason, the engine awards it from then on', async () => {
    const proposed = await post<ProposalView>('eng', '/api/proposals/badges', badgeBody);
    expect(proposed.status).toBe(201);
    const p = proposed.body;
    expect(p).toMatchObject({ kind: 'badge', status: 'pending', title: 'Major Mover', proposedBy: { id: 'p-eng', name: 'Eve Engineer' }, teamId: 't-noc' });
    expect(p.badge?.criteriaText).toBe('Resolved alarms: major');

    // the lead sees it to review; the other engineer does not; the technician's lead-less view is their own
    expect((await list('lead')).map((x) => x.id)).toContain(p.id);
    expect((await list('eng2')).map((x) => x.id)).not.toContain(p.id);
    // engineers cannot decide; a reason is required; unknown is 404
    expect((await post('eng2', `/api/proposals/${p.id}/approve`, { reason: 'me too' })).status).toBe(403);
    const noReason = await post('lead', `/api/proposals/${p.id}/approve`, {});
    expect(noReason.status).toBe(400);
    expect(fieldPaths(noReason.body)).toEqual(['body.reason']);
    expect(fieldPaths((await post('lead', `/api/proposals/${p.id}/approve`, { reason: '   ' })).body)).toEqual(['body.reason']);
    expect((await post('lead', '/api/proposals/pr-nope/approve', { reason: 'ok' })).status).toBe(404);
    expect((await list('eng')).find((x) => x.id === p.id)?.status).toBe('pending');

    // before approval the engine knows no such badge: clearing majors earns nothing
    await clear('eng', 'major');
    const approved = await post<ProposalView>('lead', `/api/proposals/${p.id}/approve`, { reason: 'Great idea, rewards real work' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', resultId: 'custom-major-mover', reason: 'Great idea, rewards real work', decidedBy: { id: 'p-lead', name: 'Leo Lead' } });
    expect((await post('lead', `/api/proposals/${p.id}/reject`, { reason: 'changed my mind' })).status).toBe(409);
    const audit = await t.server.repos.audit.recent(5, 'badge.approved');
    expect(audit[0]).toMatchObject({ actorId: 'p-lead', targetId: 'custom-major-mover', reason: 'Great idea, rewards real work' });
    expect(t.server.services.engine.badges.find((b) => b.id === 'custom-major-mover')).toMatchObject({ proposedBy: 'p-eng', version: 1, threshold: 2 });

    // the proposer sees the decision and the reason
    expect((await list('eng')).find((x) => x.id === p.id)).toMatchObject({ status: 'approved', reason: 'Great idea, rewards real work' });

    // from now on the engine counts: two majors after approval earn it (the one before does not count)
    await clear('eng', 'major');
    expect((await t.server.repos.progress.find('p-eng'))?.badges['custom-major-mover']).toBeUndefined();
    await clear('eng', 'major');
    expect((await t.server.repos.progress.find('p-eng'))?.badges['custom-major-mover']).toBeTypeOf('number');
    const me = await getJson<MeView>(t.url, '/api/me', { cookie: cookies.eng ?? '' });
    expect(me.body.badges.find((b) => b.id === 'custom-major-mover')).toMatchObject({ earned: true, icon: 'rocket', proposedByName: 'Eve Engineer' });
  });

  it('a lead decides only their own team; an admin decides any; a rejection carries its reason to the proposer', async () => {
    const techBadge = (await post<ProposalView>('tech', '/api/proposals/badges', { ...badgeBody, name: 'Field Hero' })).body;
    expect((await post('lead', `/api/proposals/${techBadge.id}/reject`, { reason: 'no' })).status).toBe(403);
    expect((await list('lead')).map((x) => x.id)).not.toContain(techBadge.id);
    const rejected = await post<ProposalView>('admin', `/api/proposals/${techBadge.id}/reject`, { reason: 'Overlaps First-Time Fixer' });
    expect(rejected.status).toBe(200);
    expect((await list('tech')).find((x) => x.id === techBadge.id)).toMatchObject({ status: 'rejected', reason: 'Overlaps First-Time Fixer', decidedBy: { name: 'Ada Admin' } });
    expect((await t.server.repos.audit.recent(5, 'badge.rejected'))[0]).toMatchObject({ targetId: techBadge.id, reason: 'Overlaps First-Time Fixer' });
    expect(t.server.services.engine.badges.some((b) => b.name === 'Field Hero')).toBe(false);

    const missionProposal = (await post<ProposalView>('eng2', '/api/proposals/missions', { templateId: 'acks-within-target-week', target: 15 })).body;
    const rejectedMission = await post<ProposalView>('lead', `/api/proposals/${missionProposal.id}/reject`, { reason: 'Too easy this week' });
    expect(rejectedMission.body).toMatchObject({ status: 'rejected', reason: 'Too easy this week' });
    expect((await t.server.repos.audit.recent(5, 'mission.rejected'))[0]).toMatchObject({ targetId: missionProposal.id, reason: 'Too easy this week' });
  });

  it('an approved mission proposal becomes an active mission that shows who proposed it', async () => {
    const proposal = (
      await post<ProposalView>('eng2', '/api/proposals/missions', {
        title: 'Night clears',
        criteria: { stream: 'alarm', effect: 'resolved', counting: 'count', conditions: [{ kind: 'nightShift' }] },
        target: 4,
        rewardPoints: 80,
        rewardBadgeId: 'custom-major-mover',
      })
    ).body;
    expect(proposal.mission?.criteriaText).toBe('Resolved alarms: on the night shift');
    const approved = await post<ProposalView>('lead', `/api/proposals/${proposal.id}/approve`, { reason: 'Good for the night shift' });
    expect(approved.body.status).toBe('approved');
    const missionId = approved.body.resultId ?? '';
    const m = (await getJson<MissionView>(t.url, `/api/missions/${missionId}`, { cookie: cookies.eng ?? '' })).body;
    expect(m).toMatchObject({ status: 'active', title: 'Night clears', proposedBy: { id: 'p-eng2', name: 'Ed Engineer' }, createdBy: { id: 'p-lead' }, audience: { kind: 'team', teamId: 't-noc' }, rewardBadge: { id: 'custom-major-mover' } });
    expect((await t.server.repos.audit.recent(5, 'mission.approved'))[0]).toMatchObject({ targetId: missionId, reason: 'Good for the night shift' });
  });

  it('approved badges are given to the engine again at start-up', async () => {
    await t.close();
    t = await startTestServer({ dir });
    expect(t.server.services.engine.badges.find((b) => b.id === 'custom-major-mover')).toMatchObject({ proposedBy: 'p-eng', name: 'Major Mover' });
    expect(t.server.services.engine.badges.some((b) => b.name === 'Field Hero')).toBe(false);
    for (const u of ['eng', 'lead']) cookies[u] = await login(t.url, u);
  });
});
