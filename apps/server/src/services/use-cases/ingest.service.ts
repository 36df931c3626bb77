import {
  dedupKeyOf,
  effectiveTime,
  inSourceOrder,
  PARKED_REASON,
  processEvent,
  type EngineConfig,
  type EngineOutput,
  type EngineStore,
  type OpsEvent,
  type PersonProgress,
  type PersonRef,
  type SiteHistory,
  type WorkItem,
} from '@opsquest/core';
import type { FeedItem } from '@opsquest/contracts';
import { CommitPipeline } from '../live/commit-pipeline';
import { conflict, invalid } from '../domain-errors';
import { toPersonRef, type PersonRow } from '../../repositories/people.repository';
import type { Repositories } from '../../repositories';
import { workDoneText } from './feed-text';
import type { LiveBatch } from '../live/live.types';
import { emptyLiveBatch, ScoreWriter } from './score-writer';

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

/** Ways in that replay real history on purpose (a history import, the demo's seeded weeks): old work there still pays. */
export const HISTORY_VIAS: ReadonlySet<string> = new Set(['import', 'seed']);

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

/** The most events one group commit takes (a batch request of 1,000 still goes in whole). */
const MAX_GROUP_EVENTS = 2000;

interface BatchMemo {
  items: Map<string, WorkItem | undefined>;
  people: Map<string, PersonRef | undefined>;
  progress: Map<string, PersonProgress | undefined>;
  sites: Map<string, SiteHistory | undefined>;
  names: Map<string, PersonRow | undefined>;
}

function remember<T>(map: Map<string, T | undefined>, key: string, load: () => T | undefined): T | undefined {
  if (map.has(key)) return map.get(key);
  const value = load();
  map.set(key, value);
  return value;
}

/**
 * The one event path: integrations, people's console actions, the simulator and the SLA timer all
 * come through here. Per batch, in one transaction: dedupe, run the engine, append the event,
 * save the work item, append ledger entries, update leaderboard aggregates, progress, badges and
 * the feed. The commit pipeline's stages (commit-pipeline.ts) run inside the transaction and after the commit.
 */
