import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logger';
import type { Repositories } from '../services/ports/repositories';
import type { DeliveryRow } from '../services/ports/delivery-store';
import { signPayload } from './signature';

export const MAX_ATTEMPTS = 8;
/** deliveries claimed per pass, and sent this many at a time */
const BATCH = 50;
const PARALLEL = 5;

/** Exponential backoff: 1 s, 2 s, 4 s ... capped at 10 min, with up to 20 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(600_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + 0.2 * random()));
}

/**
 * How long a pass's claim holds its deliveries: at least a minute, and always longer than sending
 * the whole batch takes when every request runs into the timeout (batch / parallel rounds of it),
 * so no lease runs out while its delivery is still being sent.
 */
export function leaseMsFor(timeoutMs: number): number {
  return Math.max(60_000, Math.ceil(BATCH / PARALLEL) * timeoutMs + 10_000);
}

/**
 * Sends queued deliveries: POST JSON with X-OpsQuest-Event, X-OpsQuest-Delivery,
 * X-OpsQuest-Timestamp and (webhooks) X-OpsQuest-Signature; a 2xx within the timeout is
 * delivered, anything else is retried with backoff until MAX_ATTEMPTS, then marked failed.
 * Each pass claims its deliveries under a lease (DeliveryStore.claimDue), so with several nodes
 * on one database each delivery is sent by one of them; a crashed node's claims are taken over
 * by another once their leases run out.
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  /** the pass under way, which stop() waits for (its answers are recorded before the database closes) */
  private current: Promise<number> | undefined;
  /** who this worker is in the deliveries' leased_by (one per process start) */
  private readonly claimant: string;
  private readonly leaseMs: number;

  constructor(
    private readonly repos: Repositories,
    private readonly log: Logger,
    private readonly options: { periodMs: number; timeoutMs: number; now?: () => number; claimant?: string; leaseMs?: number },
  ) {
    this.claimant = options.claimant ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? leaseMsFor(options.timeoutMs);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async send(d: DeliveryRow): Promise<void> {
    const sub = await this.repos.subscriptions.find(d.subscriptionId);
    if (!sub || sub.revokedAt !== null) {
      await this.repos.deliveries.retryLater(d.id, null, 'subscription removed', this.now(), true);
      return;
    }
    const timestamp = String(Math.floor(this.now() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'OpsQuest-Webhooks/1',
      'x-opsquest-event': d.eventType,
      'x-opsquest-delivery': String(d.id),
      'x-opsquest-timestamp': timestamp,
    };
    if (sub.secret) headers['x-opsquest-signature'] = signPayload(sub.secret, timestamp, d.payload);
    const attempt = d.attempts + 1;
    try {
      const res = await fetch(sub.callbackUrl, { method: 'POST', headers, body: d.payload, signal: AbortSignal.timeout(this.options.timeoutMs), redirect: 'manual' });
      await res.body?.cancel();
      if (res.status >= 200 && res.status < 300) {
        await this.repos.deliveries.delivered(d.id, res.status, this.now());
        return;
      }
      await this.repos.deliveries.retryLater(d.id, res.status, `HTTP ${res.status}`, this.now() + backoffMs(attempt), attempt >= MAX_ATTEMPTS);
    } catch (err) {
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      await this.repos.deliveries.retryLater(d.id, null, message, this.now() + backoffMs(attempt), attempt >= MAX_ATTEMPTS);
    }
  }

  /** One pass over due deliveries (a few at a time); returns how many were attempted. */
  tick(): Promise<number> {
    if (this.running) return Promise.resolve(0);
    this.running = true;
    const pass = this.pass();
    this.current = pass;
    return pass;
  }

  private async pass(): Promise<number> {
    try {
      const due = await this.repos.deliveries.claimDue(this.now(), BATCH, this.leaseMs, this.claimant);
      for (let i = 0; i < due.length; i += PARALLEL) await Promise.all(due.slice(i, i + PARALLEL).map((d) => this.send(d)));
      return due.length;
    } catch (err) {
      this.log.error({ err }, 'delivery pass failed');
      return 0;
    } finally {
      this.running = false;
    }
  }

  /** Look now (after a commit) rather than waiting for the next period. */
  poke(): void {
    if (!this.stopped) void this.tick();
  }

  start(): void {
    const run = (): void => {
      void this.tick().finally(() => {
        if (!this.stopped) this.timer = setTimeout(run, this.options.periodMs);
      });
    };
    this.timer = setTimeout(run, this.options.periodMs);
  }

  /** No further pass; resolves once the pass under way (if any) has recorded its answers. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }
}
