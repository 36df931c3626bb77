/** The crash test's three kinds of client: events API, Alertmanager webhooks, console engineers. */
import { dedupKeyOf, itemKeyOf, type OpsEvent } from '@opsquest/core';
import { type WorkActionResult, type WorkItemView } from '@opsquest/contracts';
import { requestHeaders } from '../../apps/server/test-support/http';
import { login } from '../../apps/server/test-support/test-server';
import { BENCH_PASSWORD, isRecord } from '../bench/bench-kit';
import { Workload, type BenchPerson } from '../bench/workload';
import { Aborted, checkIngestAnswer, Client, keep, sleep, type Kept, type LoadOptions, type LoadRecord } from './crash-client';

export class EventClient extends Client {
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
    if (await this.maybeResend(this.kept)) return;
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

export interface FiringAlert {
  fingerprint: string;
  labels: Record<string, string>;
  startsAt: string;
}

/** Prometheus Alertmanager webhooks (payload version 4): new alerts firing, firing ones resolved. */
export class AlertmanagerClient extends Client {
  private readonly firing: FiringAlert[] = [];
  private readonly kept: Kept[] = [];
  private serial = 0;
  private at = Date.now() - 3 * 3_600_000;

  protected async step(): Promise<void> {
    const path = '/api/integrations/alertmanager';
    // Alertmanager itself re-sends firing alerts on every repeat_interval.
    if (await this.maybeResend(this.kept)) return;
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

export const CONSOLE_SOURCE = 'crash-console';
export const CONSOLE_ACTIONS = [
  { action: 'acknowledge', transition: 'acknowledged' },
  { action: 'comment', transition: 'commented' },
  { action: 'clear', transition: 'cleared' },
] as const;

/** An engineer in the console: raise an alarm (API), then acknowledge, comment and clear it with Idempotency-Keys. */
export class ConsoleClient extends Client {
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
