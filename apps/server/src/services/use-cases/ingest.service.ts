import { dedupKeyOf, type EngineConfig, type EngineOutput, type OpsEvent } from '@opsquest/core';
import { markPlannedWork } from './planned-work';
import { INCIDENT_VIA, stampIncidents } from './incident-stamps';
import { clearIncidentChildren } from './incident-clears';
import { CommitPipeline } from '../live/commit-pipeline';
import { DomainError, invalid } from '../domain-errors';
import { NO_INGEST_METRICS, type IngestMetrics } from '../ports/ingest-metrics';
import { hasNeeds, type BatchStep, type WrittenBatch } from '../ports/ingest-store';
import type { Repositories } from '../ports/repositories';
import type { LiveBatch } from '../live/live.types';
import { BatchDecision, planLoad, type DecidedBatch } from './batch-decision';
import { reportAll, reportOutcomes } from './ingest-outcome-counts';
import { emptyLiveBatch, ScoreWriter } from './score-writer';

export { HISTORY_VIAS } from './batch-decision';

export interface IngestInput {
  event: OpsEvent;
  /** how it reached us: console, api, simulator, sla-timer, ... */
  via: string;
  /** the sender's payload when it differs from the normalised event */
  raw?: string;
  /** where the event's time is in the request, for the 400 that refuses a time ahead of the server clock */
  field?: string;
  /**
   * A source time ahead of the server clock by more than the allowed skew is refused (400) unless the
   * sender cannot be asked again usefully (Alertmanager): then it counts at its receive time.
   */
  futureTime?: 'refuse' | 'receiveTime';
}

/** How far ahead of the server clock a source time may be (clocks drift); beyond it an event is refused. */
export interface SourceClockPolicy {
  maxSkewMs: number;
}

export interface IngestOutcome {
  eventKey: string;
  status: 'stored' | 'duplicate';
  applied: boolean;
  reason?: string;
  points: number;
  itemId?: number;
  output?: EngineOutput;
}

export interface IngestOptions {
  /** console actions: an impossible transition is a 409 and nothing is stored */
  rejectInvalid?: boolean;
}

/** What a batch's unit of work hands back: the answers, and the live batch for the after-commit stages. */
interface FinishedBatch {
  outcomes: IngestOutcome[];
  live: LiveBatch;
}

/**
 * A batch read a newer rule-set version from the store than the one in force here: another node
 * published it. The batch is rolled back, the rules reloaded, and it is decided again.
 */
class StaleRules extends Error {
  constructor(readonly stored: number) {
    super(`rule set ${stored} was published on another node`);
  }
}

/** How the ingest path follows the rulebook: the version in force, and how to load the newest. */
export interface RulesFollower {
  version(): number;
  reload(): Promise<void>;
}

/** The most events one group commit takes (a batch request of 1,000 still goes in whole). */
const MAX_GROUP_EVENTS = 2000;

/**
 * The one event path: integrations, people's console actions, the simulator and the SLA timer all
 * come through here. Per batch, as one unit of work of the ingest port (ports/ingest-store.ts): load
 * what the batch's events need with set-based queries, let the engine decide the whole batch with
 * no store calls (batch-decision.ts), write the change set, run the in-transaction stages of the
 * commit pipeline (missions, outbox, leaderboard aggregates), commit; then the after-commit stages.
 */
