/** B4x's report: the tables and the verdict written into docs/BENCHMARKS.md. */
import { LIVE_TICK_MS, NODE_NAMES, rateOf, type B4xResult } from './b4-cluster-figures';
import { B4_TARGET_P99_MS } from './b4-fanout';
import { fmt, table } from './bench-kit';
import type { Histogram } from './latency-histogram';

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
