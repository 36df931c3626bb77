/**
 * The crash test's clients: several concurrent HTTP clients that behave like real ones. Each sends
 * one request at a time and, when it gets no 2xx (connection refused or reset, a 5xx, no answer),
 * sends the SAME request again (same events, so the same dedup keys; same Idempotency-Key) until
 * it is acknowledged. Now and then a client re-sends a request that was already acknowledged,
 * which must come back as duplicates. Every acknowledged event key is recorded for the verifier.
 *
 * - event clients: POST /api/events, single events and small batches from a seeded workload
 *   (some with the sender's eventId, most keyed by their natural key);
 * - an Alertmanager client: webhooks that fire and resolve alerts;
 * - console clients: an engineer's session (cookie + CSRF header) raising an alarm through the
 *   API, then acknowledging, commenting and clearing it in the console with an Idempotency-Key.
 */
import { dedupKeyOf, itemKeyOf, type OpsEvent } from '@opsquest/core';
import { ingestResultSchema, type WorkActionResult, type WorkItemView } from '@opsquest/contracts';
import { Random } from '../../apps/server/src/demo/random';
import { requestHeaders } from '../../apps/server/src/testing/http';
import { login } from '../../apps/server/src/testing/test-server';
import { BENCH_PASSWORD, isRecord } from '../bench/bench-kit';
import { Workload, type BenchPerson, type Organisation } from '../bench/workload';

export type Via = 'api' | 'alertmanager' | 'console';

export interface LoadStats {
  /** HTTP requests sent (every attempt) */
  attempts: number;
  /** distinct requests (a retry is the same request again) */
  requests: number;
  /** distinct requests answered 2xx */
  acknowledged: number;
  /** attempts that failed: connection refused (never reached a server) */
  refused: number;
  /** attempts that failed: a 5xx answer */
  serverErrors: number;
  /** attempts whose fate is unknown: reset or closed connection, or no answer in time */
  unknown: number;
  /** attempts that were retries of an unacknowledged request */
  retried: number;
  /** retries answered "already stored": the first attempt had committed but its answer was lost */
  retriesFoundCommitted: number;
  /** acknowledged requests sent again on purpose, and how many came back as duplicates only */
  resent: number;
  resentDuplicates: number;
  /** console actions acknowledged, and how many retries of them were answered `duplicate: true` */
  consoleActions: number;
  consoleRetriesDeduplicated: number;
}

export interface ConsoleAction {
  eventKey: string;
  itemKey: string;
  transition: string;
  actor: string;
}

/** What the clients did, for the summary and the verifier. */
export class LoadRecord {
  readonly stats: LoadStats = {
    attempts: 0,
    requests: 0,
    acknowledged: 0,
    refused: 0,
    serverErrors: 0,
    unknown: 0,
    retried: 0,
    retriesFoundCommitted: 0,
    resent: 0,
    resentDuplicates: 0,
    consoleActions: 0,
    consoleRetriesDeduplicated: 0,
  };
  /** requests sent and not answered yet */
  inFlight = 0;
  /** every event key acknowledged with 2xx, and how it came in */
  readonly acked = new Map<string, Via>();
  readonly consoleActions: ConsoleAction[] = [];
  /** requests acknowledged per client */
  readonly byClient: Record<string, number> = {};
  readonly problems: string[] = [];

  problem(text: string): void {
    if (this.problems.length < 200) this.problems.push(text);
  }
}

export interface LoadOptions {
  url: string;
  apiKey: string;
  org: Organisation;
  seed: number;
  eventClients: number;
  alertmanagerClients: number;
  consoleClients: number;
  /** chance that a step re-sends an acknowledged request instead of a new one */
  resendRate?: number;
}

export interface RunningLoad {
  record: LoadRecord;
  /** every client is set up (the console clients are logged in) */
  ready: Promise<void>;
  /** clients finish the request in hand (retrying until it is acknowledged), then stop */
  drain(timeoutMs: number): Promise<void>;
  /** stop at once, answered or not (after a failure) */
  abort(): void;
}

class Aborted extends Error {}

type Sent = { kind: 'response'; status: number; body: unknown } | { kind: 'refused'; error: string } | { kind: 'unknown'; error: string };

