import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, WithheldAwardView, WorkActionResult, WorkItemView } from '@opsquest/contracts';
import { asApiError, connected, fieldPaths, getJson, isoFromNow, liveSocket, postJson, uniqueKey, waitFor } from '../../test-support/http';
import { checkConsistency } from '../services/views/consistency.service';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

describe('quality gates over HTTP: follow-up, bursts held for review, comments', () => {
  let t: TestServer;
  const cookies: Record<'eng' | 'eng2' | 'tech' | 'lead' | 'admin', string> = { eng: '', eng2: '', tech: '', lead: '', admin: '' };
  beforeAll(async () => {
    // a burst is more than 3 scored actions in an hour here
    t = await startTestServer({ engine: { burst: { minPerHour: 3, factor: 3 } } });
    for (const name of Object.keys(cookies) as (keyof typeof cookies)[]) cookies[name] = await login(t.url, name);
  });
  afterAll(async () => {
    await t.close();
  });

  const raise = async (severity = 'major'): Promise<number> => {
    const externalKey = uniqueKey('GATE');
    const res = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt: isoFromNow(-60_000), attributes: { perceivedSeverity: severity, title: `Gate ${externalKey}` } });
    expect(res.status).toBe(201);
    const items = (await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm&limit=500', { cookie: cookies.eng })).body.items;
    const found = items.find((i) => i.externalKey === externalKey);
    if (!found) throw new Error('raised alarm not listed');
    return found.id;
  };
  const act = (id: number, body: Record<string, unknown>, cookie: string) => postJson<WorkActionResult & ApiError>(t.url, `/api/work-items/${id}/actions`, body, { cookie });
  const ledgerPoints = async (personId: string) => (await t.server.repos.ledger.totalsByPerson()).get(personId) ?? 0;

  it('an acknowledgement says its points wait for a follow-up; a comment pays them', async () => {
    const id = await raise('critical');
    const before = await ledgerPoints('p-eng2');
    const ack = await act(id, { action: 'acknowledge' }, cookies.eng2);
    expect(ack.status).toBe(200);
    expect(ack.body.awarded.filter((e) => e.ruleId === 'alarm.acknowledge')).toEqual([]);
    expect(ack.body.pending).toEqual([expect.objectContaining({ points: expect.any(Number), reason: expect.stringMatching(/^Acknowledge an alarm/) })]);
    const comment = await act(id, { action: 'comment', notes: 'Fibre cut at the cabinet, crew on the way' }, cookies.eng2);
    expect(comment.status).toBe(200);
    expect(comment.body.awarded.map((e) => e.ruleId)).toContain('alarm.acknowledge');
    expect(comment.body.awarded.find((e) => e.ruleId === 'alarm.acknowledge')?.reason).toMatch(/confirmed by your comment/);
    expect(await ledgerPoints('p-eng2')).toBeGreaterThan(before);
  });

  it('a comment needs text (400 naming notes) and may not be posted on a cleared alarm (409)', async () => {
    const id = await raise();
    const empty = await act(id, { action: 'comment', notes: '   ' }, cookies.eng);
    expect(empty.status).toBe(400);
    expect(fieldPaths(empty.body)).toContain('body.notes');
    await act(id, { action: 'clear' }, cookies.eng);
    const late = await act(id, { action: 'comment', notes: 'too late' }, cookies.eng);
    expect(late.status).toBe(409);
  });

  it('a burst is held, shown to the person, and released or rejected by their own lead only', async () => {
    // leads and admins hear that the queue grew (no one's details), engineers do not
    const leadSocket = liveSocket(t.url, cookies.lead);
    const engSocket = liveSocket(t.url, cookies.eng2);
    await Promise.all([connected(leadSocket), connected(engSocket)]);
    const leadHeard: { teamIds: (string | null)[]; count: number }[] = [];
    const engHeard: unknown[] = [];
    leadSocket.on('review:held', (p) => leadHeard.push(p));
    engSocket.on('review:held', (p) => engHeard.push(p));
    const results: WorkActionResult[] = [];
    for (let i = 0; i < 5; i += 1) {
      const id = await raise();
      const res = await act(id, { action: 'clear' }, cookies.eng);
      expect(res.status).toBe(200);
      results.push(res.body);
    }
    const held = results.filter((r) => r.withheld.length > 0);
    expect(held.length).toBeGreaterThanOrEqual(1);
    expect(held[0]?.awarded).toEqual([]);
    expect(held[0]?.withheld[0]).toMatchObject({ why: 'burst', detail: expect.stringMatching(/Held for your lead to review/) });
    const heard = await waitFor(() => leadHeard[0], "the lead's review:held", 3000);
    expect(heard.teamIds).toEqual(['t-noc']);
    expect(engHeard).toEqual([]);
    leadSocket.close();
    engSocket.close();

    const mine = await getJson<{ withheld: WithheldAwardView[] }>(t.url, '/api/me/withheld', { cookie: cookies.eng });
    expect(mine.body.withheld.filter((w) => w.status === 'held').length).toBe(held.length);

    // engineers cannot review; a lead of another team sees nothing of this team
    expect((await getJson(t.url, '/api/review/held', { cookie: cookies.eng })).status).toBe(403);
    const queue = await getJson<{ held: WithheldAwardView[] }>(t.url, '/api/review/held', { cookie: cookies.lead });
    expect(queue.status).toBe(200);
    const first = queue.body.held.find((h) => h.personId === 'p-eng');
    if (!first) throw new Error('held award not in the lead queue');

    const noReason = await postJson(t.url, `/api/review/held/${encodeURIComponent(first.entryId)}/release`, {}, { cookie: cookies.lead });
    expect(noReason.status).toBe(400);
    expect(fieldPaths(noReason.body)).toContain('body.reason');

    const before = await ledgerPoints('p-eng');
    const released = await postJson<WithheldAwardView>(t.url, `/api/review/held/${encodeURIComponent(first.entryId)}/release`, { reason: 'Storm night: checked, all real' }, { cookie: cookies.lead });
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('released');
    expect(await ledgerPoints('p-eng')).toBe(before + first.points);
    const again = await postJson<ApiError>(t.url, `/api/review/held/${encodeURIComponent(first.entryId)}/release`, { reason: 'twice' }, { cookie: cookies.lead });
    expect(again.status).toBe(409);
    expect(asApiError(again.body).message).toMatch(/already decided/);
    const audit = await t.server.repos.audit.recent(5, 'points.');
    expect(audit[0]).toMatchObject({ action: 'points.released', actorId: 'p-lead', targetId: 'p-eng', reason: 'Storm night: checked, all real' });

    const history = (await getJson<{ entries: { reason: string; points: number }[] }>(t.url, '/api/me/ledger?limit=5', { cookie: cookies.eng })).body.entries;
    expect(history[0]?.reason).toMatch(/released by Leo Lead: Storm night/);
    // aggregates still equal the ledger, and the released entry is not mistaken for a replay mismatch
    const check = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(check.leaderboardMismatches).toEqual([]);
    expect(check.xpMismatches).toEqual([]);
    expect(check.replayMismatches).toEqual([]);
  });

  it('the unknown held id is 404', async () => {
    const res = await postJson(t.url, '/api/review/held/nope/reject', { reason: 'no such thing' }, { cookie: cookies.admin });
    expect(res.status).toBe(404);
  });
});
