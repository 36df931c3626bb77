/**
 * The soak's load: a fixed mix of requests, a closed-loop autocannon run to measure what the
 * server sustains with that mix, and an open-loop sender that issues the mix at a constant
 * arrival rate.
 *
 * The mix, a cycle of 20 requests: 16 single events and 1 batch of 20 events to POST /api/events
 * (API key), and 3 leaderboard reads (GET /api/leaderboard, every scope, window and "around me",
 * each with the session cookie of one of the logged-in people, in turn). Events come from two
 * fixed-seed Workloads (scripts/bench/workload.ts; separate key prefixes, so each stream's
 * lifecycles stay whole) and are stamped with the time they are sent: a soak of any length
 * stays "now", never in the future.
 *
 * Open loop: request i is due at start + i / rate, whether or not earlier ones have been answered,
 * and its latency is counted from when it was due, so a stalled server shows as latency rather than
 * as fewer requests (no coordinated omission). If the sender itself runs late, that lag is recorded
 * separately (`sendLag`).
 */
import { Agent, request as httpRequest } from 'node:http';
import type { OpsEvent } from '@opsquest/core';
import { autocannon, type AcRequest } from '../bench/autocannon';
import { BENCH_API_KEY } from '../bench/bench-server-main';
import { BENCH_SEED, Workload, type Organisation } from '../bench/workload';

export type Kind = 'single' | 'batch' | 'read';
export const KINDS: readonly Kind[] = ['single', 'batch', 'read'];
export const BATCH_SIZE = 20;
/** one cycle of the mix, in the order sent */
export const MIX: readonly Kind[] = ['single', 'single', 'single', 'single', 'read', 'single', 'single', 'single', 'single', 'batch', 'single', 'single', 'single', 'read', 'single', 'single', 'single', 'single', 'single', 'read'];

export interface Prepared {
  kind: Kind;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** events in the body */
  events: number;
}

const BOARDS: readonly string[] = ['individual', 'team'].flatMap((scope) => ['day', 'week', 'month', 'all'].flatMap((window) => [`scope=${scope}&window=${window}&limit=50`, `scope=${scope}&window=${window}&limit=1&around=10`]));

/** The next request of the mix, made when it is about to be sent. */
export class MixSource {
  private readonly singles: Workload;
  private readonly batches: Workload;
  private index = 0;
  private reads = 0;
  eventsTaken = 0;

  constructor(
    org: Organisation,
    private readonly cookies: readonly string[],
    prefix: string,
  ) {
    if (cookies.length === 0) throw new Error('the mix needs at least one logged-in person for its reads');
    const start = Date.now();
    this.singles = new Workload({ org, start, seed: BENCH_SEED, prefix: `${prefix}s` });
    this.batches = new Workload({ org, start, seed: BENCH_SEED + 1, prefix: `${prefix}b` });
  }

