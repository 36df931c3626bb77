import { dedupKeyOf, inSourceOrder, itemKeyOf, PARKED_REASON, processEvent, type EngineConfig, type EngineOutput, type OpsEvent, type WorkItem } from '@opsquest/core';
import { conflict } from '../domain-errors';
import { BatchState, type BatchChanges, type BatchNeeds, type LoggedEvent, type NewLoggedEvent } from '../ports/ingest-store';
import type { LiveBatch } from '../live/live.types';
import { BatchView } from './batch-view';
import { engineFeedLines } from './feed-text';
import { emptyLiveBatch } from './score-writer';
import type { IngestInput, IngestOptions, IngestOutcome } from './ingest.service';

/** Ways in that replay real history on purpose (a history import, the demo's seeded weeks): old work there still pays. */
export const HISTORY_VIAS: ReadonlySet<string> = new Set(['import', 'seed']);

/** One applied change, waiting for its item's id from the store. */
export interface PendingChange {
  event: OpsEvent;
  output: EngineOutput;
  item: WorkItem;
}

/** A decided batch: what to write, what to answer, and the live batch to complete with store ids. */
export interface DecidedBatch {
  changes: BatchChanges;
  outcomes: IngestOutcome[];
  /** per outcome, the item whose id it reports (applied events only) */
  outcomeItems: (string | undefined)[];
  applied: PendingChange[];
  live: LiveBatch;
}

/** The usernames an item names (its holder, responder, resolver): their progress may move. */
function peopleOfItem(item: WorkItem): string[] {
  return [item.assignee, item.respondedBy, item.resolvedBy].filter((u): u is string => u !== undefined);
}

/** Person ids whose awards an item keeps (a clear that may be reversed, acknowledgements waiting to pay). */
function awardHoldersOf(item: WorkItem): string[] {
  const ids = (item.lastResolution?.awards ?? []).map((a) => a.personId);
  for (const p of item.pendingAwards ?? []) ids.push(p.award.personId);
  return ids;
}

function siteKeysOfEvent(event: OpsEvent, item: WorkItem | null | undefined): string[] {
  if (event.stream !== 'truckroll') return [];
  const keys: string[] = [];
  const sent = event.attributes;
  for (const site of [item?.site, sent?.site]) if (site) keys.push(`site:${site}`);
  for (const customer of [item?.customer, sent?.customer]) if (customer) keys.push(`customer:${customer}`);
  return keys;
}

/**
 * What the batch's events will read, from what is loaded so far: the set-based load plan. Asked
 * again after each load, it grows with what the loaded rows name (an item's people, their progress,
 * the log of an item that does not exist yet, where its parked finishes wait).
 */
export function planLoad(events: readonly OpsEvent[], eventKeys: readonly string[], state: BatchState): BatchNeeds {
  const itemKeys = events.map(itemKeyOf);
  const usernames: string[] = [];
  const sites: string[] = [];
  for (const [i, event] of events.entries()) {
    if (event.actor !== undefined) usernames.push(event.actor);
    const item = state.items.get(itemKeys[i] ?? '');
    if (item) usernames.push(...peopleOfItem(item));
    sites.push(...siteKeysOfEvent(event, item));
  }
  const personIds: string[] = [];
  for (const card of state.peopleByUsername.values()) if (card) personIds.push(card.id);
  for (const item of state.items.values()) if (item) personIds.push(...awardHoldersOf(item));
  const unknownActors = usernames.filter((u) => state.peopleByUsername.get(u) === null);
  const aliasTargets = [...state.aliases.values()].filter((id): id is string => id !== null && id !== undefined);
  return {
    eventKeys: BatchState.missing(state.storedEvents, eventKeys),
    items: BatchState.missing(state.items, itemKeys),
    usernames: BatchState.missing(state.peopleByUsername, usernames),
    personIds: BatchState.missing(state.peopleById, aliasTargets),
    progress: BatchState.missing(state.progress, personIds),
    sites: BatchState.missing(state.sites, sites),
    // a new item's log: finishing events that arrived before its start wait there (parked)
    itemEvents: BatchState.missing(state.itemEvents, itemKeys.filter((k) => state.items.get(k) === null)),
    aliases: BatchState.missing(state.aliases, unknownActors),
  };
}

/**
 * One decision pass over a batch: dedupe, the engine on every event in order, parked finishes of
 * items that start here, and the change set. Pure: everything it reads comes from `view`. When the
 * view missed something, the caller loads it and runs the pass again.
 */
export class BatchDecision {
  readonly view: BatchView;
  private readonly changes: BatchChanges;
  private readonly live = emptyLiveBatch();
  private readonly applied: PendingChange[] = [];
  /** events of this batch by key, to mark a parked one applied in place */
  private readonly ownEvents = new Map<string, NewLoggedEvent>();

  constructor(
    private readonly state: BatchState,
    private readonly config: EngineConfig,
    receivedAt: number,
  ) {
    this.view = new BatchView(state);
    this.changes = { receivedAt, updatedAt: receivedAt, events: [], markApplied: [], items: new Map(), ledger: [], withheld: [], sites: new Map(), progress: new Map(), badges: [], feed: [] };
  }

