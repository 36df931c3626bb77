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
import type { ClientRecord, DistinctMessage, FromClients } from './b4-clients';
import { Clients } from './b4-clients-process';
import { B4_TARGET_P99_MS } from './b4-fanout';
import { sleep } from './b4-server-probes';
import { postgresCpuSeconds } from './b9-postgres';
import { finish, fmt, freePort, isRecord, isSmoke, table, writeSection } from './bench-kit';
import { BENCH_API_KEY, type BenchServerStats } from './bench-server-main';
import { Histogram } from './latency-histogram';
import { makeOrganisation, Workload } from './workload';

const LIVE_TICK_MS = 150;
/** a late timer catches up by at most this many requests; beyond that the schedule slips (reported) */
const MAX_CATCH_UP = 10;
const NODE_NAMES = ['A', 'B'] as const;

export interface B4xSize {
  clients: number;
  /** clients that JSON-parse every message, split between the two clients' processes */
  fullClients: number;
  /** events per POST /api/events */
  perRequest: number;
  /** ms between requests (they alternate between the nodes) */
  batchMs: number;
  seconds: number;
  warmSeconds: number;
}

export function b4xSize(): B4xSize {
  const base: B4xSize = isSmoke() ? { clients: 20, fullClients: 4, perRequest: 5, batchMs: 50, seconds: 3, warmSeconds: 1 } : { clients: 1000, fullClients: 10, perRequest: 10, batchMs: 20, seconds: 20, warmSeconds: 3 };
  const num = (name: string, fallback: number): number => {
    const v = Number(process.env[name]);
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  const clients = Math.max(2, num('BENCH_CLIENTS', base.clients));
  return {
    clients,
    fullClients: Math.max(2, Math.min(clients, num('BENCH_FULL_CLIENTS', base.fullClients))),
    perRequest: num('BENCH_PER_REQUEST', base.perRequest),
    batchMs: num('BENCH_BATCH_MS', base.batchMs),
    seconds: num('BENCH_SECONDS', base.seconds),
    warmSeconds: base.warmSeconds,
  };
}

export function rateOf(size: B4xSize): number {
  return (size.perRequest * 1000) / size.batchMs;
}

/** p50/p95/p99/max of one split */
export interface Split {
  item: Histogram;
  newest: Histogram;
  points: Histogram;
  /** workItem:changed messages received by clients in this split */
  messages: number;
}

export interface NodeFigures {
  name: string;
  requests: number;
  events: number;
  cpuS: number;
  /** event-loop utilisation over the measured run */
  elu: number;
  rssMb: number;
  peakRssMb: number;
}

export interface ClientsFigures {
  connected: number;
  connectMs: number;
  cpuPct: number;
  loopP99Ms: number;
  rssMb: number;
}

export interface B4xResult {
  size: B4xSize;
  clientsConnected: number;
  connectFailures: string[];
  requests: number;
  measuredEvents: number;
  achievedRate: number;
  skippedRequests: number;
  httpErrors: number;
  httpErrorSamples: string[];
  /** POST /api/events: sent → answered, per measured request */
  ack: Histogram;
  same: Split;
  other: Split;
  /** both splits together (B4's analysis over every client) */
  all: { item: Histogram; newest: Histogram; points: Histogram };
  distinctMessages: number;
  meanMessageBytes: number;
  meanMessageItems: number;
  workItemMessages: number;
  otherMessages: Record<string, number>;
  pointsDelivered: number;
  pointsExpected: number;
  itemVersions: number;
  ledgerEntries: number;
  nodes: NodeFigures[];
  postgresCpuS: number;
  clientsProcesses: ClientsFigures[];
  runSeconds: number;
  loadAverage: number;
  problems: string[];
}

/** What a node reported of one committed batch (BENCH_OBSERVE). */
interface Committed {
  items: [number, number, string][];
  ledger: [string, string, string][];
}

function isCommitted(v: unknown): v is Committed {
  if (!isRecord(v) || !Array.isArray(v.items) || !Array.isArray(v.ledger)) return false;
  const items: unknown[] = v.items;
  const ledger: unknown[] = v.ledger;
  return (
    items.every((i) => Array.isArray(i) && typeof i[0] === 'number' && typeof i[1] === 'number' && typeof i[2] === 'string') &&
    ledger.every((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string' && typeof e[2] === 'string')
  );
}

function isSessions(v: unknown): v is { personId: string; cookie: string }[] {
  return Array.isArray(v) && v.every((s) => isRecord(s) && typeof s.personId === 'string' && typeof s.cookie === 'string');
}

/** The eventKey and status of each event in a POST /api/events answer. */
function ackedKeys(text: string): string[] | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(body) || !Array.isArray(body.results)) return undefined;
  const results: unknown[] = body.results;
  const out: string[] = [];
  for (const r of results) if (isRecord(r) && r.status === 'stored' && typeof r.eventKey === 'string') out.push(r.eventKey);
  return out;
}

type Result = Extract<FromClients, { type: 'result' }>;

/** The two clients' processes' distinct broadcasts as one list (keyed by their first item's version), their records re-pointed at it. */
function mergeClients(results: readonly Result[]): { messages: DistinctMessage[]; records: { record: ClientRecord; node: number }[] } {
  const messages: DistinctMessage[] = [];
  const index = new Map<string, number>();
  const records: { record: ClientRecord; node: number }[] = [];
  results.forEach((result, node) => {
    const to = result.messages.map((m) => {
      const first = m.items?.[0];
      const signature = first ? `${first[0]}@${first[1]}` : undefined;
      const known = signature === undefined ? undefined : index.get(signature);
      if (known !== undefined) return known;
      messages.push(m);
      if (signature !== undefined) index.set(signature, messages.length - 1);
      return messages.length - 1;
    });
    for (const record of result.clients) {
      const workItems = record.workItems.slice();
      for (let j = 0; j < workItems.length; j += 2) workItems[j] = to[workItems[j] ?? 0] ?? 0;
      records.push({ record: { ...record, workItems }, node });
    }
  });
  return { messages, records };
}

function emptySplit(): Split {
  return { item: new Histogram(), newest: new Histogram(), points: new Histogram(), messages: 0 };
}

/**
 * Latencies split by where the client is: on the node that committed the change (and answered the
 * request), or on the other node. A tick's message comes from one node, so each message has one origin.
 */
function splitLatencies(
  messages: readonly DistinctMessage[],
  records: readonly { record: ClientRecord; node: number }[],
  versions: ReadonlyMap<string, { node: number; eventKey: string }>,
  acks: ReadonlyMap<string, { at: number; node: number }>,
  entries: ReadonlyMap<string, { node: number; personId: string; eventKey: string }>,
  measureFrom: number,
): { same: Split; other: Split; mixedOrigin: number } {
  const same = emptySplit();
  const other = emptySplit();
  let mixedOrigin = 0;
  const info = messages.map((m) => {
    const times: number[] = [];
    let origin = -1;
    for (const [id, updatedAt] of m.items ?? []) {
      const v = versions.get(`${id}@${updatedAt}`);
      if (!v) continue;
      if (origin === -1) origin = v.node;
      else if (origin !== v.node) mixedOrigin += 1;
      const ack = acks.get(v.eventKey);
      if (ack && ack.at >= measureFrom) times.push(ack.at);
    }
    return { origin, times, newest: times.length > 0 ? Math.max(...times) : Number.NaN };
  });
  for (const { record, node } of records) {
    if (!record.connected) continue;
    for (let j = 0; j < record.workItems.length; j += 2) {
      const m = info[record.workItems[j] ?? 0];
      const arrival = record.workItems[j + 1] ?? 0;
      if (!m || m.origin === -1) continue;
      const split = m.origin === node ? same : other;
      split.messages += 1;
      for (const t of m.times) split.item.add(arrival - t);
      if (!Number.isNaN(m.newest)) split.newest.add(arrival - m.newest);
    }
    for (const p of record.points) {
      for (const id of p.entryIds) {
        const e = entries.get(id);
        const ack = e ? acks.get(e.eventKey) : undefined;
        if (!e || !ack || ack.at < measureFrom) continue;
        (e.node === node ? same : other).points.add(p.at - ack.at);
      }
    }
  }
  return { same, other, mixedOrigin };
}

/**
 * Why an item's newest version (largest updatedAt, i.e. receivedAt) did not go out: was a version with a
 * smaller updatedAt committed after it (commit order differs from receive order), on the same node (whose
 * tick keeps the last one published for an item) or on the other?
 */
function newestOverwritten(
  messages: readonly DistinctMessage[],
  versions: ReadonlyMap<string, { node: number; seq: number }>,
  latest: ReadonlyMap<number, number>,
): { missing: number; laterCommitSameNode: number; laterCommitOtherNode: number } {
  const broadcast = new Set<string>();
  for (const m of messages) for (const [id, v] of m.items ?? []) broadcast.add(`${id}@${v}`);
  const byItem = new Map<number, { updatedAt: number; node: number; seq: number }[]>();
  for (const [key, v] of versions) {
    const [id, updatedAt] = key.split('@').map(Number);
    if (id === undefined || updatedAt === undefined) continue;
    const list = byItem.get(id) ?? [];
    list.push({ updatedAt, node: v.node, seq: v.seq });
    byItem.set(id, list);
  }
  let missing = 0;
  let same = 0;
  let other = 0;
  for (const [id, v] of latest) {
    if (broadcast.has(`${id}@${v}`)) continue;
    missing += 1;
    const newest = versions.get(`${id}@${v}`);
    const later = (byItem.get(id) ?? []).filter((x) => newest && x.seq > newest.seq && x.updatedAt < v);
    if (later.some((x) => x.node === newest?.node)) same += 1;
    else if (later.length > 0) other += 1;
  }
  return { missing, laterCommitSameNode: same, laterCommitOtherNode: other };
}

function cpuMs(s: BenchServerStats): number {
  return s.userMs + s.systemMs;
}

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

export function b4xReport(r: B4xResult): { body: string; met: boolean } {
  const sameP99 = r.same.item.percentile(99);
  const otherP99 = r.other.item.percentile(99);
  const met = r.problems.length === 0 && r.clientsConnected === r.size.clients && sameP99 <= B4_TARGET_P99_MS && otherP99 <= B4_TARGET_P99_MS;
  const lat = (h: Histogram): string[] => [fmt(h.n), fmt(h.percentile(50), 1), fmt(h.percentile(95), 1), fmt(h.percentile(99), 1), fmt(h.max, 1)];
  const other = Object.entries(r.otherMessages)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');
  const totalCpuS = r.nodes.reduce((s, n) => s + n.cpuS, 0) + r.postgresCpuS;
  const body = [
    `Two OpsQuest nodes (A and B, each its own process: bench-server-main.ts, production settings, live tick ${LIVE_TICK_MS} ms) on one PostgreSQL 15 database`,
    `(our own throwaway server, durable settings). ${fmt(r.clientsConnected)} of ${fmt(r.size.clients)} socket.io clients (websocket, session cookie, one per person),`,
    `${fmt(r.clientsProcesses[0]?.connected ?? 0)} on A and ${fmt(r.clientsProcesses[1]?.connected ?? 0)} on B, in two clients' processes (B4's b4-clients.ts, one per node; ${fmt(r.size.fullClients)} clients in all parse every message).`,
    `${fmt(r.measuredEvents)} events measured over ${fmt(r.runSeconds, 1)} s after a ${fmt(r.size.warmSeconds, 1)} s warm-up, at ${fmt(r.achievedRate)} events/s acknowledged (target ${fmt(rateOf(r.size))}):`,
    `POST /api/events with ${fmt(r.size.perRequest)} events every ${fmt(r.size.batchMs)} ms, alternately to A and B; a request's answer took p50 ${fmt(r.ack.percentile(50), 1)} ms, p99 ${fmt(r.ack.percentile(99), 1)} ms (max ${fmt(r.ack.max, 1)} ms).` +
      (r.skippedRequests > 0 ? ` The sender fell behind: ${fmt(r.skippedRequests)} scheduled requests were dropped.` : ''),
    '',
    table(
      ['from the ingest request\'s answer to a client receiving it', 'samples', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        ['work item change, client on the node that ingested', ...lat(r.same.item)],
        ['work item change, client on the other node', ...lat(r.other.item)],
        ['workItem:changed, newest event in the message, same node', ...lat(r.same.newest)],
        ['workItem:changed, newest event in the message, other node', ...lat(r.other.newest)],
        ['points:awarded, client on the node that ingested', ...lat(r.same.points)],
        ['points:awarded, client on the other node', ...lat(r.other.points)],
        ['work item change, every client (B4\'s row)', ...lat(r.all.item)],
      ],
    ),
    '',
    table(
      ['process', 'requests', 'events', 'CPU s', 'share of a core', 'event-loop use', 'RSS MB at the end', 'peak RSS MB'],
      [
        ...r.nodes.map((n) => [`node ${n.name}`, fmt(n.requests), fmt(n.events), fmt(n.cpuS, 1), `${fmt((n.cpuS / r.runSeconds) * 100)} %`, `${fmt(n.elu * 100)} %`, fmt(n.rssMb), fmt(n.peakRssMb)]),
        ['PostgreSQL (every backend)', '', '', fmt(r.postgresCpuS, 1), `${fmt((r.postgresCpuS / r.runSeconds) * 100)} %`, '', '', ''],
        ...r.clientsProcesses.map((c, i) => [`clients on ${NODE_NAMES[i] ?? i}`, '', '', fmt((c.cpuPct / 100) * r.runSeconds, 1), `${fmt(c.cpuPct)} %`, `loop delay p99 ${fmt(c.loopP99Ms, 1)} ms`, fmt(c.rssMb), '']),
      ],
    ),
    '',
    `Shortest latency per split (a message can beat the HTTP answer, which is written after the commit's after-commit stages): same node ${fmt(r.same.item.min, 1)} ms, other node ${fmt(r.other.item.min, 1)} ms.`,
    `Nodes and PostgreSQL together: ${fmt(totalCpuS, 1)} CPU s, ${fmt(r.measuredEvents / Math.max(0.001, totalCpuS))} events per CPU-second. Load average (1 min) at the start: ${fmt(r.loadAverage, 2)}.`,
    `${fmt(r.distinctMessages)} distinct workItem:changed broadcasts (both nodes' ticks) of ${fmt(r.meanMessageBytes / 1024, 1)} KB and ${fmt(r.meanMessageItems)} items on average;`,
    `${fmt(r.workItemMessages)} received in all (${fmt(r.same.messages)} from the client's own node, ${fmt(r.other.messages)} relayed from the other);`,
    `${fmt(r.pointsDelivered)} of ${fmt(r.pointsExpected)} ledger entries reached their person; other messages: ${other || 'none'}.`,
    '',
    `Target: p99 ≤ ${B4_TARGET_P99_MS} ms from ingest to a client receiving the update, on both sides: **${met ? 'met' : 'not met'}** (same node ${fmt(sameP99, 1)} ms, other node ${fmt(otherP99, 1)} ms).`,
    '',
    r.problems.length === 0
      ? 'Checks: every client, on either node, got every workItem:changed broadcast of both nodes exactly once, the newest version of every changed item was broadcast, every ledger entry reached its own person and no one else.'
      : `**Check failures**: ${r.problems.join('; ')}.`,
    '',
    'A latency is the client\'s arrival time minus the moment this process had the answer to the POST that carried the event',
    '(every process reads the same clock); the nodes report which item versions and ledger entries each committed batch made',
    '(BENCH_OBSERVE), and the answer names each event. Changes wait for the committing node\'s live tick (up to 150 ms), which then',
    'goes to its own sockets and, as one cluster message, to the other node (@socket.io/postgres-adapter: a NOTIFY, and a row in',
    'socket_io_attachments for a message too large for one), which hands it to its sockets. Everything shares the machine\'s two',
    'cores: two nodes, PostgreSQL, two clients\' processes and the sender.',
  ].join('\n');
  return { body, met };
}

export async function main(): Promise<boolean> {
  const result = await runB4x(b4xSize());
  const { body, met } = b4xReport(result);
  writeSection('b4x', 'B4 live fan-out across two nodes', body);
  if (result.problems.length > 0) throw new Error(`B4x checks failed: ${result.problems.join('; ')}`);
  return met;
}

if (process.argv[1]?.endsWith('b4-cluster.ts')) finish(main);