function errorCode(err: unknown): string {
  const cause: unknown = err instanceof Error ? err.cause : undefined;
  if (isRecord(cause) && typeof cause.code === 'string') return cause.code;
  if (err instanceof Error && err.name === 'TimeoutError') return 'timeout';
  return err instanceof Error ? err.message : String(err);
}

/** One attempt. A refused connection never reached a server; anything else that is not an answer may have. */
async function send(url: string, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Sent> {
  try {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // a proxy's or a dying server's HTML: keep the text
    }
    return { kind: 'response', status: res.status, body: parsed };
  } catch (err) {
    const code = errorCode(err);
    return code === 'ECONNREFUSED' ? { kind: 'refused', error: code } : { kind: 'unknown', error: code };
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Delivered {
  body: unknown;
  /** 1 for the first attempt */
  attempt: number;
}

abstract class Client {
  protected readonly rng: Random;
  private stopping = false;
  protected aborted = false;

  constructor(
    protected readonly name: string,
    protected readonly options: LoadOptions,
    protected readonly record: LoadRecord,
    seed: number,
  ) {
    this.rng = new Random(seed);
    this.ready = new Promise((r) => {
      this.setReady = r;
    });
  }

  /** resolved once the client is set up (a console client has its session) */
  readonly ready: Promise<void>;
  private setReady: () => void = () => undefined;

  async run(): Promise<void> {
    try {
      await this.prepare();
      this.setReady();
      while (!this.stopping) await this.step();
    } catch (err) {
      if (!(err instanceof Aborted)) this.record.problem(`${this.name} stopped: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  stop(): void {
    this.stopping = true;
  }

  abort(): void {
    this.stopping = true;
    this.aborted = true;
  }

  protected prepare(): Promise<void> {
    return Promise.resolve();
  }

  protected abstract step(): Promise<void>;

  /**
   * Sends until a 2xx. Undefined: a 4xx, which valid requests never get (a problem is recorded).
   * `counted`: false for reads and logins, which are not part of the request figures.
   */
  protected async deliver(method: string, path: string, body: unknown, headers: Record<string, string>, counted = true): Promise<Delivered | undefined> {
    const { stats } = this.record;
    if (counted) stats.requests += 1;
    for (let attempt = 1; ; attempt += 1) {
      if (this.aborted) throw new Aborted();
      if (counted) {
        stats.attempts += 1;
        if (attempt > 1) stats.retried += 1;
      }
      this.record.inFlight += 1;
      const sent = await send(this.options.url, method, path, body, headers);
      this.record.inFlight -= 1;
      if (sent.kind === 'refused') {
        if (counted) stats.refused += 1;
        await sleep(40);
      } else if (sent.kind === 'unknown') {
        if (counted) stats.unknown += 1;
        await sleep(20);
      } else if (sent.status >= 200 && sent.status < 300) {
        if (counted) stats.acknowledged += 1;
        this.record.byClient[this.name] = (this.record.byClient[this.name] ?? 0) + 1;
        return { body: sent.body, attempt };
      } else if (sent.status >= 500) {
        if (counted) stats.serverErrors += 1;
        await sleep(40);
      } else {
        this.record.problem(`${this.name}: ${method} ${path} answered ${sent.status}: ${JSON.stringify(sent.body).slice(0, 300)}`);
        return undefined;
      }
    }
  }

  protected apiHeaders(): Record<string, string> {
    return { authorization: `Bearer ${this.options.apiKey}` };
  }
}

/** A sent, acknowledged request kept for re-sending. */
interface Kept {
  path: string;
  body: unknown;
  keys: string[];
}

function keep(list: Kept[], item: Kept): void {
  list.push(item);
  if (list.length > 100) list.shift();
}

/**
 * Checks an ingest answer (POST /api/events or the Alertmanager receiver) and returns its event
 * keys. A first attempt must store everything; a retry may find some or all already stored; a
 * re-send of an acknowledged request must store nothing.
 */
function checkIngestAnswer(
  record: LoadRecord,
  who: string,
  body: unknown,
  expectedKeys: readonly string[] | undefined,
  count: number,
  mode: 'first' | 'retry' | 'resend',
): string[] | undefined {
  const results = isRecord(body) && Array.isArray(body.results) ? body.results : undefined;
  const parsed = ingestResultSchema.shape.results.safeParse(results);
  if (!parsed.success || parsed.data.length !== count) {
    record.problem(`${who}: unexpected answer ${JSON.stringify(body).slice(0, 300)}`);
    return undefined;
  }
  const keys = parsed.data.map((r) => r.eventKey);
  if (expectedKeys && keys.some((k, i) => k !== expectedKeys[i])) record.problem(`${who}: keys ${keys.join(', ')} differ from the sender's ${expectedKeys.join(', ')}`);
  const duplicates = parsed.data.filter((r) => r.status === 'duplicate').length;
  if (mode === 'first' && duplicates > 0) record.problem(`${who}: a first attempt came back with ${duplicates} duplicate(s): ${keys.join(', ')}`);
  if (mode === 'retry' && duplicates > 0) record.stats.retriesFoundCommitted += 1;
  if (mode === 'resend') {
    if (duplicates === count) record.stats.resentDuplicates += 1;
    else record.problem(`${who}: re-sending an acknowledged request stored ${count - duplicates} event(s) again: ${keys.join(', ')}`);
  }
  return keys;
}

/** POST /api/events: single events and batches of 2 to 8 from its own seeded workload. */
class EventClient extends Client {
  private readonly workload: Workload;
  private readonly kept: Kept[] = [];
  private serial = 0;

  constructor(
    name: string,
    options: LoadOptions,
    record: LoadRecord,
    seed: number,
    /** send the sender's own eventId (the key is then source#eventId) instead of relying on the natural key */
    private readonly withEventIds: boolean,
  ) {
    super(name, options, record, seed);
    // Events from six hours ago on, 50 ms apart: always in the past, and each (item, transition, time) once.
    this.workload = new Workload({ seed, org: options.org, start: Date.now() - 6 * 3_600_000, stepMs: 50, prefix: `${name}-${options.seed}` });
  }

  protected async step(): Promise<void> {
    if (this.kept.length > 0 && this.rng.chance(this.options.resendRate ?? 0.03)) {
      const again = this.rng.pick(this.kept);
      this.record.stats.resent += 1;
      const done = await this.deliver('POST', again.path, again.body, this.apiHeaders());
      if (done) checkIngestAnswer(this.record, this.name, done.body, again.keys, again.keys.length, 'resend');
      return;
    }
    const size = this.rng.chance(0.5) ? 1 : this.rng.int(2, 8);
    const events: OpsEvent[] = this.workload.take(size).map((e) => {
      this.serial += 1;
      return this.withEventIds ? { ...e, eventId: `${this.name}-${this.options.seed}-${this.serial}` } : e;
    });
    const keys = events.map(dedupKeyOf);
    const body = size === 1 ? events[0] : events;
    const done = await this.deliver('POST', '/api/events', body, this.apiHeaders());
    if (!done) return;
    const got = checkIngestAnswer(this.record, this.name, done.body, keys, size, done.attempt === 1 ? 'first' : 'retry');
    if (!got) return;
    for (const k of got) this.record.acked.set(k, 'api');
    keep(this.kept, { path: '/api/events', body, keys });
  }
}

interface FiringAlert {
  fingerprint: string;
  labels: Record<string, string>;
  startsAt: string;
}

/** Prometheus Alertmanager webhooks (payload version 4): new alerts firing, firing ones resolved. */
class AlertmanagerClient extends Client {
  private readonly firing: FiringAlert[] = [];
  private readonly kept: Kept[] = [];
  private serial = 0;
  private at = Date.now() - 3 * 3_600_000;

  protected async step(): Promise<void> {
    const path = '/api/integrations/alertmanager';
    if (this.kept.length > 0 && this.rng.chance(this.options.resendRate ?? 0.03)) {
      // Alertmanager itself re-sends firing alerts on every repeat_interval.
      const again = this.rng.pick(this.kept);
      this.record.stats.resent += 1;
      const done = await this.deliver('POST', again.path, again.body, this.apiHeaders());
      if (done) checkIngestAnswer(this.record, this.name, done.body, again.keys, again.keys.length, 'resend');
      return;
    }
    const alerts: Record<string, unknown>[] = [];
    const resolve = this.firing.length > 3 && this.rng.chance(0.5);
    const count = this.rng.int(1, 3);
    for (let i = 0; i < count; i += 1) {
      this.at += 1000;
      if (resolve && this.firing.length > 0) {
        const alert = this.firing.shift();
        if (!alert) break;
        alerts.push({ status: 'resolved', labels: alert.labels, annotations: { summary: 'Recovered' }, startsAt: alert.startsAt, endsAt: new Date(this.at).toISOString(), fingerprint: alert.fingerprint });
      } else {
        this.serial += 1;
        const labels = { alertname: 'CrashTestLinkDown', instance: `${this.name}-${this.options.seed}-${this.serial}:9100`, severity: this.rng.pick(['critical', 'major', 'minor', 'warning']) };
        const alert = { fingerprint: `${this.name}-${this.options.seed}-${this.serial}`, labels, startsAt: new Date(this.at).toISOString() };
        this.firing.push(alert);
        alerts.push({ status: 'firing', labels, annotations: { summary: 'Link down' }, startsAt: alert.startsAt, endsAt: '0001-01-01T00:00:00Z', fingerprint: alert.fingerprint });
      }
    }
    const body = { version: '4', groupKey: `{}:{alertname="CrashTestLinkDown"}`, status: resolve ? 'resolved' : 'firing', receiver: 'opsquest', alerts };
    const done = await this.deliver('POST', path, body, this.apiHeaders());
    if (!done) return;
    const got = checkIngestAnswer(this.record, this.name, done.body, undefined, alerts.length, done.attempt === 1 ? 'first' : 'retry');
    if (!got) return;
    for (const k of got) this.record.acked.set(k, 'alertmanager');
    keep(this.kept, { path, body, keys: got });
  }
}

const CONSOLE_SOURCE = 'crash-console';
const CONSOLE_ACTIONS = [
  { action: 'acknowledge', transition: 'acknowledged' },
  { action: 'comment', transition: 'commented' },
  { action: 'clear', transition: 'cleared' },
] as const;

/** An engineer in the console: raise an alarm (API), then acknowledge, comment and clear it with Idempotency-Keys. */
class ConsoleClient extends Client {
  private cookie: string | undefined;
  private serial = 0;
  private readonly kept: { path: string; body: unknown; key: string }[] = [];

  constructor(
    name: string,
    options: LoadOptions,
    record: LoadRecord,
    seed: number,
    private readonly person: BenchPerson,
  ) {
    super(name, options, record, seed);
  }

  /** Logs in first: a scrypt login can take longer than the server lives between kills on a busy machine. */
  protected override async prepare(): Promise<void> {
    await this.session();
  }

  private async session(): Promise<string> {
    for (;;) {
      if (this.cookie) return this.cookie;
      if (this.aborted) throw new Aborted();
      try {
        this.cookie = await login(this.options.url, this.person.username, BENCH_PASSWORD);
      } catch {
        await sleep(50);
      }
    }
  }

  protected async step(): Promise<void> {
    const cookie = await this.session();
    if (this.kept.length > 0 && this.rng.chance(this.options.resendRate ?? 0.03)) {
      const again = this.rng.pick(this.kept);
      this.record.stats.resent += 1;
      const done = await this.deliver('POST', again.path, again.body, requestHeaders({ cookie }, { 'idempotency-key': again.key }));
      if (!done) return;
      if (isRecord(done.body) && done.body.duplicate === true) this.record.stats.resentDuplicates += 1;
      else this.record.problem(`${this.name}: re-sending ${again.path} with Idempotency-Key ${again.key} was not answered as a duplicate`);
      return;
    }
    this.serial += 1;
    const externalKey = `${this.name}-${this.options.seed}-${this.serial}`;
    const raise: OpsEvent = {
      source: CONSOLE_SOURCE,
      stream: 'alarm',
      externalKey,
      transition: 'raised',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      attributes: { perceivedSeverity: 'critical', title: `Crash test alarm ${externalKey}`, probableCause: 'LinkDown', alarmedObject: `${externalKey}/xe-0/0/0` },
    };
    const raised = await this.deliver('POST', '/api/events', raise, this.apiHeaders());
    if (!raised) return;
    const raiseKeys = checkIngestAnswer(this.record, this.name, raised.body, [dedupKeyOf(raise)], 1, raised.attempt === 1 ? 'first' : 'retry');
    if (!raiseKeys) return;
    for (const k of raiseKeys) this.record.acked.set(k, 'api');

    const id = await this.findItem(cookie, externalKey);
    if (id === undefined) return;
    const itemKey = itemKeyOf(raise);
    for (const { action, transition } of CONSOLE_ACTIONS) {
      const key = `crash-${this.options.seed}-${this.name}-${this.serial}-${action}`;
      const path = `/api/work-items/${id}/actions`;
      const body = action === 'comment' ? { action, notes: `Checked the far end (${key})` } : { action };
      const done = await this.deliver('POST', path, body, requestHeaders({ cookie }, { 'idempotency-key': key }));
      if (!done) return;
      const result = done.body as Partial<WorkActionResult>;
      if (typeof result.duplicate !== 'boolean') {
        this.record.problem(`${this.name}: unexpected action answer ${JSON.stringify(done.body).slice(0, 300)}`);
        return;
      }
      if (result.duplicate && done.attempt === 1) this.record.problem(`${this.name}: the first ${action} of ${itemKey} was answered as a duplicate`);
      if (result.duplicate && done.attempt > 1) this.record.stats.consoleRetriesDeduplicated += 1;
      // The key the server stores a console action under (WorkItemsService.act): scoped to person, item and action.
      const eventKey = `${CONSOLE_SOURCE}#console:${this.person.id}:${id}:${action}:${key}`;
      this.record.acked.set(eventKey, 'console');
      this.record.consoleActions.push({ eventKey, itemKey, transition, actor: this.person.username });
      this.record.stats.consoleActions += 1;
      this.kept.push({ path, body, key });
      if (this.kept.length > 100) this.kept.shift();
    }
  }

  /** The work item id of the alarm just raised, as the console finds it: in the open alarm queue. */
  private async findItem(cookie: string, externalKey: string): Promise<number | undefined> {
    for (let tries = 0; tries < 20; tries += 1) {
      const done = await this.deliver('GET', '/api/work-items?stream=alarm&state=open&limit=500', undefined, requestHeaders({ cookie }), false);
      if (!done) return undefined;
      const items = isRecord(done.body) && Array.isArray(done.body.items) ? (done.body.items as WorkItemView[]) : [];
      const item = items.find((i) => i.source === CONSOLE_SOURCE && i.externalKey === externalKey);
      if (item) return item.id;
      await sleep(20);
    }
    this.record.problem(`${this.name}: the acknowledged alarm ${externalKey} is not in the open alarm queue`);
    return undefined;
  }
}

/** Starts every client; they run until drained or aborted. */
export function startLoad(options: LoadOptions): RunningLoad {
  const record = new LoadRecord();
  const clients: Client[] = [];
  for (let i = 0; i < options.eventClients; i += 1) clients.push(new EventClient(`ev${i}`, options, record, options.seed * 31 + i, i % 2 === 1));
  for (let i = 0; i < options.alertmanagerClients; i += 1) clients.push(new AlertmanagerClient(`am${i}`, options, record, options.seed * 37 + i));
  // Engineers from the end of the list: the workload's skew picks them least, so their queues stay small.
  const engineers = [...options.org.engineers].reverse();
  for (let i = 0; i < options.consoleClients; i += 1) {
    const person = engineers[i % engineers.length];
    if (!person) throw new Error('the organisation has no engineers');
    clients.push(new ConsoleClient(`con${i}`, options, record, options.seed * 41 + i, person));
  }
  const runs = clients.map((c) => c.run());
  return {
    record,
    ready: Promise.all(clients.map((c) => c.ready)).then(() => undefined),
    drain: async (timeoutMs) => {
      for (const c of clients) c.stop();
      const all = Promise.all(runs);
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
      if ((await Promise.race([all, timer])) === 'timeout') {
        for (const c of clients) c.abort();
        record.problem(`the clients did not finish their last requests within ${timeoutMs} ms`);
        await all;
      }
    },
    abort: () => {
      for (const c of clients) c.abort();
    },
  };
}