  /** undefined when the view missed something the pass needed */
  run(inputs: readonly IngestInput[], eventKeys: readonly string[], options: IngestOptions): DecidedBatch | undefined {
    const { receivedAt } = this.changes;
    const { state } = this;
    const seen = new Set<string>();
    const outcomes: IngestOutcome[] = [];
    const outcomeItems: (string | undefined)[] = [];
    for (const [i, input] of inputs.entries()) {
      const eventKey = eventKeys[i] ?? dedupKeyOf(input.event);
      if (seen.has(eventKey) || state.storedEvents.get(eventKey) === true) {
        outcomes.push({ eventKey, status: 'duplicate', applied: false, points: 0 });
        outcomeItems.push(undefined);
        continue;
      }
      seen.add(eventKey);
      const event = this.withMappedActor(input.event);
      const output = processEvent(event, this.view, this.config, eventKey, { receivedAt, history: HISTORY_VIAS.has(input.via) });
      if (!output.applied && options.rejectInvalid) {
        if (this.view.missed) return undefined;
        throw conflict(`Cannot ${event.transition}: ${output.reason ?? 'not possible now'}`);
      }
      const raw = input.raw !== undefined ? input.raw : event !== input.event ? JSON.stringify(input.event) : null;
      this.logEvent({ eventKey, itemKey: output.itemKey, event, occurredAt: output.at, receivedAt, via: input.via, raw, applied: output.applied, reason: output.reason ?? null });
      outcomes.push({ eventKey, status: 'stored', applied: output.applied, points: output.ledger.reduce((sum, e) => sum + e.points, 0), output, ...(output.reason ? { reason: output.reason } : {}) });
      outcomeItems.push(output.applied && output.item ? output.itemKey : undefined);
      if (output.applied && output.item) {
        this.apply(event, output);
        if (output.effects.includes('created')) this.applyParked(output.itemKey);
      }
    }
    if (this.view.missed) return undefined;
    return { changes: this.changes, outcomes, outcomeItems, applied: this.applied, live: this.live };
  }

  /**
   * A name an admin mapped to a person (an unknown actor) is that person from then on: the stored event
   * names the person (replay needs no alias table), the payload as sent stays in `raw`.
   */
  private withMappedActor(event: OpsEvent): OpsEvent {
    if (event.actor === undefined || this.view.getPerson(event.actor) !== undefined) return event;
    const personId = this.view.aliasOf(event.actor);
    const person = personId === undefined ? undefined : this.view.personById(personId);
    return person ? { ...event, actor: person.username } : event;
  }

  private logEvent(row: NewLoggedEvent): void {
    this.changes.events.push(row);
    this.ownEvents.set(row.eventKey, row);
    const logged: LoggedEvent = { eventKey: row.eventKey, event: row.event, via: row.via, receivedAt: row.receivedAt, applied: row.applied, reason: row.reason };
    this.view.log(row.itemKey, logged);
  }

  /**
   * The start of an item arrived: the finishing events that were waiting for it (parked) are applied
   * now, in the order they happened, each with its own receive time, as replay applies them.
   */
  private applyParked(itemKey: string): void {
    const waiting = this.view.loggedFor(itemKey).filter((e) => !e.applied && e.reason === PARKED_REASON);
    for (const parked of inSourceOrder(waiting)) {
      const output = processEvent(parked.event, this.view, this.config, parked.eventKey, { receivedAt: parked.receivedAt, history: HISTORY_VIAS.has(parked.via) });
      if (!output.applied || !output.item) continue;
      this.view.markApplied(parked.eventKey);
      const own = this.ownEvents.get(parked.eventKey);
      if (own) {
        own.applied = true;
        own.reason = null;
      } else this.changes.markApplied.push(parked.eventKey);
      this.apply(parked.event, output);
    }
  }

  private apply(event: OpsEvent, output: EngineOutput): void {
    const item = output.item;
    if (!item) return;
    const { changes, live, view } = this;
    view.setItem(item);
    // an item keeps the place it first took: new items get their ids in the order they started
    changes.items.set(item.key, item);
    this.applied.push({ event, output, item });
    changes.ledger.push(...output.ledger);
    const change = { event, effects: output.effects, itemKey: item.key, item };
    for (const w of output.withheld) {
      changes.withheld.push({ award: w, ...(w.downstream ? { change } : {}) });
      if (w.reviewable) (live.heldFor ??= []).push(w.entry.teamId);
    }
    for (const s of output.siteHistory) {
      changes.sites.set(s.key, s.history);
      view.setSite(s.key, s.history);
    }
    for (const r of output.revokedBadges) changes.badges.push({ kind: 'revoke', personId: r.personId, badgeId: r.badgeId });
    for (const p of output.progress) {
      for (const b of output.badges) {
        const at = p.badges[b.badgeId];
        if (b.personId === p.personId && at !== undefined) changes.badges.push({ kind: 'earn', personId: p.personId, badgeId: b.badgeId, at, eventKey: output.eventKey });
      }
      changes.progress.set(p.personId, p);
      view.setProgress(p);
      live.xp.set(p.personId, p.xp);
    }
    live.badges.push(...output.badges);
    live.levelUps.push(...output.levelUps);
    changes.feed.push(...engineFeedLines(event, output, this.config.badges, (id) => view.personById(id)));
  }
}
