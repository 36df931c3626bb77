import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, type LedgerEntryView, type WorkItemView } from '@opsquest/contracts';
import { connected, isoFromNow, liveSocket, uniqueKey, waitFor, type LiveSocket, requestHeaders } from '../../test-support/http';
import { login, postEvents, startTestServer, type TestServer } from '../../test-support/test-server';

interface Recorder {
  items: WorkItemView[][];
  points: { personId: string; entries: LedgerEntryView[]; xp: number }[];
  boards: unknown[];
}

function record(socket: LiveSocket): Recorder {
  const r: Recorder = { items: [], points: [], boards: [] };
  socket.on('workItem:changed', (p) => r.items.push(p.items));
  socket.on('points:awarded', (p) => r.points.push(p));
  socket.on('leaderboard:changed', (p) => r.boards.push(p));
  return r;
}

describe('socket.io live updates', () => {
  let t: TestServer;
  let engCookie: string;
  let eng2Cookie: string;
  const open: LiveSocket[] = [];
  const socketFor = (cookie?: string): LiveSocket => {
    const s = liveSocket(t.url, cookie);
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    // 50 clears by one person at once is a burst by default (held for review); this file tests fan-out.
    t = await startTestServer({ engine: { burst: { minPerHour: 1000, factor: 4 } } });
    engCookie = await login(t.url, 'eng');
    eng2Cookie = await login(t.url, 'eng2');
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a socket without a cookie, with a bogus session or a logged-out one', async () => {
    await expect(connected(socketFor())).rejects.toThrow('unauthorized');
    await expect(connected(socketFor(`${SESSION_COOKIE}=forged-token-forged-token`))).rejects.toThrow('unauthorized');
    await expect(connected(socketFor('other_cookie=1'))).rejects.toThrow('unauthorized');
    const cookie = await login(t.url, 'lead');
    await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: requestHeaders({ cookie }) });
    await expect(connected(socketFor(cookie))).rejects.toThrow('unauthorized');
    // a live session connects
    await expect(connected(socketFor(engCookie))).resolves.toBeUndefined();
  });

  it("sends workItem:changed to everyone, and points:awarded only to the person who earned them", async () => {
    const eng = socketFor(engCookie);
    const eng2 = socketFor(eng2Cookie);
    await Promise.all([connected(eng), connected(eng2)]);
    const engSeen = record(eng);
    const eng2Seen = record(eng2);

    const key = uniqueKey('LIVE');
    const raised = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: isoFromNow(-30_000), attributes: { perceivedSeverity: 'major', title: 'Live alarm' } });
    expect(raised.status).toBe(201);
    for (const seen of [engSeen, eng2Seen]) {
      const items = await waitFor(() => seen.items.find((batch) => batch.some((i) => i.externalKey === key)), 'workItem:changed', 3000);
      expect(items.find((i) => i.externalKey === key)).toMatchObject({ stream: 'alarm', status: 'raised', severity: 'major', open: true, title: 'Live alarm' });
    }
    // a raise earns no one anything
    expect(engSeen.points).toEqual([]);

    const eng2BoardsBefore = eng2Seen.boards.length;
    const acked = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'acknowledged', occurredAt: isoFromNow(-1000), actor: 'eng' });
    expect(acked.status).toBe(201);
    // An acknowledgement pays once work follows: the engineer's work note confirms it.
    const noted = await postEvents(t.url, { source: 'nms', stream: 'alarm', externalKey: key, transition: 'commented', occurredAt: isoFromNow(-500), actor: 'eng', attributes: { notes: 'Checking the far end' } });
    const ackPoints = ((await noted.json()) as { results: { points: number }[] }).results[0]?.points ?? 0;
    expect(ackPoints).toBeGreaterThan(0);
    const mine = await waitFor(() => engSeen.points[0], "eng's points:awarded", 3000);
    expect(mine.personId).toBe('p-eng');
    expect(mine.entries.map((e) => [e.personId, e.ruleId])).toEqual([['p-eng', 'alarm.acknowledge']]);
    expect(mine.entries.reduce((s, e) => s + e.points, 0)).toBe(ackPoints);
    expect(mine.xp).toBe((await t.server.repos.ledger.totalsByPerson()).get('p-eng'));
    // leaderboard:changed is emitted after points:awarded in the same flush, on the same connection:
    // once eng2 has it, eng2 would already have had any points message of that flush.
    await waitFor(() => (eng2Seen.boards.length > eng2BoardsBefore ? true : undefined), "eng2's leaderboard:changed", 3000);
    await waitFor(() => (eng2Seen.items.some((b) => b.some((i) => i.externalKey === key && i.ackState === 'acknowledged')) ? true : undefined), "eng2's workItem:changed for the ack", 3000);
    expect(eng2Seen.points).toEqual([]);

    // and the other way round
    const key2 = uniqueKey('LIVE');
    const engBoards = engSeen.boards.length;
    await postEvents(t.url, [
      { source: 'nms', stream: 'alarm', externalKey: key2, transition: 'raised', occurredAt: isoFromNow(-20_000) },
      { source: 'nms', stream: 'alarm', externalKey: key2, transition: 'cleared', occurredAt: isoFromNow(-500), actor: 'eng2' },
    ]);
    const theirs = await waitFor(() => eng2Seen.points[0], "eng2's points:awarded", 3000);
    expect(theirs.personId).toBe('p-eng2');
    expect(theirs.entries.every((e) => e.personId === 'p-eng2')).toBe(true);
    await waitFor(() => (engSeen.items.some((b) => b.some((i) => i.externalKey === key2 && !i.open)) ? true : undefined), "eng's workItem:changed for the clear", 3000);
    await waitFor(() => (engSeen.boards.length > engBoards ? true : undefined), "eng's leaderboard:changed for the clear", 3000);
    expect(engSeen.points).toHaveLength(1);
  });

  it('coalesces leaderboard:changed: 50 awarding events in one batch are a handful of messages', async () => {
    const socket = socketFor(engCookie);
    await connected(socket);
    const seen = record(socket);
    // 50 alarms raised and cleared by hand in one batch (a clear with no raise pays nothing)
    const events = Array.from({ length: 50 }, () => uniqueKey('STORM')).flatMap((externalKey) => [
      { source: 'nms', stream: 'alarm', externalKey, transition: 'raised', occurredAt: isoFromNow(-2000), attributes: { perceivedSeverity: 'minor' } },
      { source: 'nms', stream: 'alarm', externalKey, transition: 'cleared', occurredAt: isoFromNow(-1000), actor: 'eng' },
    ]);
    const res = await postEvents(t.url, events);
    const body = (await res.json()) as { stored: number; results: { points: number }[] };
    expect(body.stored).toBe(100);
    expect(body.results.filter((_r, i) => i % 2 === 1).every((r) => r.points > 0)).toBe(true);

    await waitFor(() => (seen.points.reduce((n, p) => n + p.entries.filter((e) => e.ruleId === 'alarm.clear').length, 0) >= 50 ? true : undefined), 'all 50 awards', 3000);
    // give any stragglers a few ticks (the tick is 20 ms) to arrive
    await new Promise((r) => setTimeout(r, 150));
    expect(seen.boards.length).toBeGreaterThanOrEqual(1);
    expect(seen.boards.length).toBeLessThanOrEqual(3);
    expect(seen.points.length).toBeLessThanOrEqual(3);
    const changed = seen.items.flat().filter((i) => events.some((e) => e.externalKey === i.externalKey));
    expect(new Set(changed.map((i) => i.externalKey)).size).toBe(50);
    expect(seen.items.length).toBeLessThanOrEqual(3);
  });
});
