/** B4x's sizes, result shapes and the pure steps that turn the nodes' and clients' records into figures. */
import type { ClientRecord, DistinctMessage, FromClients } from './b4-clients';
import { isRecord, isSmoke } from './bench-kit';
import type { BenchServerStats } from './bench-server-main';
import { Histogram } from './latency-histogram';

export const LIVE_TICK_MS = 150;
/** a late timer catches up by at most this many requests; beyond that the schedule slips (reported) */
export const MAX_CATCH_UP = 10;
export const NODE_NAMES = ['A', 'B'] as const;

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
export interface Committed {
  items: [number, number, string][];
  ledger: [string, string, string][];
}

export function isCommitted(v: unknown): v is Committed {
  if (!isRecord(v) || !Array.isArray(v.items) || !Array.isArray(v.ledger)) return false;
  const items: unknown[] = v.items;
  const ledger: unknown[] = v.ledger;
  return (
    items.every((i) => Array.isArray(i) && typeof i[0] === 'number' && typeof i[1] === 'number' && typeof i[2] === 'string') &&
    ledger.every((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string' && typeof e[2] === 'string')
  );
}

export function isSessions(v: unknown): v is { personId: string; cookie: string }[] {
  return Array.isArray(v) && v.every((s) => isRecord(s) && typeof s.personId === 'string' && typeof s.cookie === 'string');
}

/** The eventKey and status of each event in a POST /api/events answer. */
export function ackedKeys(text: string): string[] | undefined {
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

export type Result = Extract<FromClients, { type: 'result' }>;

/** The two clients' processes' distinct broadcasts as one list (keyed by their first item's version), their records re-pointed at it. */
export function mergeClients(results: readonly Result[]): { messages: DistinctMessage[]; records: { record: ClientRecord; node: number }[] } {
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

export function emptySplit(): Split {
  return { item: new Histogram(), newest: new Histogram(), points: new Histogram(), messages: 0 };
}

/**
 * Latencies split by where the client is: on the node that committed the change (and answered the
 * request), or on the other node. A tick's message comes from one node, so each message has one origin.
 */
export function splitLatencies(
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
export function newestOverwritten(
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

export function cpuMs(s: BenchServerStats): number {
  return s.userMs + s.systemMs;
}