export class IngestService {
  /** what runs inside each batch's transaction and after its commit, in a declared order */
  readonly pipeline = new CommitPipeline();
  private readonly store: EngineStore;
  private readonly memo: BatchMemo = { items: new Map(), people: new Map(), progress: new Map(), sites: new Map(), names: new Map() };
  private readonly runBatch: (inputs: IngestInput[], options: IngestOptions) => { outcomes: IngestOutcome[]; live: LiveBatch };
  readonly scores: ScoreWriter;

  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
    private readonly clock: SourceClockPolicy = { maxSkewMs: 5 * 60_000 },
  ) {
    // Reads go through a memo that lives for one batch: an alarm storm touches the same people,
    // items and sites again and again, and each read would otherwise be a query and a JSON parse.
    const memo = this.memo;
    this.store = {
      getItem: (key) => remember(memo.items, key, () => repos.workItems.get(key)),
      getPerson: (username) =>
        remember(memo.people, username, () => {
          const p = repos.people.findByUsername(username);
          return p ? toPersonRef(p) : undefined;
        }),
      getProgress: (id) => remember(memo.progress, id, () => repos.progress.find(id)),
      getSiteHistory: (key) => remember(memo.sites, key, () => repos.gates.siteHistory(key)),
      // Read only for an event that arrives after later events of its item (rare): no memo.
      getItemEvents: (key) =>
        repos.events
          .listForItem(key)
          .filter((e) => e.applied)
          .map((e) => ({ eventKey: e.eventKey, event: e.event, at: effectiveTime(e.event, { receivedAt: e.receivedAt }) })),
    };
    this.scores = new ScoreWriter(repos, config);
    this.runBatch = repos.db.transaction((inputs: IngestInput[], options: IngestOptions) => this.applyAll(inputs, options)).immediate;
  }

  /** Group commit: requests waiting for the next commit, and how many commits served how many requests. */
  private queue: { inputs: IngestInput[]; resolve: (outcomes: IngestOutcome[]) => void; reject: (err: unknown) => void }[] = [];
  private flushScheduled = false;
  readonly groupStats = { commits: 0, requests: 0 };

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

  ingest(inputs: IngestInput[], options: IngestOptions = {}): IngestOutcome[] {
    if (inputs.length === 0) return [];
    this.checkSourceTimes(inputs);
    let result: { outcomes: IngestOutcome[]; live: LiveBatch };
    try {
      result = this.runBatch(inputs, options);
    } finally {
      this.forget();
    }
    const { outcomes, live } = result;
    if (live.items.size > 0 || live.feed.length > 0 || live.boards.size > 0) this.pipeline.runAfterCommit(live);
    return outcomes;
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
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ inputs, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flushQueue());
      }
    });
  }

  private flushQueue(): void {
    this.flushScheduled = false;
    // A group is capped, so one commit stays short; the rest goes in the next group at once.
    let size = 0;
    let take = 0;
    while (take < this.queue.length && (take === 0 || size + (this.queue[take]?.inputs.length ?? 0) <= MAX_GROUP_EVENTS)) {
      size += this.queue[take]?.inputs.length ?? 0;
      take += 1;
    }
    const group = this.queue.splice(0, take);
    if (this.queue.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flushQueue());
    }
    this.groupStats.commits += 1;
    this.groupStats.requests += group.length;
    try {
      const outcomes = this.ingest(group.flatMap((g) => g.inputs));
      let at = 0;
      for (const g of group) {
        g.resolve(outcomes.slice(at, at + g.inputs.length));
        at += g.inputs.length;
      }
    } catch {
      for (const g of group) {
        try {
          g.resolve(this.ingest(g.inputs));
        } catch (err) {
          g.reject(err);
        }
      }
    }
  }

  /**
   * A change outside the event log that moves points or the feed (kudos, a mission reward, a lead's
   * adjustment): `fn` runs in one transaction with a live batch to fill; the after-commit stages run after it.
   */
  commitSide<T>(fn: (live: LiveBatch, now: number) => T): T {
    const live = emptyLiveBatch();
    const result = this.repos.db.transaction(() => {
      const now = this.now();
      const value = fn(live, now);
      // Side work moves missions and queues award webhooks like ingested work does.
      this.pipeline.runInTransaction(live, now);
      this.scores.flushBoards(live);
      return value;
    }).immediate();
    if (live.ledger.length > 0 || live.feed.length > 0 || live.badges.length > 0 || live.boards.size > 0) this.pipeline.runAfterCommit(live);
    return result;
  }

  private forget(): void {
    for (const map of Object.values(this.memo) as Map<string, unknown>[]) map.clear();
  }

  /**
   * A name an admin mapped to a person (an unknown actor) is that person from then on: the stored event
   * names the person (replay needs no alias table), the payload as sent stays in `raw`.
   */
  private withMappedActor(event: OpsEvent): OpsEvent {
    if (event.actor === undefined || this.store.getPerson(event.actor) !== undefined) return event;
    const alias = this.repos.actorAliases.find(event.actor);
    const person = alias ? this.personById(alias.personId) : undefined;
    return person ? { ...event, actor: person.username } : event;
  }

  private personById(id: string): PersonRow | undefined {
    return remember(this.memo.names, id, () => this.repos.people.findById(id));
  }

  private applyAll(inputs: IngestInput[], options: IngestOptions): { outcomes: IngestOutcome[]; live: LiveBatch } {
    const { repos } = this;
    const receivedAt = this.now();
    const live = emptyLiveBatch();
    const seen = new Set<string>();
    const outcomes: IngestOutcome[] = [];
    for (const input of inputs) {
      const eventKey = dedupKeyOf(input.event);
      if (seen.has(eventKey) || repos.events.has(eventKey)) {
        outcomes.push({ eventKey, status: 'duplicate', applied: false, points: 0 });
        continue;
      }
      seen.add(eventKey);
      const context = { receivedAt, history: HISTORY_VIAS.has(input.via) };
      const event = this.withMappedActor(input.event);
      const output = processEvent(event, this.store, this.config, eventKey, context);
      if (!output.applied && options.rejectInvalid) throw conflict(`Cannot ${event.transition}: ${output.reason ?? 'not possible now'}`);
      repos.events.append({
        eventKey,
        itemKey: output.itemKey,
        event,
        occurredAt: output.at,
        receivedAt,
        via: input.via,
        ...(input.raw !== undefined ? { raw: input.raw } : event !== input.event ? { raw: JSON.stringify(input.event) } : {}),
        applied: output.applied,
        ...(output.reason ? { reason: output.reason } : {}),
      });
      const outcome: IngestOutcome = {
        eventKey,
        status: 'stored',
        applied: output.applied,
        points: output.ledger.reduce((sum, e) => sum + e.points, 0),
        output,
        ...(output.reason ? { reason: output.reason } : {}),
      };
      if (output.applied && output.item) {
        outcome.itemId = this.persistApplied(event, output, receivedAt, live);
        if (output.effects.includes('created')) this.applyParked(output.itemKey, receivedAt, live);
      }
      outcomes.push(outcome);
    }
    // The in-transaction stages (missions) may write progress themselves: nothing read from here on comes from the memo.
    this.forget();
    this.pipeline.runInTransaction(live, receivedAt);
    this.scores.flushBoards(live);
    return { outcomes, live };
  }

  private persistApplied(event: OpsEvent, output: EngineOutput, receivedAt: number, live: LiveBatch): number {
    const item = output.item;
    if (!item) throw new Error('an applied event has an item');
    const itemId = this.repos.workItems.save(item, receivedAt);
    this.memo.items.set(output.itemKey, item);
    live.items.set(itemId, { id: itemId, item, updatedAt: receivedAt });
    live.changes.push({ event, effects: output.effects, itemId, item, ...(output.held ? { held: true } : {}) });
    this.persistScoring(event, output, live, { event, effects: output.effects, itemId, item });
    return itemId;
  }

  /**
   * The start of an item arrived: the finishing events that were waiting for it (parked) are applied
   * now, in the order they happened, each with its own receive time, as replay applies them.
   */
  private applyParked(itemKey: string, receivedAt: number, live: LiveBatch): void {
    const waiting = this.repos.events.listForItem(itemKey).filter((e) => !e.applied && e.reason === PARKED_REASON);
    for (const parked of inSourceOrder(waiting)) {
      const output = processEvent(parked.event, this.store, this.config, parked.eventKey, { receivedAt: parked.receivedAt, history: HISTORY_VIAS.has(parked.via) });
      if (!output.applied || !output.item) continue;
      this.repos.events.markApplied(parked.eventKey);
      this.persistApplied(parked.event, output, receivedAt, live);
    }
  }

  private persistScoring(event: OpsEvent, output: EngineOutput, live: LiveBatch, change: LiveBatch['changes'][number]): void {
    const { repos } = this;
    this.scores.appendEntries(output.ledger, live);
    for (const w of output.withheld) {
      repos.gates.withhold(w, w.downstream ? change : undefined);
      if (w.reviewable) (live.heldFor ??= []).push(w.entry.teamId);
    }
    for (const s of output.siteHistory) {
      repos.gates.saveSiteHistory(s.key, s.history);
      this.memo.sites.set(s.key, s.history);
    }
    for (const r of output.revokedBadges) {
      repos.progress.revokeBadge(r.personId, r.badgeId);
      this.memo.progress.delete(r.personId);
    }
    for (const p of output.progress) {
      const earned = output.badges.filter((b) => b.personId === p.personId).map((b) => b.badgeId);
      repos.progress.save(p, output.eventKey, earned);
      if (!output.revokedBadges.some((r) => r.personId === p.personId)) this.memo.progress.set(p.personId, p);
      live.xp.set(p.personId, p.xp);
    }
    live.badges.push(...output.badges);
    live.levelUps.push(...output.levelUps);
    this.writeFeed(event, output, live.feed);
  }

  private writeFeed(event: OpsEvent, output: EngineOutput, feed: FeedItem[]): void {
    const { repos } = this;
    const item = output.item;
    if (!item) return;
    const byPerson = new Map<string, { earned: number; reversed: number; why: string; teamId: string | null }>();
    for (const e of output.ledger) {
      const acc = byPerson.get(e.personId) ?? { earned: 0, reversed: 0, why: '', teamId: e.teamId };
      if (e.reversalOf) {
        acc.reversed += e.points;
        if (!acc.why) acc.why = e.reason.replace(/^Reversed: /, '');
      } else if (!e.ruleId.startsWith('badge:')) acc.earned += e.points;
      byPerson.set(e.personId, acc);
    }
    for (const [personId, acc] of byPerson) {
      const name = this.personById(personId)?.displayName ?? 'Someone';
      if (acc.earned !== 0) {
        feed.push(repos.feed.append({ at: output.at, kind: 'points', text: workDoneText(name, event.transition, item), personId, teamId: acc.teamId, points: acc.earned }));
      }
      if (acc.reversed !== 0) {
        feed.push(
          repos.feed.append({ at: output.at, kind: 'reversal', text: `${name}'s points were reversed: ${acc.why}`, personId, teamId: acc.teamId, points: acc.reversed }),
        );
      }
    }
    for (const b of output.badges) {
      const person = this.personById(b.personId);
      const badge = this.config.badges.find((d) => d.id === b.badgeId);
      if (!person || !badge) continue;
      // A hidden badge stays a surprise for everyone else: the feed says one was found, not which.
      const what = badge.hidden ? 'a hidden badge' : `${badge.icon} ${badge.name}`;
      feed.push(repos.feed.append({ at: output.at, kind: 'badge', text: `${person.displayName} earned ${what}`, personId: person.id, teamId: person.teamId, points: badge.bonusPoints }));
    }
    for (const r of output.revokedBadges) {
      const person = this.personById(r.personId);
      const badge = this.config.badges.find((d) => d.id === r.badgeId);
      if (!person || !badge) continue;
      const what = badge.hidden ? 'hidden badge' : `${badge.icon} ${badge.name}`;
      feed.push(repos.feed.append({ at: output.at, kind: 'reversal', text: `${person.displayName}'s ${what} was withdrawn: the work that earned it did not hold`, personId: person.id, teamId: person.teamId }));
    }
    for (const l of output.levelUps) {
      const person = this.personById(l.personId);
      if (!person) continue;
      feed.push(repos.feed.append({ at: output.at, kind: 'levelUp', text: `${person.displayName} reached level ${l.to}`, personId: person.id, teamId: person.teamId }));
    }
  }
}
