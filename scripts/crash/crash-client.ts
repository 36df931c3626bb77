/** The crash test's client machinery: what was sent and acknowledged, one request with retries, the client base class. */
import { ingestResultSchema } from '@opsquest/contracts';
import { Random } from '../../apps/server/src/demo/random';
import { isRecord } from '../bench/bench-kit';
import { type Organisation } from '../bench/workload';

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

export class Aborted extends Error {}

export type Sent = { kind: 'response'; status: number; body: unknown } | { kind: 'refused'; error: string } | { kind: 'unknown'; error: string };

export function errorCode(err: unknown): string {
  const cause: unknown = err instanceof Error ? err.cause : undefined;
  if (isRecord(cause) && typeof cause.code === 'string') return cause.code;
  if (err instanceof Error && err.name === 'TimeoutError') return 'timeout';
  return err instanceof Error ? err.message : String(err);
}

/** One attempt. A refused connection never reached a server; anything else that is not an answer may have. */
export async function send(url: string, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Sent> {
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

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface Delivered {
  body: unknown;
  /** 1 for the first attempt */
  attempt: number;
}

export abstract class Client {
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

  /** Now and then re-sends a request that was already acknowledged: it must come back as duplicates only. */
  protected async maybeResend(kept: readonly Kept[]): Promise<boolean> {
    if (kept.length === 0 || !this.rng.chance(this.options.resendRate ?? 0.03)) return false;
    const again = this.rng.pick(kept);
    this.record.stats.resent += 1;
    const done = await this.deliver('POST', again.path, again.body, this.apiHeaders());
    if (done) checkIngestAnswer(this.record, this.name, done.body, again.keys, again.keys.length, 'resend');
    return true;
  }

  protected apiHeaders(): Record<string, string> {
    return { authorization: `Bearer ${this.options.apiKey}` };
  }
}

/** A sent, acknowledged request kept for re-sending. */
export interface Kept {
  path: string;
  body: unknown;
  keys: string[];
}

export function keep(list: Kept[], item: Kept): void {
  list.push(item);
  if (list.length > 100) list.shift();
}

/**
 * Checks an ingest answer (POST /api/events or the Alertmanager receiver) and returns its event
 * keys. A first attempt must store everything; a retry may find some or all already stored; a
 * re-send of an acknowledged request must store nothing.
 */
export function checkIngestAnswer(
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
