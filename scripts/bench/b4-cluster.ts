/**
 * B4x live fan-out across two nodes (issue #17): B4's 1,000 socket.io clients, half connected to
 * node A and half to node B, two OpsQuest node processes on one PostgreSQL database, events posted
 * over real HTTP alternately to A and B. Measured as B4 does: from the ingest request's
 * acknowledgement (its HTTP response reaching us) to each client's receipt of the workItem:changed
 * and points:awarded messages, split by whether the client is on the node that ingested the event
 * or on the other one (which hears of it through @socket.io/postgres-adapter: the live hub relays
 * each tick as one cluster message, apps/server/src/socket/cluster.ts).
 *
 * - PostgreSQL: a throwaway server of our own (scripts/cluster/postgres-server.ts), durable settings,
 *   stopped at the end; its CPU is every backend's, from /proc (B9's postgresCpuSeconds).
 * - The nodes: bench-server-main.ts (the B2/B9 server process, production settings, live tick 150 ms)
 *   with DATABASE_URL; started one after the other, the first inserts the organisation and makes a
 *   session per person through the sessions repository (BENCH_SESSIONS); both print every committed
 *   batch's item versions and ledger entries with the event that made them (BENCH_OBSERVE), which
 *   the HTTP answers (one eventKey per event) tie to the moment the request was acknowledged.
 * - The clients: two of B4's clients processes (b4-clients.ts), one per node (each process takes one
 *   URL), each with a few clients that parse every message in full. Their distinct broadcasts are
 *   merged by their first item's version before B4's checks (b4-analysis.ts) run over all of them.
 * - The load: a batch of events (the fixed-seed Workload) POSTed to /api/events every `batchMs`,
 *   alternately to A and B, from this process (not awaited: a slow answer does not hold the next).
 *
 *   npx tsx scripts/bench/b4-cluster.ts      (npm run bench -- b4x; BENCH_SIZE=smoke: 20 clients,
 *                                            3 s, writes nothing; BENCH_WRITE=0: the full run, not written)
 * BENCH_CLIENTS, BENCH_FULL_CLIENTS, BENCH_PER_REQUEST, BENCH_BATCH_MS and BENCH_SECONDS override the size.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresUnavailable, startPostgresServer } from '../cluster/postgres-server';
import { startServer, type ServerProcess } from './b2-server-process';
import { analyse } from './b4-analysis';
import { Clients } from './b4-clients-process';
import { sleep } from './b4-server-probes';
import { postgresCpuSeconds } from './b9-postgres';
import { finish, freePort, writeSection } from './bench-kit';
import { BENCH_API_KEY, type BenchServerStats } from './bench-server-main';
import { Histogram } from './latency-histogram';
import { makeOrganisation, Workload } from './workload';
import { ackedKeys, b4xSize, cpuMs, isCommitted, isSessions, LIVE_TICK_MS, MAX_CATCH_UP, mergeClients, NODE_NAMES, newestOverwritten, rateOf, splitLatencies, type B4xResult, type B4xSize } from './b4-cluster-figures';
import { b4xReport } from './b4-cluster-report';

export { b4xSize } from './b4-cluster-figures';

export async function runB4x(size: B4xSize): Promise<B4xResult> {
  const why = postgresUnavailable();
  if (why) throw new Error(`B4x needs PostgreSQL: ${why}`);
  const loadAverage = loadavg()[0] ?? 0;
  const pgDir = mkdtempSync(join(tmpdir(), 'opsquest-b4x-pg-'));
  const nodeDir = mkdtempSync(join(tmpdir(), 'opsquest-b4x-'));
  const pg = startPostgresServer({ dir: pgDir, port: await freePort(), durable: true, maxConnections: 100 });
  const servers: ServerProcess[] = [];
  const clients: Clients[] = [];
  const killClients = (): void => {
    for (const c of clients) c.kill();
  };
  process.once('exit', killClients);
  try {
    execFileSync('psql', [pg.url(), '-q', '-c', 'CREATE DATABASE b4x']);
    const databaseUrl = pg.url('b4x');
    const pgData = join(pgDir, 'data');

    // What the nodes committed: each item version and ledger entry with the event that made it.
    const versions = new Map<string, { node: number; eventKey: string; seq: number }>();
    let commitSeq = 0;
    const entries = new Map<string, { node: number; personId: string; eventKey: string }>();
    const latest = new Map<number, number>();
    let sessions: { personId: string; cookie: string }[] = [];
    const onMessage =
      (node: number) =>
      (msg: Record<string, unknown>): boolean => {
        if (isCommitted(msg.benchCommitted)) {
          commitSeq += 1;
          for (const [id, updatedAt, eventKey] of msg.benchCommitted.items) {
            versions.set(`${id}@${updatedAt}`, { node, eventKey, seq: commitSeq });
            if ((latest.get(id) ?? -1) < updatedAt) latest.set(id, updatedAt);
          }
          for (const [entryId, personId, eventKey] of msg.benchCommitted.ledger) entries.set(entryId, { node, personId, eventKey });
          return true;
        }
        if (isSessions(msg.benchSessions)) {
          sessions = msg.benchSessions;
          return true;
        }
        return false;
      };
    // One after the other: the first migrates, inserts the organisation and makes the sessions.
    for (let node = 0; node < 2; node += 1) {
      const env: Record<string, string> = { DATABASE_URL: databaseUrl, BENCH_OBSERVE: '1', ...(node === 0 ? { BENCH_SESSIONS: String(size.clients) } : {}) };
      servers.push(await startServer(nodeDir, size.clients, undefined, { env, onMessage: onMessage(node) }));
    }
    if (sessions.length !== size.clients) throw new Error(`node A made ${sessions.length} sessions, not ${size.clients}`);
    // the socket.io adapters find each other by heartbeat (an initial one on start): give them a moment
    await sleep(1000);

    // Half the people on each node; each clients' process has some clients that parse everything.
    const halves = [sessions.filter((_, i) => i % 2 === 0), sessions.filter((_, i) => i % 2 === 1)];
    const connected = await Promise.all(
      halves.map((half, node) => {
        const c = new Clients();
        clients.push(c);
        const fullClients = Math.max(1, Math.floor(size.fullClients / 2) + (node === 0 ? size.fullClients % 2 : 0));
        return c.request({ type: 'start', url: `http://127.0.0.1:${servers[node]?.port ?? 0}`, clients: half, concurrency: 50, fullClients }, 'connected', 180_000);
      }),
    );

    // The load: a request every batchMs, alternately to A and B.
    const org = makeOrganisation(size.clients);
    const workload = new Workload({ org, start: Date.now() - 3_600_000, stepMs: 1000 / rateOf(size), prefix: `b4x-${Date.now().toString(36)}` });
    const acks = new Map<string, { at: number; node: number }>();
    const ack = new Histogram();
    const nodeRequests = [0, 0];
    const nodeEvents = [0, 0];
    const inFlight = new Set<Promise<void>>();
    let httpErrors = 0;
    const httpErrorSamples: string[] = [];
    let measureFrom = Number.POSITIVE_INFINITY;
    let measuredEvents = 0;
    const failed = (what: string): void => {
      httpErrors += 1;
      if (httpErrorSamples.length < 5) httpErrorSamples.push(what);
    };
    const post = async (node: number, body: string, measured: boolean): Promise<void> => {
      const t0 = Date.now();
      try {
        const res = await fetch(`http://127.0.0.1:${servers[node]?.port ?? 0}/api/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
          body,
        });
        const text = await res.text();
        const at = Date.now();
        const keys = res.ok ? ackedKeys(text) : undefined;
        if (!keys) {
          failed(`${res.status} ${text.slice(0, 200)}`);
          return;
        }
        for (const key of keys) acks.set(key, { at, node });
        if (measured) {
          ack.add(at - t0);
          nodeRequests[node] = (nodeRequests[node] ?? 0) + 1;
          nodeEvents[node] = (nodeEvents[node] ?? 0) + keys.length;
        }
      } catch (err) {
        failed(err instanceof Error ? err.message : String(err));
      }
    };

    const peakRss = [0, 0];
    const sample = async (): Promise<BenchServerStats[]> => {
      const s = await Promise.all(servers.map((srv) => srv.stats()));
      s.forEach((x, i) => {
        if (x.rssMb > (peakRss[i] ?? 0)) peakRss[i] = x.rssMb;
      });
      return s;
    };
    const sampler = setInterval(() => void sample().catch(() => undefined), 1000);

    let sent = 0;
    let skipped = 0;
    let statsBefore: Promise<BenchServerStats[]> = sample();
    let pgBefore = postgresCpuSeconds(pgData);
    const started = performance.now();
    const totalMs = (size.warmSeconds + size.seconds) * 1000;
    let measureEnd = 0;
    await new Promise<void>((resolve) => {
      let measuring = false;
      const timer = setInterval(() => {
        const elapsed = performance.now() - started;
        if (!measuring && elapsed >= size.warmSeconds * 1000) {
          measuring = true;
          measureFrom = Date.now();
          statsBefore = sample();
          pgBefore = postgresCpuSeconds(pgData);
        }
        const due = Math.floor(Math.min(elapsed, totalMs) / size.batchMs);
        if (due - sent > MAX_CATCH_UP) {
          if (measuring) skipped += due - sent - MAX_CATCH_UP;
          sent = due - MAX_CATCH_UP;
        }
        for (; sent < due; sent += 1) {
          const body = JSON.stringify(workload.take(size.perRequest));
          if (measuring) measuredEvents += size.perRequest;
          const p = post(sent % 2, body, measuring);
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
        }
        if (elapsed >= totalMs) {
          clearInterval(timer);
          measureEnd = Date.now();
          resolve();
        }
      }, Math.min(10, size.batchMs));
    });
    await Promise.all([...inFlight]);
    const runMs = Math.max(1, measureEnd - measureFrom);
    const [before, after] = [await statsBefore, await sample()];
    const pgCpuS = postgresCpuSeconds(pgData) - pgBefore;
    clearInterval(sampler);

    // Let the last ticks go out (and across) and the clients catch up: until their count stops moving.
    await sleep(LIVE_TICK_MS * 2 + 200);
    let last = -1;
    const drainDeadline = Date.now() + 120_000;
    for (;;) {
      const progress = await Promise.all(clients.map((c) => c.request({ type: 'progress' }, 'progress', 120_000)));
      const received = progress.reduce((s, p) => s + p.received, 0);
      if (received === last || Date.now() > drainDeadline) break;
      last = received;
      await sleep(1000);
    }
    const results = await Promise.all(clients.map((c) => c.request({ type: 'stop' }, 'result', 120_000)));

    const { messages, records } = mergeClients(results);
    // B4's analysis over every client: the checks, and both splits together.
    const ingestedAt = new Map<string, number>();
    for (const [version, v] of versions) {
      const a = acks.get(v.eventKey);
      if (a) ingestedAt.set(version, a.at);
    }
    const entryAt = new Map<string, { at: number; personId: string }>();
    for (const [entryId, e] of entries) {
      const a = acks.get(e.eventKey);
      if (a) entryAt.set(entryId, { at: a.at, personId: e.personId });
    }
    const analysis = analyse(
      messages,
      records.map((r) => r.record),
      ingestedAt,
      latest,
      entryAt,
      measureFrom,
    );
    const { same, other, mixedOrigin } = splitLatencies(messages, records, versions, acks, entries, measureFrom);
    const problems = [...analysis.problems];
    const clientsConnected = connected.reduce((s, c) => s + c.connected, 0);
    if (clientsConnected !== size.clients) problems.push(`${size.clients - clientsConnected} of ${size.clients} clients did not connect (${connected.flatMap((c) => c.errors).join('; ')})`);
    const reordered = newestOverwritten(messages, versions, latest);
    if (reordered.missing > 0)
      problems.push(
        `of the ${reordered.missing} newest versions never broadcast, ${reordered.laterCommitSameNode} were followed on the same node by a commit of an older version (an earlier receivedAt, committed later), which the live tick kept instead (last published wins); ${reordered.laterCommitOtherNode} by such a commit on the other node`,
      );
    if (mixedOrigin > 0) problems.push(`${mixedOrigin} item versions in a workItem:changed message were committed by the other node than the rest of it`);
    if (httpErrors > 0) problems.push(`${httpErrors} POST /api/events failed (${httpErrorSamples.join('; ')})`);
    const withItems = messages.filter((m) => m.items);
    return {
      size,
      clientsConnected,
      connectFailures: connected.flatMap((c) => c.errors),
      requests: sent,
      measuredEvents,
      achievedRate: ((nodeEvents[0] ?? 0) + (nodeEvents[1] ?? 0)) / (runMs / 1000),
      skippedRequests: skipped,
      httpErrors,
      httpErrorSamples,
      ack,
      same,
      other,
      all: { item: analysis.item, newest: analysis.newest, points: analysis.points },
      distinctMessages: messages.length,
      meanMessageBytes: messages.reduce((s, m) => s + m.bytes, 0) / Math.max(1, messages.length),
      meanMessageItems: withItems.reduce((s, m) => s + (m.items?.length ?? 0), 0) / Math.max(1, withItems.length),
      workItemMessages: analysis.workItemMessages,
      otherMessages: analysis.other,
      pointsDelivered: analysis.pointsDelivered,
      pointsExpected: analysis.pointsExpected,
      itemVersions: ingestedAt.size,
      ledgerEntries: entryAt.size,
      nodes: servers.map((_, i) => {
        const b = before[i];
        const a = after[i];
        const active = a && b ? a.activeMs - b.activeMs : 0;
        const idle = a && b ? a.idleMs - b.idleMs : 0;
        return {
          name: NODE_NAMES[i] ?? String(i),
          requests: nodeRequests[i] ?? 0,
          events: nodeEvents[i] ?? 0,
          cpuS: a && b ? (cpuMs(a) - cpuMs(b)) / 1000 : Number.NaN,
          elu: active / Math.max(1, active + idle),
          rssMb: a?.rssMb ?? Number.NaN,
          peakRssMb: peakRss[i] ?? Number.NaN,
        };
      }),
      postgresCpuS: pgCpuS,
      clientsProcesses: results.map((r, i) => ({
        connected: connected[i]?.connected ?? 0,
        connectMs: connected[i]?.ms ?? 0,
        cpuPct: (r.cpuMs / runMs) * 100,
        loopP99Ms: r.loopDelayP99Ms,
        rssMb: r.rssMb,
      })),
      runSeconds: runMs / 1000,
      loadAverage,
      problems,
    };
  } finally {
    killClients();
    process.removeListener('exit', killClients);
    for (const s of servers) await s.stop();
    try {
      pg.stop('fast');
    } finally {
      rmSync(pgDir, { recursive: true, force: true });
      rmSync(nodeDir, { recursive: true, force: true });
    }
  }
}

export async function main(): Promise<boolean> {
  const result = await runB4x(b4xSize());
  const { body, met } = b4xReport(result);
  writeSection('b4x', 'B4 live fan-out across two nodes', body);
  if (result.problems.length > 0) throw new Error(`B4x checks failed: ${result.problems.join('; ')}`);
  return met;
}

if (process.argv[1]?.endsWith('b4-cluster.ts')) finish(main);