  next(): Prepared {
    const kind = MIX[this.index % MIX.length] ?? 'single';
    this.index += 1;
    if (kind === 'read') {
      const board = BOARDS[this.reads % BOARDS.length] ?? '';
      const cookie = this.cookies[this.reads % this.cookies.length] ?? '';
      this.reads += 1;
      return { kind, method: 'GET', path: `/api/leaderboard?${board}`, headers: { cookie }, events: 0 };
    }
    const now = new Date().toISOString();
    const stamp = (e: OpsEvent): OpsEvent => ({ ...e, occurredAt: now });
    const events = kind === 'single' ? 1 : BATCH_SIZE;
    this.eventsTaken += events;
    const body = kind === 'single' ? JSON.stringify(stamp(this.singles.next())) : JSON.stringify(this.batches.take(BATCH_SIZE).map(stamp));
    return { kind, method: 'POST', path: '/api/events', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` }, body, events };
  }
}

const STORED = /"stored":(\d+),"duplicates":(\d+)/;

export interface Capacity {
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  eventsPerSecond: number;
  non2xx: number;
  errors: number;
  /** events acknowledged as stored over the warm-up and the measured run */
  storedTotal: number;
}

/** Closed loop: `connections` connections, each sending the next request of the mix as soon as the last is answered. */
export async function measureCapacity(url: string, source: MixSource, connections: number, seconds: number, warmUpSeconds: number): Promise<Capacity> {
  let events = 0;
  let storedTotal = 0;
  let counting = false;
  const request: AcRequest = {
    setupRequest: (req) => {
      const p = source.next();
      return { ...req, method: p.method, path: p.path, headers: p.headers, ...(p.body !== undefined ? { body: p.body } : { body: '' }) };
    },
    onResponse: (status, body) => {
      if (status < 200 || status >= 300) return;
      const stored = Number(STORED.exec(body)?.[1] ?? 0);
      storedTotal += stored;
      if (counting) events += stored;
    },
  };
  const run = (duration: number) => autocannon({ url, connections, pipelining: 1, timeout: 30, duration, requests: [request] });
  if (warmUpSeconds > 0) await run(warmUpSeconds);
  counting = true;
  const result = await run(seconds);
  counting = false;
  const requests = result['2xx'];
  return { seconds: result.duration, connections, requests, requestsPerSecond: requests / result.duration, eventsPerSecond: events / result.duration, non2xx: result.non2xx, errors: result.errors + result.timeouts, storedTotal };
}

/** Every request of an open-loop run, in parallel arrays (hundreds of thousands of them). */
export class RequestLog {
  /** wall-clock ms when the answer (or the failure) came */
  readonly doneAt: number[] = [];
  /** ms from when the request was due to its answer */
  readonly latencyMs: number[] = [];
  /** ms the sender was late in sending it (its own lag, part of latencyMs) */
  readonly sendLagMs: number[] = [];
  readonly kind: number[] = [];
  /** 1: a 2xx answer */
  readonly ok: number[] = [];
  /** events the server acknowledged as stored (POST /api/events) */
  readonly stored: number[] = [];
  duplicates = 0;
  sent = 0;
  /** due but not sent: too many already in flight */
  dropped = 0;
  failures: Record<string, number> = {};
  inFlight = 0;
  maxInFlight = 0;
}

export interface PacedOptions {
  port: number;
  /** requests per second */
  rate: number;
  durationMs: number;
  source: MixSource;
  timeoutMs: number;
  /** beyond this many unanswered requests, due ones are dropped (counted) instead of piling up */
  inFlightLimit: number;
}

/** Open loop at a constant arrival rate; resolves once every request sent has been answered or failed. */
export function runPaced(o: PacedOptions, log = new RequestLog()): { log: RequestLog; done: Promise<RequestLog> } {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const interval = 1000 / o.rate;
  const t0 = performance.now();
  let due = 0;
  let finished = false;
  let resolveDone: (l: RequestLog) => void = () => undefined;
  const done = new Promise<RequestLog>((r) => {
    resolveDone = r;
  });
  const settleIfDone = (): void => {
    if (finished && log.inFlight === 0) {
      agent.destroy();
      resolveDone(log);
    }
  };

  const send = (p: Prepared, dueAt: number): void => {
    const sentAt = performance.now();
    log.sent += 1;
    log.inFlight += 1;
    log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
    let answered = false;
    const complete = (status: number, body: string, failure?: string): void => {
      if (answered) return;
      answered = true;
      log.inFlight -= 1;
      const now = performance.now();
      const ok = failure === undefined && status >= 200 && status < 300;
      log.doneAt.push(performance.timeOrigin + now);
      log.latencyMs.push(now - dueAt);
      log.sendLagMs.push(sentAt - dueAt);
      log.kind.push(KINDS.indexOf(p.kind));
      log.ok.push(ok ? 1 : 0);
      const m = p.events > 0 && ok ? STORED.exec(body) : null;
      log.stored.push(Number(m?.[1] ?? 0));
      log.duplicates += Number(m?.[2] ?? 0);
      if (!ok) {
        const reason = failure ?? `HTTP ${status}`;
        log.failures[reason] = (log.failures[reason] ?? 0) + 1;
      }
      settleIfDone();
    };
    const headers = p.body !== undefined ? { ...p.headers, 'content-length': String(Buffer.byteLength(p.body)) } : p.headers;
    const req = httpRequest({ host: '127.0.0.1', port: o.port, method: p.method, path: p.path, headers, agent, timeout: o.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => complete(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
      res.on('error', (err) => complete(0, '', err.message));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => complete(0, '', err.message === 'timeout' ? 'timeout' : `network: ${err.message}`));
    req.end(p.body);
  };

  // A 1 ms timer sends every request that has fallen due since the last turn.
  const timer = setInterval(() => {
    const now = performance.now();
    const until = Math.min(now, t0 + o.durationMs);
    while (t0 + due * interval <= until) {
      const dueAt = t0 + due * interval;
      due += 1;
      if (log.inFlight >= o.inFlightLimit) log.dropped += 1;
      else send(o.source.next(), dueAt);
    }
    if (now >= t0 + o.durationMs) {
      clearInterval(timer);
      finished = true;
      settleIfDone();
    }
  }, 1);
  return { log, done };
}
