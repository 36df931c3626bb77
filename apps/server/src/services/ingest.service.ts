import { dedupKeyOf, processEvent, type EngineConfig, type EngineOutput, type EngineStore, type OpsEvent } from '@opsquest/core';
import type { FeedItem } from '@opsquest/contracts';
import { conflict } from '../http/errors';
import { toPersonRef } from '../repositories/people.repository';
import type { Repositories } from '../repositories';
import { workDoneText } from './feed-text';
import type { LiveBatch } from './live.types';
import { emptyLiveBatch, ScoreWriter } from './score-writer';

export interface IngestInput {
  event: OpsEvent;
  /** how it reached us: console, api, simulator, sla-timer, ... */
  via: string;
  /** the sender's payload when it differs from the normalised event */
  raw?: string;
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

type Listener = (batch: LiveBatch) => void;
/** Runs inside the batch's transaction: what it writes commits or rolls back with the events. */
type TransactionalHook = (batch: LiveBatch, now: number) => void;

/**
 * The one event path: integrations, people's console actions, the simulator and the SLA timer all
 * come through here. Per batch, in one transaction: dedupe, run the engine, append the event,
 * save the work item, append ledger entries, update leaderboard aggregates, progress, badges and
 * the feed. Listeners (socket fan-out) hear about it only after the commit.
 */
export class IngestService {
  private readonly listeners: Listener[] = [];
  private readonly hooks: TransactionalHook[] = [];
  private readonly store: EngineStore;
  private readonly runBatch: (inputs: IngestInput[], options: IngestOptions) => { outcomes: IngestOutcome[]; live: LiveBatch };
  readonly scores: ScoreWriter;

  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.store = {
      getItem: (key) => repos.workItems.get(key),
      getPerson: (username) => {
        const p = repos.people.findByUsername(username);
        return p ? toPersonRef(p) : undefined;
      },
      getProgress: (id) => repos.progress.find(id),
      getSiteHistory: (key) => repos.gates.siteHistory(key),
    };
    this.scores = new ScoreWriter(repos, config);
    this.runBatch = repos.db.transaction((inputs: IngestInput[], options: IngestOptions) => this.applyAll(inputs, options));
  }

  onCommitted(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** E.g. the outbox of webhook deliveries: queued atomically with the events that cause them. */
  inTransaction(hook: TransactionalHook): void {
    this.hooks.push(hook);
  }

  ingest(inputs: IngestInput[], options: IngestOptions = {}): IngestOutcome[] {
    if (inputs.length === 0) return [];
    const { outcomes, live } = this.runBatch(inputs, options);
    if (live.items.size > 0 || live.feed.length > 0) for (const l of this.listeners) l(live);
    return outcomes;
  }

  /**
   * A change outside the event log that moves points or the feed (kudos, a mission reward, a lead's
   * adjustment): `fn` runs in one transaction with a live batch to fill; listeners hear after commit.
   */
  commitSide<T>(fn: (live: LiveBatch, now: number) => T): T {
    const live = emptyLiveBatch();
    const result = this.repos.db.transaction(() => fn(live, this.now()))();
    if (live.ledger.length > 0 || live.feed.length > 0 || live.badges.length > 0) for (const l of this.listeners) l(live);
    return result;
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
      const output = processEvent(input.event, this.store, this.config);
      if (!output.applied && options.rejectInvalid) throw conflict(`Cannot ${input.event.transition}: ${output.reason ?? 'not possible now'}`);
      repos.events.append({
        eventKey,
        itemKey: output.itemKey,
        event: input.event,
        occurredAt: output.at,
        receivedAt,
        via: input.via,
        ...(input.raw !== undefined ? { raw: input.raw } : {}),
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
        const itemId = repos.workItems.save(output.item, receivedAt);
        outcome.itemId = itemId;
        live.items.set(itemId, { id: itemId, item: output.item, updatedAt: receivedAt });
        live.changes.push({ event: input.event, effects: output.effects, itemId, item: output.item });
        this.persistScoring(input.event, output, live);
      }
      outcomes.push(outcome);
    }
    for (const hook of this.hooks) hook(live, receivedAt);
    return { outcomes, live };
  }

  private persistScoring(event: OpsEvent, output: EngineOutput, live: LiveBatch): void {
    const { repos } = this;
    this.scores.appendEntries(output.ledger, live);
    for (const w of output.withheld) {
      repos.gates.withhold(w);
      if (w.reviewable) (live.heldFor ??= []).push(w.entry.teamId);
    }
    for (const s of output.siteHistory) repos.gates.saveSiteHistory(s.key, s.history);
    for (const r of output.revokedBadges) repos.progress.revokeBadge(r.personId, r.badgeId);
    for (const p of output.progress) {
      repos.progress.save(p, output.eventKey);
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
      const name = repos.people.findById(personId)?.displayName ?? 'Someone';
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
      const person = repos.people.findById(b.personId);
      const badge = this.config.badges.find((d) => d.id === b.badgeId);
      if (!person || !badge) continue;
      // A hidden badge stays a surprise for everyone else: the feed says one was found, not which.
      const what = badge.hidden ? 'a hidden badge' : `${badge.icon} ${badge.name}`;
      feed.push(repos.feed.append({ at: output.at, kind: 'badge', text: `${person.displayName} earned ${what}`, personId: person.id, teamId: person.teamId, points: badge.bonusPoints }));
    }
    for (const r of output.revokedBadges) {
      const person = repos.people.findById(r.personId);
      const badge = this.config.badges.find((d) => d.id === r.badgeId);
      if (!person || !badge) continue;
      const what = badge.hidden ? 'hidden badge' : `${badge.icon} ${badge.name}`;
      feed.push(repos.feed.append({ at: output.at, kind: 'reversal', text: `${person.displayName}'s ${what} was withdrawn: the work that earned it did not hold`, personId: person.id, teamId: person.teamId }));
    }
    for (const l of output.levelUps) {
      const person = repos.people.findById(l.personId);
      if (!person) continue;
      feed.push(repos.feed.append({ at: output.at, kind: 'levelUp', text: `${person.displayName} reached level ${l.to}`, personId: person.id, teamId: person.teamId }));
    }
  }
}
