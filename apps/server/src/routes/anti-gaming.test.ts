import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, WithheldAwardView, WorkActionResult, WorkItemView } from '@opsquest/contracts';
import { fieldPaths, getJson, isoFromNow, postJson, uniqueKey } from '../../test-support/http';
import { checkConsistency } from '../services/views/consistency.service';
import { sampleAlarmCreate } from '../../test-support/fixtures/tmf642.fixtures';
import { login, postEvents, startTestServer, TEST_API_KEY, type TestServer } from '../../test-support/test-server';

interface IngestBody {
  stored: number;
  results: { applied: boolean; points: number; reason?: string }[];
}

/**
 * Trying to farm the game as a hostile user would, through the public HTTP API on a real SQLite
 * file: every hole found (backdated actions, any source date, held work earning downstream, a clear
 * with no raise, empty follow-ups, unknown actors, undoing someone else's acknowledgement) is closed.
 */
describe('anti-gaming: the game pays only for real work', () => {
  let t: TestServer;
  const cookies: Record<'eng' | 'eng2' | 'tech' | 'lead', string> = { eng: '', eng2: '', tech: '', lead: '' };
  beforeAll(async () => {
    // a burst is more than 3 scored actions in an hour here
    t = await startTestServer({ engine: { burst: { minPerHour: 3, factor: 3 } } });
    for (const name of Object.keys(cookies) as (keyof typeof cookies)[]) cookies[name] = await login(t.url, name);
  });
  afterAll(async () => {
    await t.close();
  });

  const itemByKey = async (externalKey: string): Promise<WorkItemView | undefined> => {
    const items = (await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?state=all&limit=500', { cookie: cookies.lead })).body.items;
    return items.find((i) => i.externalKey === externalKey);
  };
  const raise = async (externalKey: string, occurredAt: string, severity = 'critical'): Promise<number> => {
    const res = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt, attributes: { perceivedSeverity: severity, title: `Alarm ${externalKey}` } });
    expect(res.status).toBe(201);
    const found = await itemByKey(externalKey);
    if (!found) throw new Error('raised alarm not listed');
    return found.id;
  };
  const act = (id: number, body: Record<string, unknown>, cookie: string) => postJson<WorkActionResult & ApiError>(t.url, `/api/work-items/${id}/actions`, body, { cookie });
  const points = async (personId: string): Promise<number> => (await t.server.repos.ledger.totalsByPerson()).get(personId) ?? 0;

  it('a console action cannot be backdated: occurredAt is refused (400 naming it) and nothing is stored', async () => {
    const key = uniqueKey('BACK');
    const id = await raise(key, isoFromNow(-6 * 3_600_000));
    const before = await points('p-eng');
    const res = await act(id, { action: 'clear', occurredAt: isoFromNow(-6 * 3_600_000 + 60_000) }, cookies.eng);
    expect(res.status).toBe(400);
    expect(fieldPaths(res.body)).toContain('body.occurredAt');
    expect((await itemByKey(key))?.status).not.toBe('cleared');
    expect(await points('p-eng')).toBe(before);
    // an engineer cannot claim to have been offline either: only a technician's queued truck-roll action can
    const offline = await act(id, { action: 'clear', occurredAt: isoFromNow(-60_000), offline: { since: isoFromNow(-120_000) } }, cookies.eng);
    expect(offline.status).toBe(400);
    expect(fieldPaths(offline.body)).toContain('body.occurredAt');
    // the clear made now is recorded at the server's time: hours after the raise, so it breached its SLA
    const now = await act(id, { action: 'clear' }, cookies.eng);
    expect(now.status).toBe(200);
    expect(Date.parse(now.body.item.sla.resolution.stoppedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it("an offline technician's action keeps its time only within the outbox's record and after the last change", async () => {
    const key = uniqueKey('TR');
    const opened = isoFromNow(-3 * 3_600_000);
    expect((await postEvents(t.url, { source: 'ffm', stream: 'truckroll', externalKey: key, transition: 'open', occurredAt: opened, attributes: { title: `Visit ${key}`, technician: 'tech' } })).status).toBe(201);
    const id = (await itemByKey(key))?.id ?? 0;
    const before = await act(id, { action: 'dispatch', occurredAt: isoFromNow(-4 * 3_600_000), offline: { since: isoFromNow(-5 * 3_600_000) } }, cookies.tech);
    expect(before.status).toBe(400);
    expect(fieldPaths(before.body)).toContain('body.occurredAt');
    const tooLong = await act(id, { action: 'dispatch', occurredAt: isoFromNow(-60_000), offline: { since: isoFromNow(-30 * 24 * 3_600_000) } }, cookies.tech);
    expect(tooLong.status).toBe(400);
    expect(fieldPaths(tooLong.body)).toContain('body.offline.since');
    const outside = await act(id, { action: 'dispatch', occurredAt: isoFromNow(-2 * 3_600_000), offline: { since: isoFromNow(-60_000) } }, cookies.tech);
    expect(outside.status).toBe(400);
    const queued = isoFromNow(-30 * 60_000);
    const ok = await act(id, { action: 'dispatch', occurredAt: queued, offline: { since: isoFromNow(-40 * 60_000) } }, cookies.tech);
    expect(ok.status).toBe(200);
    const timeline = await getJson<{ events: { transition: string; at: string }[] }>(t.url, `/api/work-items/${id}/timeline`, { cookie: cookies.tech });
    expect(timeline.body.events.find((e) => e.transition === 'dispatched')?.at).toBe(new Date(Date.parse(queued)).toISOString());
    // the visit is completed; an "on site" queued offline before that is not slipped in before the
    // completion to collect "on site on time": it is a 409 and nothing is stored
    expect((await act(id, { action: 'complete' }, cookies.tech)).status).toBe(200);
    const paidBefore = await points('p-tech');
    const slipped = await act(id, { action: 'onSite', occurredAt: isoFromNow(-20 * 60_000), offline: { since: isoFromNow(-25 * 60_000) } }, cookies.tech);
    expect(slipped.status).toBe(409);
    expect(await points('p-tech')).toBe(paidBefore);
    const after = await getJson<{ events: { transition: string }[] }>(t.url, `/api/work-items/${id}/timeline`, { cookie: cookies.tech });
    expect(after.body.events.filter((e) => e.transition === 'onSite')).toEqual([]);
  });

  it('source times ahead of the server clock are refused (400 naming the field) and nothing of the request is stored', async () => {
    const key = uniqueKey('FUT');
    const single = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: '2099-01-01T00:00:00Z' });
    expect(single.status).toBe(400);
    expect(fieldPaths(await single.json())).toContain('body.occurredAt');
    const batch = await postEvents(t.url, [
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-60_000) },
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(3_600_000), actor: 'eng' },
    ]);
    expect(batch.status).toBe(400);
    expect(fieldPaths(await batch.json())).toContain('body[1].occurredAt');
    expect(await itemByKey(key)).toBeUndefined();
    // within the allowed skew an event counts at its receive time: no window moves into the future
    const skewed = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(120_000) });
    expect(skewed.status).toBe(201);
    expect(Date.parse((await itemByKey(key))?.openedAt ?? '')).toBeLessThanOrEqual(Date.now());
  });

  it('work reported long after it happened (year 0001) is kept but pays nothing and moves no streak', async () => {
    const key = uniqueKey('OLD');
    const streakBefore = (await t.server.repos.progress.find('p-eng2'))?.streak;
    const before = await points('p-eng2');
    const res = await postEvents(t.url, [
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: '0001-01-01T00:00:00Z', attributes: { perceivedSeverity: 'critical' } },
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: '0001-01-01T00:05:00Z', actor: 'eng2' },
    ]);
    expect(res.status).toBe(201);
    const body = (await res.json()) as IngestBody;
    expect(body.results.map((r) => r.points)).toEqual([0, 0]);
    expect(await points('p-eng2')).toBe(before);
    expect((await t.server.repos.progress.find('p-eng2'))?.streak).toEqual(streakBefore);
  });

  it('a clear with no raise pays nothing; the raise that arrives later is accepted and the work pays as in order', async () => {
    const key = uniqueKey('NORAISE');
    const before = await points('p-eng2');
    const clear = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(-60_000), actor: 'eng2', attributes: { alarmRaisedTime: isoFromNow(-120_000) } });
    expect(clear.status).toBe(201);
    const cleared = (await clear.json()) as IngestBody;
    expect(cleared.results[0]).toMatchObject({ applied: false, points: 0 });
    expect(await points('p-eng2')).toBe(before);
    expect(await itemByKey(key)).toBeUndefined();
    const raised = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-10 * 60_000), attributes: { perceivedSeverity: 'major' } });
    expect(raised.status).toBe(201);
    expect(((await raised.json()) as IngestBody).results[0]?.applied).toBe(true);
    const item = await itemByKey(key);
    expect(item?.status).toBe('cleared');
    expect(await points('p-eng2')).toBeGreaterThan(before);
  });

  it('an alarm created through TMF642 already cleared (or acknowledged) pays the named person nothing', async () => {
    const before = await points('p-eng2');
    const res = await postJson(t.url, '/tmf-api/alarm/v4/alarm', sampleAlarmCreate({ externalAlarmId: uniqueKey('TMFCLR'), perceivedSeverity: 'critical', state: 'cleared', alarmRaisedTime: isoFromNow(-120_000), alarmClearedTime: isoFromNow(-60_000), clearUserId: 'eng2', ackState: 'acknowledged', ackUserId: 'eng2' }), { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(res.status).toBe(201);
    expect(await points('p-eng2')).toBe(before);
  });

  it('a raise older than the clear of a closed alarm is accepted as a repeat: the clear still holds', async () => {
    const key = uniqueKey('LATE');
    await raise(key, isoFromNow(-30 * 60_000), 'minor');
    await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(-10 * 60_000) });
    const late = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-20 * 60_000) });
    expect(((await late.json()) as IngestBody).results[0]?.applied).toBe(true);
    const item = await itemByKey(key);
    expect(item?.status).toBe('cleared');
    expect(item?.count).toBe(2);
  });

  it('an acknowledgement pays only for real follow-up: "." or a repeated note does not confirm it', async () => {
    const ids = [await raise(uniqueKey('DOT'), isoFromNow(-60_000)), await raise(uniqueKey('DOT'), isoFromNow(-60_000)), await raise(uniqueKey('DOT'), isoFromNow(-60_000))];
    for (const id of ids) expect((await act(id, { action: 'acknowledge' }, cookies.eng2)).status).toBe(200);
    const dot = await act(ids[0] ?? 0, { action: 'comment', notes: '.' }, cookies.eng2);
    expect(dot.status).toBe(200);
    expect(dot.body.awarded.map((e) => e.ruleId)).not.toContain('alarm.acknowledge');
    const filler = await act(ids[0] ?? 0, { action: 'comment', notes: 'ok ok ok ok ok ok ok ok' }, cookies.eng2);
    expect(filler.body.awarded.map((e) => e.ruleId)).not.toContain('alarm.acknowledge');
    const real = 'Checked the OLT card, resetting the port now';
    const first = await act(ids[1] ?? 0, { action: 'comment', notes: real }, cookies.eng2);
    expect(first.body.awarded.map((e) => e.ruleId)).toContain('alarm.acknowledge');
    const copied = await act(ids[2] ?? 0, { action: 'comment', notes: real.toUpperCase() }, cookies.eng2);
    expect(copied.body.awarded.map((e) => e.ruleId)).not.toContain('alarm.acknowledge');
  });

  it('an actor who is nobody we know is paid nothing and never becomes the assignee', async () => {
    const key = uniqueKey('GHOST');
    await raise(key, isoFromNow(-5 * 60_000));
    const res = await postEvents(t.url, [
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'acknowledged', occurredAt: isoFromNow(-4 * 60_000), actor: 'ghost' },
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: isoFromNow(-3 * 60_000), actor: 'ghost' },
    ]);
    const body = (await res.json()) as IngestBody;
    expect(body.results.map((r) => r.points)).toEqual([0, 0]);
    const item = await itemByKey(key);
    expect(item?.assignee).toBeUndefined();
    // an admin sees the name listed: nobody was paid for that work
    const admin = await login(t.url, 'admin');
    expect((await getJson(t.url, '/api/admin/unknown-actors', { cookie: cookies.lead })).status).toBe(403);
    const listed = await getJson<{ actors: { actor: string; events: number; vias: string[] }[] }>(t.url, '/api/admin/unknown-actors', { cookie: admin });
    expect(listed.body.actors.find((a) => a.actor === 'ghost')).toMatchObject({ events: 2, vias: ['api'] });
    expect(listed.body.actors.map((a) => a.actor)).not.toContain('eng');
    expect((await t.server.repos.workItems.findById(item?.id ?? 0))?.item.resolvedBy).toBeUndefined();
  });

  it("undoing an acknowledgement is for the person who made it (or a lead), not another engineer", async () => {
    const id = await raise(uniqueKey('UNACK'), isoFromNow(-60_000));
    expect((await act(id, { action: 'acknowledge' }, cookies.eng)).status).toBe(200);
    expect((await act(id, { action: 'unacknowledge' }, cookies.eng2)).status).toBe(403);
    expect((await act(id, { action: 'unacknowledge' }, cookies.lead)).status).toBe(200);
  });

  it('held work earns nothing downstream (no badge) and a rejection leaves no trace', async () => {
    const badgesBefore = Object.keys((await t.server.repos.progress.find('p-eng'))?.badges ?? {});
    const results: WorkActionResult[] = [];
    // badge counters, badges and the streak, without the burst check's own rate counters
    const downstream = async () => {
      const p = await t.server.repos.progress.find('p-eng');
      const counters = Object.fromEntries(Object.entries(p?.counters ?? {}).filter(([k]) => !k.startsWith('rate')));
      return { counters, badges: p?.badges, streak: p?.streak, xp: p?.xp };
    };
    let heldSeen = 0;
    for (let i = 0; i < 6; i += 1) {
      const id = await raise(uniqueKey('BURST'), isoFromNow(-60_000));
      const before = await downstream();
      const res = await act(id, { action: 'clear' }, cookies.eng);
      expect(res.status).toBe(200);
      results.push(res.body);
      if (res.body.withheld.some((w) => w.why === 'burst')) {
        heldSeen += 1;
        expect(await downstream()).toEqual(before);
      }
    }
    expect(heldSeen).toBeGreaterThan(0);
    const held = results.filter((r) => r.withheld.some((w) => w.why === 'burst'));
    expect(held.length).toBeGreaterThan(0);
    const queue = (await getJson<{ held: WithheldAwardView[] }>(t.url, '/api/review/held', { cookie: cookies.lead })).body.held.filter((h) => h.personId === 'p-eng');
    const before = await points('p-eng');
    const progressBefore = await t.server.repos.progress.find('p-eng');
    for (const h of queue) {
      const res = await postJson(t.url, `/api/review/held/${encodeURIComponent(h.entryId)}/reject`, { reason: 'Scripted, not real' }, { cookie: cookies.lead });
      expect(res.status).toBe(200);
    }
    expect(await points('p-eng')).toBe(before);
    expect(await t.server.repos.progress.find('p-eng')).toEqual(progressBefore);
    // badges earned, if any, came only from the clears that were scored, never from held ones
    const scored = results.filter((r) => r.awarded.length > 0).length;
    const badgesAfter = Object.keys((await t.server.repos.progress.find('p-eng'))?.badges ?? {});
    if (scored === 0) expect(badgesAfter).toEqual(badgesBefore);
    for (const r of held) expect(r.awarded.filter((e) => e.ruleId.startsWith('badge:'))).toEqual([]);
  });

  it('the consistency checker agrees with all of the above', async () => {
    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.streakMismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
