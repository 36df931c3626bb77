import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, FeedItem, LedgerEntryView, MissionProgressEvent, MissionTemplateView, MissionView } from '@opsquest/contracts';
import { connected, fieldPaths, getJson, isoFromNow, liveSocket, postJson, uniqueKey, waitFor, type LiveSocket } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

type Severity = 'critical' | 'major' | 'minor';

describe('missions over HTTP', () => {
  let t: TestServer;
  const cookies: Record<string, string> = {};
  const open: LiveSocket[] = [];

  beforeAll(async () => {
    t = await startTestServer();
    for (const u of ['eng', 'eng2', 'tech', 'lead', 'admin']) cookies[u] = await login(t.url, u);
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (who: string, body: unknown) => postJson<MissionView & ApiError>(t.url, '/api/missions', body, { cookie: cookies[who] ?? '' });
  const mission = async (who: string, id: string) => (await getJson<MissionView>(t.url, `/api/missions/${id}`, { cookie: cookies[who] ?? '' })).body;

  /** Raises an alarm and has `actor` clear it `clearAfterMs` later (both in the recent past). */
  async function raiseAndClear(actor: string, severity: Severity, attrs: Record<string, unknown> = {}, clearAfterMs = 60_000): Promise<string> {
    const key = uniqueKey('MIS');
    const raisedAt = -10 * 60_000;
    const raised = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(raisedAt), attributes: { perceivedSeverity: severity, title: `Alarm ${key}`, ...attrs } });
    expect(raised.status).toBe(201);
    const cleared = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(raisedAt + clearAfterMs), actor });
    expect(cleared.status).toBe(201);
    return key;
  }

  it('lists at least five templates', async () => {
    const res = await getJson<{ templates: MissionTemplateView[] }>(t.url, '/api/missions/templates', { cookie: cookies.eng ?? '' });
    expect(res.status).toBe(200);
    expect(res.body.templates.length).toBeGreaterThanOrEqual(5);
    expect(res.body.templates.map((x) => x.id)).toContain('critical-sla-week');
  });

  it('only leads (own team) and admins create missions; bad drafts are 400s naming the field; nothing is stored', async () => {
    expect((await postJson(t.url, '/api/missions', { templateId: 'critical-sla-week' })).status).toBe(401);
    expect((await create('eng', { templateId: 'critical-sla-week' })).status).toBe(403);
    expect((await create('tech', { templateId: 'critical-sla-week' })).status).toBe(403);
    expect((await create('lead', { templateId: 'critical-sla-week', audience: { kind: 'team', teamId: 't-field' } })).status).toBe(403);
    expect((await create('lead', { templateId: 'critical-sla-week', audience: { kind: 'everyone' } })).status).toBe(403);
    expect((await create('lead', { templateId: 'critical-sla-week', audience: { kind: 'people', personIds: ['p-eng', 'p-tech'] } })).status).toBe(403);
    // nobody sets a mission (and its reward) for themselves, not even an admin
    const self = await create('lead', { templateId: 'critical-sla-week', audience: { kind: 'people', personIds: ['p-eng', 'p-lead'] } });
    expect(self.status).toBe(403);
    expect(self.body.message).toMatch(/mission you create/);
    expect((await create('admin', { templateId: 'critical-sla-week', audience: { kind: 'people', personIds: ['p-admin'] } })).status).toBe(403);

    const unknownTemplate = await create('lead', { templateId: 'nope' });
    expect(unknownTemplate.status).toBe(400);
    expect(fieldPaths(unknownTemplate.body)).toEqual(['body.templateId']);
    const noTitle = await create('lead', { criteria: { stream: 'alarm', effect: 'resolved', counting: 'count' }, target: 3 });
    expect(noTitle.status).toBe(400);
    expect(fieldPaths(noTitle.body)).toEqual(['body.title']);
    const badDates = await create('lead', { templateId: 'critical-sla-week', startsAt: isoFromNow(0), endsAt: isoFromNow(-60_000) });
    expect(badDates.status).toBe(400);
    expect(fieldPaths(badDates.body)).toEqual(['body.endsAt']);
    const badTarget = await create('lead', { templateId: 'critical-sla-week', target: 0 });
    expect(fieldPaths(badTarget.body)).toEqual(['body.target']);
    const badBadge = await create('lead', { templateId: 'critical-sla-week', rewardBadgeId: 'first-responder' });
    expect(badBadge.status).toBe(400);
    expect(fieldPaths(badBadge.body)).toEqual(['body.rewardBadgeId']);
    const badCondition = await create('admin', { title: 'x', target: 1, criteria: { effect: 'resolved', counting: 'count', conditions: [{ kind: 'severityIn', values: ['huge'] }] } });
    expect(badCondition.status).toBe(400);
    expect(fieldPaths(badCondition.body)[0]).toMatch(/^body\.criteria\.conditions\.0/);
    const unknownTeam = await create('admin', { templateId: 'critical-sla-week', audience: { kind: 'team', teamId: 't-nope' } });
    expect(fieldPaths(unknownTeam.body)).toEqual(['body.audience.teamId']);

    const all = await getJson<{ missions: MissionView[] }>(t.url, '/api/missions', { cookie: cookies.admin ?? '' });
    expect(all.body.missions).toEqual([]);
  });

  it('a lead creates "clear every critical within SLA" for their team: progress moves live, a miss resets it, completion pays once', async () => {
    const created = await create('lead', { templateId: 'critical-sla-week', target: 2, rewardPoints: 150 });
    expect(created.status).toBe(201);
    const m = created.body;
    expect(m).toMatchObject({ version: 1, status: 'active', scope: 'person', audience: { kind: 'team', teamId: 't-noc' }, target: 2, rewardPoints: 150, createdBy: { id: 'p-lead', name: 'Leo Lead' } });
    expect(m.proposedBy).toBeUndefined();
    expect((await t.server.repos.audit.recent(5, 'mission.created')).map((a) => a.targetId)).toContain(m.id);

    // engineers of the team see it with their own progress; the technician (other team) does not
    const engView = await getJson<{ missions: MissionView[] }>(t.url, '/api/missions', { cookie: cookies.eng ?? '' });
    expect(engView.body.missions.find((x) => x.id === m.id)?.mine).toEqual({ participantId: 'p-eng', progress: 0, completed: false });
    const techView = await getJson<{ missions: MissionView[] }>(t.url, '/api/missions', { cookie: cookies.tech ?? '' });
    expect(techView.body.missions.find((x) => x.id === m.id)).toBeUndefined();
    expect((await getJson(t.url, `/api/missions/${m.id}`, { cookie: cookies.tech ?? '' })).status).toBe(404);

    const engSocket = liveSocket(t.url, cookies.eng);
    const eng2Socket = liveSocket(t.url, cookies.eng2);
    open.push(engSocket, eng2Socket);
    await Promise.all([connected(engSocket), connected(eng2Socket)]);
    const engSeen: MissionProgressEvent[] = [];
    const eng2Seen: MissionProgressEvent[] = [];
    engSocket.on('mission:progress', (p) => engSeen.push(p));
    eng2Socket.on('mission:progress', (p) => eng2Seen.push(p));

    await raiseAndClear('eng', 'critical');
    expect((await mission('eng', m.id)).mine?.progress).toBe(1);
    const first = await waitFor(() => engSeen.find((e) => e.missionId === m.id), 'mission:progress for eng', 3000);
    expect(first).toEqual({ missionId: m.id, scope: 'person', participantId: 'p-eng', progress: 1, target: 2, completed: false });

    // a major does not match, and a critical cleared late is a miss: the run starts again
    await raiseAndClear('eng', 'major');
    expect((await mission('eng', m.id)).mine?.progress).toBe(1);
    await raiseAndClear('eng', 'critical');
    expect((await mission('eng', m.id)).mine?.progress).toBe(2);
    expect((await mission('eng', m.id)).mine?.completed).toBe(true);

    // completed: the reward is in the ledger exactly once, the leaderboard agrees with the ledger
    const rewardId = `side:mission:${m.id}:p-eng`;
    const ledger = await getJson<{ entries: LedgerEntryView[] }>(t.url, '/api/me/ledger?limit=100', { cookie: cookies.eng ?? '' });
    const rewards = ledger.body.entries.filter((e) => e.ruleId === `mission:${m.id}`);
    expect(rewards).toHaveLength(1);
    expect(rewards[0]).toMatchObject({ points: 150, ruleVersion: 1 });
    const done = await waitFor(() => engSeen.find((e) => e.missionId === m.id && e.completed), 'completion event', 3000);
    expect(done.progress).toBe(2);
    expect(eng2Seen.filter((e) => e.missionId === m.id)).toEqual([]);

    // more matching work after completion changes nothing
    await raiseAndClear('eng', 'critical');
    expect((await mission('eng', m.id)).mine?.progress).toBe(2);
    const again = await getJson<{ entries: LedgerEntryView[] }>(t.url, '/api/me/ledger?limit=100', { cookie: cookies.eng ?? '' });
    expect(again.body.entries.filter((e) => e.ruleId === `mission:${m.id}`)).toHaveLength(1);
    const total = (await t.server.repos.ledger.totalsByPerson()).get('p-eng');
    expect(await t.server.repos.leaderboard.pointsOf('individual', 'all', 'all', 'p-eng')).toBe(total);
    expect(t.server.db.prepare('SELECT count(*) AS n FROM ledger WHERE entry_id = ?').get(rewardId)).toEqual({ n: 1 });

    const feed = await getJson<{ items: FeedItem[] }>(t.url, '/api/feed?limit=50', { cookie: cookies.eng ?? '' });
    expect(feed.body.items.find((f) => f.kind === 'mission')?.text).toContain('Eve Engineer completed the mission');
    expect((await t.server.repos.audit.recent(5, 'mission.completed')).map((a) => a.targetId)).toContain(m.id);
  });

  it('a consecutive run breaks on a critical resolved outside its target', async () => {
    const m = (await create('lead', { templateId: 'critical-sla-week', target: 5, audience: { kind: 'people', personIds: ['p-eng2'] } })).body;
    await raiseAndClear('eng2', 'critical');
    await raiseAndClear('eng2', 'critical');
    expect((await mission('eng2', m.id)).mine?.progress).toBe(2);
    // a clear six hours after the raise misses a critical's resolution target
    const key = uniqueKey('LATE');
    await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-7 * 60 * 60_000), attributes: { perceivedSeverity: 'critical', title: 'late' } });
    await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(-60_000), actor: 'eng2' });
    expect((await mission('eng2', m.id)).mine?.progress).toBe(0);
  });

  it('a clear reversed by a re-raise within the flap window takes its contribution back', async () => {
    const m = (
      await create('lead', { title: 'Clear five alarms', criteria: { stream: 'alarm', effect: 'resolved', counting: 'count', conditions: [] }, target: 5, rewardPoints: 10, audience: { kind: 'people', personIds: ['p-eng2'] } })
    ).body;
    expect(m.templateId).toBeUndefined();
    const key = uniqueKey('FLAP');
    await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-10 * 60_000), attributes: { perceivedSeverity: 'major', title: 'flappy' } });
    await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(-5 * 60_000), actor: 'eng2' });
    expect((await mission('eng2', m.id)).mine?.progress).toBe(1);
    const reraised = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-2 * 60_000), attributes: { perceivedSeverity: 'major', title: 'flappy' } });
    expect(reraised.status).toBe(201);
    const reversals = t.server.db.prepare("SELECT count(*) AS n FROM ledger WHERE item_key LIKE ? AND reversal_of IS NOT NULL").get(`%${key}`) as { n: number };
    expect(reversals.n).toBeGreaterThan(0);
    expect((await mission('eng2', m.id)).mine?.progress).toBe(0);
    // cleared again: it counts again
    await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(-60_000), actor: 'eng2' });
    expect((await mission('eng2', m.id)).mine?.progress).toBe(1);
  });

  it('work outside the mission window does not count', async () => {
    const m = (
      await create('lead', {
        title: 'Future clears',
        criteria: { stream: 'alarm', effect: 'resolved', counting: 'count', conditions: [] },
        target: 3,
        startsAt: isoFromNow(60 * 60_000),
        endsAt: isoFromNow(2 * 60 * 60_000),
        audience: { kind: 'people', personIds: ['p-eng'] },
      })
    ).body;
    await raiseAndClear('eng', 'minor');
    expect((await mission('eng', m.id)).mine?.progress).toBe(0);
  });

  it('a team mission: the team room hears progress; every member who contributed is rewarded', async () => {
    const m = (await create('lead', { templateId: 'protect-customers', target: 100, rewardPoints: 40 })).body;
    expect(m.scope).toBe('team');
    const leadSocket = liveSocket(t.url, cookies.lead);
    open.push(leadSocket);
    await connected(leadSocket);
    const seen: MissionProgressEvent[] = [];
    leadSocket.on('mission:progress', (p) => seen.push(p));
    await raiseAndClear('eng', 'major', { serviceAffecting: true, customersAffected: 60 });
    await waitFor(() => seen.find((e) => e.missionId === m.id && e.progress === 60), 'team progress on the team room', 3000);
    expect((await mission('lead', m.id)).mine).toEqual({ participantId: 't-noc', progress: 60, completed: false });
    await raiseAndClear('eng2', 'major', { serviceAffecting: true, customersAffected: 50 });
    const done = await mission('eng2', m.id);
    expect(done.mine?.completed).toBe(true);
    expect(done.status).toBe('completed');
    const rewarded = t.server.db.prepare('SELECT person_id, points FROM ledger WHERE rule_id = ? ORDER BY person_id').all(`mission:${m.id}`);
    expect(rewarded).toEqual([
      { person_id: 'p-eng', points: 40 },
      { person_id: 'p-eng2', points: 40 },
    ]);
  });

  it('a reward badge is recorded on completion, and a mission.completed webhook is queued', async () => {
    const hook = await postJson<{ id: string }>(t.url, '/api/admin/webhooks', { name: 'missions', url: 'http://127.0.0.1:9/hook', events: ['mission.completed'] }, { cookie: cookies.admin ?? '' });
    expect(hook.status).toBe(201);
    const proposal = await postJson<{ id: string }>(
      t.url,
      '/api/proposals/badges',
      { name: 'Mission Ace', description: 'Given for missions', icon: 'trophy', criteria: { stream: 'order', effect: 'resolved', counting: 'count', conditions: [] }, threshold: 1000, bonusPoints: 0 },
      { cookie: cookies.eng ?? '' },
    );
    expect((await postJson(t.url, `/api/proposals/${proposal.body.id}/approve`, { reason: 'for missions' }, { cookie: cookies.lead ?? '' })).status).toBe(200);
    const m = (
      await create('lead', {
        title: 'One minor',
        criteria: { stream: 'alarm', effect: 'resolved', counting: 'count', conditions: [{ kind: 'severityIn', values: ['minor'] }] },
        target: 1,
        rewardPoints: 5,
        rewardBadgeId: 'custom-mission-ace',
        audience: { kind: 'people', personIds: ['p-eng'] },
      })
    ).body;
    expect(m.rewardBadge).toEqual({ id: 'custom-mission-ace', name: 'Mission Ace', icon: 'trophy' });
    await raiseAndClear('eng', 'minor');
    expect((await mission('eng', m.id)).mine?.completed).toBe(true);
    expect((await t.server.repos.progress.find('p-eng'))?.badges['custom-mission-ace']).toBeTypeOf('number');
    const queued = t.server.db.prepare("SELECT payload FROM deliveries WHERE event_type = 'mission.completed'").all() as { payload: string }[];
    const bodies = queued.map((q) => JSON.parse(q.payload) as { type: string; id: string; data: { missionId: string; username?: string } });
    expect(bodies.find((b) => b.data.missionId === m.id)).toMatchObject({ type: 'mission.completed', id: `${m.id}:p-eng`, data: { username: 'eng', scope: 'person' } });
  });

  it('a failure in mission progress rolls back only its own writes: the work itself is stored', async () => {
    const m = (await create('lead', { title: 'Any clear', criteria: { stream: 'alarm', effect: 'resolved', counting: 'count', conditions: [] }, target: 9, audience: { kind: 'people', personIds: ['p-eng2'] } })).body;
    const repo = t.server.repos.missions;
    const original = repo.saveProgress.bind(repo);
    repo.saveProgress = () => {
      throw new Error('disk on fire');
    };
    const key = await raiseAndClear('eng2', 'minor').finally(() => {
      repo.saveProgress = original;
    });
    expect((await t.server.repos.workItems.findByKey(`alarm:nms:${key}`))?.item.open).toBe(false);
    expect((await mission('eng2', m.id)).mine?.progress).toBe(0);
    expect(t.server.db.prepare('SELECT count(*) AS n FROM mission_contributions WHERE item_key = ?').get(`alarm:nms:${key}`)).toEqual({ n: 0 });
    await raiseAndClear('eng2', 'minor');
    expect((await mission('eng2', m.id)).mine?.progress).toBe(1);
  });

  it('editing creates a new version and keeps progress', async () => {
    const m = (await create('lead', { templateId: 'acks-within-target-week', target: 10, audience: { kind: 'people', personIds: ['p-eng'] } })).body;
    expect((await postJson(t.url, `/api/missions/${m.id}/versions`, { target: 12 }, { cookie: cookies.eng ?? '' })).status).toBe(403);
    const edited = await postJson<MissionView>(t.url, `/api/missions/${m.id}/versions`, { target: 12, title: 'Twelve quick acks' }, { cookie: cookies.lead ?? '' });
    expect(edited.status).toBe(201);
    expect(edited.body).toMatchObject({ id: m.id, version: 2, target: 12, title: 'Twelve quick acks', startsAt: m.startsAt, endsAt: m.endsAt, templateId: 'acks-within-target-week' });
    expect(await t.server.repos.missions.versions(m.id)).toEqual([1, 2]);
    expect((await postJson(t.url, '/api/missions/m-nope/versions', { target: 12 }, { cookie: cookies.lead ?? '' })).status).toBe(404);
  });
});
