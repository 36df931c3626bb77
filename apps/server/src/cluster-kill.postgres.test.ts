import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeConfig } from '@opsquest/core';
import { buildServerEntry, killAllServers, spawnStandby, type CrashServer, type ServerEntry } from '../../../scripts/crash/crash-server-process';
import { BENCH_PASSWORD } from '../../../scripts/bench/bench-kit';
import { CRASH_API_KEY } from '../../../scripts/crash/crash-server-main';
import { startProxy, type RunningProxy } from '../../../scripts/cluster/proxy';
import { freePort } from '../test-support/free-port';
import { describeWithPostgres } from '../test-support/postgres/describe-with-postgres';
import type { ThrowawayPostgres } from '../test-support/postgres/throwaway-postgres';
import { createPostgresRepositories } from './db/postgres/create-postgres-stores';
import { createPgPool } from './db/postgres/pool.postgres';
import { createServices } from './services';
import { checkConsistency } from './services/views/consistency.service';

const KILLS = 4;
const CLIENTS = 6;

interface Node {
  port: number;
  server: CrashServer;
}

/**
 * SIGKILL under load, on a cluster: two real node processes on one PostgreSQL database behind the
 * proxy `npm run cluster` uses, HTTP clients sending events through it (resending what got no
 * answer, as a sender does), and each node in turn killed and restarted. Every acknowledged event
 * is stored exactly once, the consistency checker finds no difference, and a browser's socket
 * reconnects to the surviving node within 5 s.
 */
describeWithPostgres('two nodes, one killed under load, again and again', (server: () => ThrowawayPostgres) => {
  let entry: ServerEntry;
  let databaseUrl: string;
  const nodes: Node[] = [];
  let proxy: RunningProxy;

  const startNode = async (port: number): Promise<CrashServer> => spawnStandby(entry, '/nonexistent/unused.db', port, { DATABASE_URL: databaseUrl }).start(90_000);

  beforeAll(async () => {
    entry = await buildServerEntry();
    databaseUrl = await server().createDatabase();
    // the first node migrates and inserts the organisation alone
    for (let i = 0; i < 2; i += 1) {
      const port = await freePort();
      nodes.push({ port, server: await startNode(port) });
    }
    proxy = await startProxy({ port: 0, upstreams: nodes.map((n) => ({ host: '127.0.0.1', port: n.port })) });
  }, 180_000);
  afterAll(async () => {
    await proxy?.close();
    await Promise.all(nodes.map((n) => n.server.stop().catch(() => undefined)));
    killAllServers();
    entry?.dispose();
  });

  it('stores every acknowledged event once, passes the consistency check, and sockets reconnect within 5 s', async () => {
    const acked = new Set<string>();
    let sent = 0;
    let retried = 0;
    let stop = false;
    const post = async (body: unknown): Promise<{ eventKey: string }[] | undefined> => {
      try {
        const res = await fetch(`${proxy.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${CRASH_API_KEY}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
        if (res.status !== 201 && res.status !== 200) return undefined;
        return ((await res.json()) as { results: { eventKey: string }[] }).results;
      } catch {
        return undefined;
      }
    };
    const client = async (c: number): Promise<void> => {
      for (let i = 0; !stop; i += 1) {
        const key = `KILL-${c}-${i}`;
        const at = Date.now();
        const body = [
          { source: 'nms', stream: 'alarm', externalKey: key, transition: 'raised', occurredAt: new Date(at - 120_000).toISOString(), attributes: { perceivedSeverity: 'major' } },
          { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: new Date(at - 60_000).toISOString(), actor: `bench${(c * 7 + i) % 40}` },
        ];
        sent += 1;
        // no answer: the sender sends the same events again until one comes (duplicates are recognised)
        for (let attempt = 0; ; attempt += 1) {
          const results = await post(body);
          if (results) {
            for (const r of results) acked.add(r.eventKey);
            break;
          }
          retried += 1;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };

    // a browser through the proxy (signed in there), reconnecting as the console does
    const login = await fetch(`${proxy.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench1', password: BENCH_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('opsquest_session='))?.split(';')[0] ?? '';
    const socket = connect(proxy.url, { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 500, extraHeaders: { cookie } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const reconnects: number[] = [];
    let lostAt = 0;
    socket.on('disconnect', () => (lostAt = Date.now()));
    socket.io.on('reconnect', () => reconnects.push(Date.now() - lostAt));

    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    for (let k = 0; k < KILLS; k += 1) {
      await new Promise((r) => setTimeout(r, 1500));
      const victim = nodes[k % 2]!;
      await victim.server.kill();
      await new Promise((r) => setTimeout(r, 1000));
      victim.server = await startNode(victim.port);
    }
    await new Promise((r) => setTimeout(r, 1000));
    stop = true;
    await load;
    socket.close();

    const pool = createPgPool(databaseUrl, 3);
    try {
      const stored = await pool.query<{ event_key: string; n: number }>("SELECT event_key, count(*)::int AS n FROM events WHERE via = 'api' GROUP BY event_key");
      const counts = new Map(stored.rows.map((r) => [r.event_key, r.n]));
      const missing = [...acked].filter((k) => !counts.has(k));
      expect(missing).toEqual([]);
      expect(stored.rows.filter((r) => r.n > 1)).toEqual([]);
      expect(acked.size).toBeGreaterThan(50);
    // the socket's node was killed at least once (both were); each time it was back within 5 s
    expect(reconnects.length).toBeGreaterThan(0);
    for (const ms of reconnects) expect(ms).toBeLessThan(5000);
      expect(retried).toBeGreaterThan(0);
      const engine = makeConfig({ timeZone: 'UTC' });
      const repos = createPostgresRepositories(pool, engine.atRiskPct);
      const report = await checkConsistency(repos, (await createServices(repos, engine, Date.now)).engine);
      expect({ leaderboard: report.leaderboardMismatches, xp: report.xpMismatches, replay: report.replayMismatches.slice(0, 5), ok: report.ok }).toEqual({ leaderboard: [], xp: [], replay: [], ok: true });
    } finally {
      await pool.end();
    }
    console.log(`cluster kill test: ${sent} requests, ${acked.size} events acknowledged, ${retried} resends, ${KILLS} kills, socket reconnects after ${reconnects.join(', ')} ms, requests per node ${proxy.served.join('/')}`);
  }, 240_000);
});
