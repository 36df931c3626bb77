import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CreatedWebhook, LeaderboardView } from '@opsquest/contracts';
import { connected, getJson, liveSocket, postJson, uniqueKey, waitFor, type LiveSocket } from '../test-support/http';
import { describeWithPostgres } from '../test-support/postgres/describe-with-postgres';
import type { ThrowawayPostgres } from '../test-support/postgres/throwaway-postgres';
import { login, postEvents, startTestServer, type TestServer } from '../test-support/test-server';
import { checkConsistency } from './services/views/consistency.service';

interface Delivered {
  type: string;
  /** the award's id (its ledger entry for points.awarded) */
  id: string;
}

/** A webhook endpoint that records every award it is sent (by its ledger entry). */
async function startHookReceiver(): Promise<{ url: string; received: Delivered[]; close(): Promise<void> }> {
  const received: Delivered[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const payload = JSON.parse(body) as Delivered;
      received.push({ type: payload.type, id: payload.id });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * Two OpsQuest nodes on one PostgreSQL database behave as one: events posted to either are scored
 * once, both answer the same boards, a browser on one hears what the other committed, a rule set
 * published on one scores on the other, a webhook goes out once, and a logout on one closes the
 * person's sockets on the other.
 */
describeWithPostgres('two nodes on one PostgreSQL', (server: () => ThrowawayPostgres) => {
  let a: TestServer;
  let b: TestServer;
  let hook: Awaited<ReturnType<typeof startHookReceiver>>;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    const databaseUrl = await server().createDatabase();
    // no grace: a node relays a live message only to rooms the other has told it about
    a = await startTestServer({ config: { databaseUrl, deliveryPeriodMs: 100, clusterRoomsGraceMs: 0 } });
    b = await startTestServer({ config: { databaseUrl, deliveryPeriodMs: 100, clusterRoomsGraceMs: 0 }, people: false });
    hook = await startHookReceiver();
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([a?.close(), b?.close()]);
    await hook?.close();
  });

  const clearAlarm = (key: string, actor: string, minutesAgo = 1) => {
    const base = { source: 'nms', stream: 'alarm', externalKey: key } as const;
    return [
      { ...base, transition: 'raised', occurredAt: new Date(Date.now() - (minutesAgo + 2) * 60_000).toISOString(), attributes: { perceivedSeverity: 'major' } },
      { ...base, transition: 'cleared', occurredAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(), actor },
    ];
  };

  it('events posted round-robin to both nodes are stored once each; both answer the same leaderboard; the store is consistent', async () => {
    const nodes = [a, b];
    const bodies = Array.from({ length: 40 }, (_, i) => clearAlarm(uniqueKey(`RR-${i}`), i % 3 === 0 ? 'eng2' : 'eng'));
    const sends = bodies.map((body, i) => postEvents(nodes[i % 2]!.url, body));
    // and every event once more, to the other node: duplicates, never paid twice
    const again = bodies.map((body, i) => postEvents(nodes[(i + 1) % 2]!.url, body));
    const answers = await Promise.all([...sends, ...again]);
    expect(answers.map((r) => r.status).every((s) => s === 201 || s === 200)).toBe(true);
    expect(await a.server.repos.events.count()).toBe(80);

    const cookieA = await login(a.url, 'lead');
    const cookieB = await login(b.url, 'lead');
    const path = '/api/leaderboard?scope=individual&window=all&league=all&limit=10';
    const boardA = await getJson<LeaderboardView>(a.url, path, { cookie: cookieA });
    const boardB = await getJson<LeaderboardView>(b.url, path, { cookie: cookieB });
    expect(boardA.status).toBe(200);
    expect(boardA.body.entries.length).toBeGreaterThan(0);
    expect(boardB.body.entries).toEqual(boardA.body.entries);
    const report = await checkConsistency(a.server.repos, a.server.services.engine);
    expect(report.ok).toBe(true);
  });

  it("a browser connected to node B hears the awards node A committed, and the boards B serves move with them", async () => {
    const cookie = await login(b.url, 'eng');
    const socket = liveSocket(b.url, cookie);
    sockets.push(socket);
    const awards: number[] = [];
    socket.on('points:awarded', ({ xp }) => awards.push(xp));
    await connected(socket);
    const lead = await login(b.url, 'lead');
    const path = '/api/leaderboard?scope=individual&window=all&league=all&limit=10';
    const before = (await getJson<LeaderboardView>(b.url, path, { cookie: lead })).body.entries.find((e) => e.id === 'p-eng')?.points ?? 0;
    expect((await postEvents(a.url, clearAlarm(uniqueKey('LIVE'), 'eng'))).status).toBe(201);
    await waitFor(() => (awards.length > 0 ? true : undefined), 'points:awarded on node B for a commit on node A');
    const after = await waitFor(async () => {
      const points = (await getJson<LeaderboardView>(b.url, path, { cookie: lead })).body.entries.find((e) => e.id === 'p-eng')?.points ?? 0;
      return points > before ? points : undefined;
    }, "node B's board moving with node A's commit");
    expect(after).toBeGreaterThan(before);
  });

  it('a rule set published on node A scores the next event on node B', async () => {
    const lead = await login(a.url, 'lead');
    const published = await postJson<{ version: number }>(a.url, '/api/rules/publish', { draft: { rules: [{ id: 'alarm.clear', basePoints: 77, multipliers: [] }] }, reason: 'cluster test' }, { cookie: lead });
    expect(published.status).toBe(201);
    const key = uniqueKey('RULES');
    expect((await postEvents(b.url, clearAlarm(key, 'eng'))).status).toBe(201);
    const clears = (await a.server.repos.ledger.recentForPerson('p-eng', 50)).filter((e) => e.itemKey === `alarm:nms:${key}` && e.ruleId === 'alarm.clear');
    expect(clears).toHaveLength(1);
    expect(clears[0]?.points).toBe(77);
    expect(b.server.services.rulebook.version).toBe(published.body.version);
  });

  it('a webhook endpoint receives each award once, whichever node scored it', async () => {
    const admin = await login(a.url, 'admin');
    const created = await postJson<CreatedWebhook>(a.url, '/api/admin/webhooks', { name: 'once', url: hook.url, events: ['points.awarded'] }, { cookie: admin });
    expect(created.status).toBe(201);
    const keys = Array.from({ length: 10 }, (_, i) => uniqueKey(`HOOK-${i}`));
    // three people, so no one's burst of clears is held for review
    await Promise.all(keys.map((key, i) => postEvents((i % 2 ? a : b).url, clearAlarm(key, ['eng', 'eng2', 'tech'][i % 3]!))));
    const ledger = await Promise.all(['p-eng', 'p-eng2', 'p-tech'].map((p) => a.server.repos.ledger.recentForPerson(p, 500)));
    const expected = ledger.flat().filter((e) => keys.some((k) => e.itemKey === `alarm:nms:${k}`)).length;
    expect(expected).toBeGreaterThanOrEqual(5);
    const awards = () => hook.received.filter((d) => d.type === 'points.awarded');
    await waitFor(() => (awards().length >= expected ? true : undefined), 'every award delivered', 10_000, 50);
    // a little longer: a second node sending the same delivery again would show now
    await new Promise((r) => setTimeout(r, 500));
    const entryIds = awards().map((d) => d.id);
    expect(new Set(entryIds).size).toBe(entryIds.length);
    expect(entryIds).toHaveLength(expected);
  });

  it('a login lockout counts failures on both nodes: five wrong passwords spread over A and B lock the account on both, the right password included', async () => {
    const attempt = (node: TestServer, password: string) =>
      fetch(`${node.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'eng2', password }) });
    const statuses: number[] = [];
    for (const node of [a, b, a, b, a]) statuses.push((await attempt(node, 'wrong password')).status);
    // the fifth failure (its third on A, but the fifth in all) is the one that locks
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    for (const node of [a, b]) {
      const locked = await attempt(node, 'correct horse battery');
      expect(locked.status).toBe(429);
      expect(((await locked.json()) as { error?: string }).error).toBe('account_locked');
    }
  });

  it("logging out on node B closes the person's sockets on node A", async () => {
    const res = await fetch(`${b.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'tech', password: 'correct horse battery' }) });
    const setCookies = res.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith('opsquest_session='))?.split(';')[0] ?? '';
    const csrf = setCookies.find((c) => c.startsWith('opsquest_csrf='))?.split(';')[0] ?? '';
    const socket = liveSocket(a.url, session);
    sockets.push(socket);
    await connected(socket);
    let closedReason = '';
    socket.on('disconnect', (reason) => (closedReason = reason));
    const out = await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: { cookie: `${session}; ${csrf}`, 'x-csrf-token': csrf.split('=')[1] ?? '' } });
    expect(out.status).toBeLessThan(300);
    await waitFor(() => (closedReason ? true : undefined), 'the socket on node A closed');
    expect(closedReason).toBe('io server disconnect');
  });
});
