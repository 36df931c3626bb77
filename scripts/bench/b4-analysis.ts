/** Turning B4's arrival records into latencies and checks. */
import type { ClientRecord, DistinctMessage } from './b4-clients';
import { Histogram } from './latency-histogram';

export interface Analysis {
  item: Histogram;
  newest: Histogram;
  points: Histogram;
  pointsDelivered: number;
  pointsExpected: number;
  workItemMessages: number;
  other: Record<string, number>;
  problems: string[];
}

/**
 * Latencies (only for events ingested after the warm-up) and the correctness checks:
 * every client got every distinct workItem:changed broadcast exactly once (so every client saw every
 * change); the newest version of every changed item is in some broadcast; every ledger entry reached
 * its own person's client, and no client got anyone else's points.
 */
export function analyse(
  messages: readonly DistinctMessage[],
  records: readonly ClientRecord[],
  ingestedAt: ReadonlyMap<string, number>,
  latest: ReadonlyMap<number, number>,
  entryAt: ReadonlyMap<string, { at: number; personId: string }>,
  measureFrom: number,
): Analysis {
  const problems: string[] = [];
  // Per distinct message: the ingest time of each item version in it (NaN: warm-up or not ours).
  const unparsed = messages.filter((m) => m.items === null).length;
  if (unparsed > 0) problems.push(`${unparsed} workItem:changed broadcasts reached no fully parsing client (their items are not timed)`);
  const times = messages.map((m) => {
    const t = new Float64Array(m.items?.length ?? 0);
    m.items?.forEach(([id, updatedAt], i) => {
      const at = ingestedAt.get(`${id}@${updatedAt}`);
      t[i] = at !== undefined && at >= measureFrom ? at : Number.NaN;
    });
    return t;
  });
  const newestIn = times.map((t) => {
    const mx = t.reduce((m, v) => (Number.isNaN(v) ? m : Math.max(m, v)), Number.NEGATIVE_INFINITY);
    return Number.isFinite(mx) ? mx : Number.NaN;
  });

  // The newest version of each changed item (ours or the SLA timer's) must have gone out.
  const broadcast = new Set<string>();
  for (const m of messages) for (const [id, v] of m.items ?? []) broadcast.add(`${id}@${v}`);
  const missingLatest = [...latest].filter(([id, v]) => !broadcast.has(`${id}@${v}`)).length;
  if (missingLatest > 0) problems.push(`${missingLatest} of ${latest.size} changed items' newest version was never broadcast`);

  const item = new Histogram();
  const newest = new Histogram();
  const points = new Histogram();
  const other: Record<string, number> = {};
  let workItemMessages = 0;
  let incomplete = 0;
  let silent = 0;
  let disconnected = 0;
  let foreignPoints = 0;
  const deliveredEntries = new Set<string>();
  for (const r of records) {
    if (!r.connected) continue;
    if (r.disconnects > 0) disconnected += 1;
    const seen = new Uint8Array(messages.length);
    for (let j = 0; j < r.workItems.length; j += 2) {
      const index = r.workItems[j] ?? 0;
      const arrival = r.workItems[j + 1] ?? 0;
      seen[index] = (seen[index] ?? 0) + 1;
      workItemMessages += 1;
      const t = times[index];
      if (!t) continue;
      for (let k = 0; k < t.length; k += 1) {
        const at = t[k] ?? Number.NaN;
        if (!Number.isNaN(at)) item.add(arrival - at);
      }
      const n = newestIn[index] ?? Number.NaN;
      if (!Number.isNaN(n)) newest.add(arrival - n);
    }
    if (r.workItems.length === 0) silent += 1;
    if (seen.some((c) => c !== 1)) incomplete += 1;
    for (const p of r.points) {
      if (p.personId !== r.personId) foreignPoints += 1;
      for (const id of p.entryIds) {
        const e = entryAt.get(id);
        if (!e) continue;
        if (e.personId !== r.personId) foreignPoints += 1;
        deliveredEntries.add(id);
        if (e.at >= measureFrom) points.add(p.at - e.at);
      }
    }
    for (const [k, v] of Object.entries(r.other)) other[k] = (other[k] ?? 0) + v;
  }
  if (silent > 0) problems.push(`${silent} clients received no workItem:changed at all`);
  if (incomplete > 0) problems.push(`${incomplete} clients missed a workItem:changed broadcast or got one twice`);
  if (disconnected > 0) problems.push(`${disconnected} clients were disconnected during the run`);
  if (foreignPoints > 0) problems.push(`${foreignPoints} points:awarded messages or entries reached someone else's client`);
  const people = new Set(records.filter((r) => r.connected).map((r) => r.personId));
  const expected = [...entryAt].filter(([, e]) => people.has(e.personId));
  const undelivered = expected.filter(([id]) => !deliveredEntries.has(id)).length;
  if (undelivered > 0) problems.push(`${undelivered} of ${expected.length} ledger entries never reached their person's client`);
  return { item, newest, points, pointsDelivered: expected.length - undelivered, pointsExpected: expected.length, workItemMessages, other, problems };
}