export class IngestService {
  /** what runs inside each batch's transaction and after its commit, in a declared order */
  readonly pipeline = new CommitPipeline();
  readonly scores: ScoreWriter;

  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
    private readonly clock: SourceClockPolicy = { maxSkewMs: 5 * 60_000 },
  ) {
    this.scores = new ScoreWriter(repos, config);
  }

  /** Group commit: requests waiting for the next commit (each with when it arrived, performance.now()), and how many commits served how many requests. */
  private queue: { inputs: IngestInput[]; arrived: number; resolve: (outcomes: IngestOutcome[]) => void; reject: (err: unknown) => void }[] = [];
  private flushScheduled = false;
  /** groups being committed now */
  private inFlight = 0;
  /**
   * How many groups may be committed at once. Unlimited by default (SQLite: its single writer queues
   * them, and each group starts at once). On PostgreSQL one: requests that arrive while a group
   * commits wait and go together in the next, so a busy node commits larger groups, with fewer round
   * trips and lock turns per event (B9 in docs/BENCHMARKS.md: 664 to 3,188 events/s on one node).
   */
  private maxInFlight = Number.POSITIVE_INFINITY;

  /** alarms at one place starting within this of an incident's latest alarm join it (0: no incidents by place) */
  private incidentWindowMs = 5 * 60_000;

  correlateWithin(windowMs: number): void {
    this.incidentWindowMs = Math.max(0, windowMs);
  }

  limitGroupsInFlight(max: number): void {
    this.maxInFlight = Math.max(1, max);
  }
  readonly groupStats = { commits: 0, requests: 0 };
  private rules: RulesFollower | undefined;
  private metrics: IngestMetrics = NO_INGEST_METRICS;

  /** Where batches, requests and outcomes are reported (GET /metrics; the app attaches it). */
  reportTo(metrics: IngestMetrics): void {
    this.metrics = metrics;
  }

  /** Events waiting in the group-commit queue for their commit (read when metrics are scraped). */
  queuedEvents(): number {
    let events = 0;
    for (const request of this.queue) events += request.inputs.length;
    return events;
  }

  /** Every batch checks it is decided under the newest published rule set (createServices sets this). */
  followRules(rules: RulesFollower): void {
    this.rules = rules;
  }

  /**
   * Source clocks are bounded: an event dated more than the allowed skew after now is refused with a
   * 400 naming its field, and nothing of the request is stored.
   */
  checkSourceTimes(inputs: readonly IngestInput[]): void {
    const limit = this.now() + this.clock.maxSkewMs;
    const fields: { path: string; message: string }[] = [];
    inputs.forEach((input, i) => {
      if (input.futureTime === 'receiveTime') return;
      const at = Date.parse(input.event.occurredAt);
      if (at > limit) fields.push({ path: input.field ?? (inputs.length > 1 ? `body[${i}].occurredAt` : 'body.occurredAt'), message: `is ${new Date(at).toISOString()}, more than ${Math.round(this.clock.maxSkewMs / 1000)} s ahead of the server clock` });
    });
    if (fields.length > 0) throw invalid(`${fields.length === 1 ? 'An event is' : `${fields.length} events are`} dated in the future`, fields.slice(0, 20));
  }

  /** batches being ingested now, and who waits for none to be (a node closing, before its database) */
  private busy = 0;
  private idleWaiters: (() => void)[] = [];

  /** Resolves once no batch is queued or being ingested: a closing node waits for this before closing its database. */
  idle(): Promise<void> {
    if (this.busy === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async ingest(inputs: IngestInput[], options: IngestOptions = {}): Promise<IngestOutcome[]> {
    return this.ingestReported(inputs, options, true);
  }

  /**
   * One batch, reported to the metrics once it is committed. A failure is reported only when it is
   * final: a failed group commit is not (each of its requests is tried again on its own).
   */
  private async ingestReported(inputs: IngestInput[], options: IngestOptions, reportFailure: boolean): Promise<IngestOutcome[]> {
    if (inputs.length === 0) return [];
    this.busy += 1;
    const started = performance.now();
    try {
      const outcomes = await this.ingestNow(inputs, options);
      this.metrics.batchCommitted(inputs.length, (performance.now() - started) / 1000);
      reportOutcomes(this.metrics, inputs, outcomes);
      return outcomes;
    } catch (err) {
      if (reportFailure) reportAll(this.metrics, inputs, err instanceof DomainError ? 'refused' : 'failed');
      throw err;
    } finally {
      this.busy -= 1;
      if (this.busy === 0 && this.queue.length === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private async ingestNow(sent: IngestInput[], options: IngestOptions): Promise<IngestOutcome[]> {
    this.checkSourceTimes(sent);
    const receivedAt = this.now();
    // alarms raised inside a maintenance window carry its id from here on (the event log keeps it)
    const planned = await markPlannedWork(sent, this.repos.maintenance, receivedAt);
    // and each alarm's new life the incident it belongs to (core incidents.ts)
    const { inputs, injected, sweep } = await stampIncidents(planned, this.repos.incidents, this.incidentWindowMs);
    const events = inputs.map((i) => i.event);
    const eventKeys = events.map(dedupKeyOf);
    const decide = () =>
      this.repos.ingestStore.runBatch((state): BatchStep<FinishedBatch> => {
        const rules = this.rules;
        if (rules && state.ruleSetVersion !== undefined && state.ruleSetVersion !== rules.version()) throw new StaleRules(state.ruleSetVersion);
        const need = planLoad(events, eventKeys, state);
        if (hasNeeds(need)) return { need };
        const decision = new BatchDecision(state, this.config, receivedAt);
        const decided = decision.run(inputs, eventKeys, options);
        if (!decided) return { need: decision.view.needs() };
        // stamped now, with the batch's keys held: a batch received earlier but committed later is newer
        decided.changes.updatedAt = Math.max(receivedAt, this.now());
        return { changes: decided.changes, finish: (written) => this.finish(decided, written, receivedAt) };
      });
    let finished: FinishedBatch | undefined;
    for (let attempt = 1; !finished; attempt += 1) {
      try {
        finished = await decide();
      } catch (error) {
        if (!(error instanceof StaleRules) || !this.rules || attempt >= 3) throw error;
        await this.rules.reload();
      }
    }
    const { outcomes, live } = finished;
    if (live.items.size > 0 || live.feed.length > 0 || live.boards.size > 0) await this.pipeline.runAfterCommit(live);
    // an incident's root cause cleared: the incident takes no more alarms, and its children clear with it
    await clearIncidentChildren(outcomes, sweep, this.repos.incidents, (clears) => this.ingest(clears.map((event) => ({ event, via: INCIDENT_VIA, futureTime: 'receiveTime' }))));
    return injected.size === 0 ? outcomes : outcomes.filter((_, i) => !injected.has(i));
  }

  /** Inside the unit of work, after its writes: ids into the answers and the live batch, then the in-transaction stages. */
  private async finish(decided: DecidedBatch, written: WrittenBatch, receivedAt: number): Promise<FinishedBatch> {
    const { live, outcomes } = decided;
    const idOf = (itemKey: string): number => {
      const id = written.itemIds.get(itemKey);
      if (id === undefined) throw new Error(`no id was written for item ${itemKey}`);
      return id;
    };
    for (const { event, output, item } of decided.applied) {
      const itemId = idOf(item.key);
      live.items.set(itemId, { id: itemId, item, updatedAt: decided.changes.updatedAt });
      live.changes.push({ event, effects: output.effects, itemId, item, ...(output.held ? { held: true } : {}) });
    }
    decided.outcomeItems.forEach((itemKey, i) => {
      const outcome = outcomes[i];
      if (itemKey !== undefined && outcome) outcome.itemId = idOf(itemKey);
    });
    this.scores.countEntries(decided.changes.ledger, live);
    live.feed.push(...written.feed);
    await this.pipeline.runInTransaction(live, receivedAt);
    await this.scores.flushBoards(live);
    return { outcomes, live };
  }

  /**
   * Group commit for integrations and the events API: the events of every request that arrives in
   * the same turn of the event loop are ingested in one transaction, and each request is answered
   * with its own outcomes after that commit (nothing is acknowledged before it is durable). Under
   * load many small requests share one commit instead of paying for one each; alone, a request
   * waits for nothing but the end of the current turn. Duplicates across the grouped requests
   * resolve as they would one after the other. If the shared transaction fails, each request is
   * retried on its own, so one request's failure never fails the others.
   */
  ingestGrouped(inputs: IngestInput[]): Promise<IngestOutcome[]> {
    if (inputs.length === 0) return Promise.resolve([]);
    try {
      this.checkSourceTimes(inputs);
    } catch (err) {
      reportAll(this.metrics, inputs, 'refused');
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ inputs, arrived: performance.now(), resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flushQueue());
      }
    });
  }

  private async flushQueue(): Promise<void> {
    this.flushScheduled = false;
    if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    // A group is capped, so one commit stays short; the rest goes in the next group at once.
    let size = 0;
    let take = 0;
    while (take < this.queue.length && (take === 0 || size + (this.queue[take]?.inputs.length ?? 0) <= MAX_GROUP_EVENTS)) {
      size += this.queue[take]?.inputs.length ?? 0;
      take += 1;
    }
    const group = this.queue.splice(0, take);
    if (this.queue.length > 0 && !this.flushScheduled) {
      // the rest in the next group, at once when more may be in flight
      this.flushScheduled = true;
      setImmediate(() => void this.flushQueue());
    }
    this.groupStats.commits += 1;
    this.groupStats.requests += group.length;
    this.inFlight += 1;
    try {
      const outcomes = await this.ingestReported(group.flatMap((g) => g.inputs), {}, false);
      let at = 0;
      for (const g of group) {
        this.answered(g);
        g.resolve(outcomes.slice(at, at + g.inputs.length));
        at += g.inputs.length;
      }
    } catch {
      for (const g of group) {
        try {
          const outcomes = await this.ingest(g.inputs);
          this.answered(g);
          g.resolve(outcomes);
        } catch (err) {
          this.answered(g);
          g.reject(err);
        }
      }
    } finally {
      this.inFlight -= 1;
      if (this.queue.length > 0 && !this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flushQueue());
      }
    }
  }

  private answered(request: { inputs: IngestInput[]; arrived: number }): void {
    this.metrics.requestAnswered(request.inputs[0]?.via ?? 'unknown', (performance.now() - request.arrived) / 1000);
  }

  /**
   * A change outside the event log that moves points or the feed (kudos, a mission reward, a lead's
   * adjustment): `fn` runs in one transaction with a live batch to fill; the after-commit stages run after it.
   */
  async commitSide<T>(fn: (live: LiveBatch, now: number) => Promise<T>): Promise<T> {
    const live = emptyLiveBatch();
    const result = await this.repos.uow.run(async () => {
      const now = this.now();
      const value = await fn(live, now);
      // Side work moves missions and queues award webhooks like ingested work does.
      await this.pipeline.runInTransaction(live, now);
      await this.scores.flushBoards(live);
      return value;
    });
    if (live.ledger.length > 0 || live.feed.length > 0 || live.badges.length > 0 || live.boards.size > 0) await this.pipeline.runAfterCommit(live);
    return result;
  }
}
