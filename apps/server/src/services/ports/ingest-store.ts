import type { LedgerEntry, LifecycleEffect, OpsEvent, PersonProgress, SiteHistory, WithheldAward, WorkItem } from '@opsquest/core';
import type { FeedItem } from '@opsquest/contracts';

/**
 * The persistence port of the ingest path: load, decide, commit, per batch.
 *
 * A batch is one unit of work. The adapter opens it and calls `step` with what it has loaded so
 * far; `step` (pure: no store calls) answers either the keys it still needs, which the adapter
 * loads with one set-based query per kind and calls again, or the change set to write. The adapter
 * writes the change set with as few statements as it can, runs `finish` (the in-transaction stages:
 * missions, outbox, leaderboard aggregates) and commits. The promise settles after the commit.
 *
 * Before the first step the adapter reads the newest rule-set version into `state.ruleSetVersion`.
 *
 * SQLite (db/sqlite/ingest-store.sqlite.ts) runs the whole loop synchronously inside one
 * BEGIN IMMEDIATE transaction: its single writer means nothing can change between load and commit.
 */
export interface IngestStore {
  runBatch<T>(step: (state: BatchState) => BatchStep<T>): Promise<T>;
}

export type BatchStep<T> = { need: BatchNeeds } | { changes: BatchChanges; finish: (written: WrittenBatch) => Promise<T> };

/** A person as the ingest path sees them (no credentials). */
export interface PersonCard {
  id: string;
  username: string;
  displayName: string;
  teamId: string | null;
  workDays: number[] | null;
}

/** One event of the log as the ingest path reads it back (an item's life, parked finishes). */
export interface LoggedEvent {
  eventKey: string;
  event: OpsEvent;
  via: string;
  receivedAt: number;
  applied: boolean;
  reason: string | null;
}

/** Keys to load; each list holds only keys not loaded yet. */
export interface BatchNeeds {
  /** event keys to check against the log (dedupe) */
  eventKeys: string[];
  items: string[];
  /** active people by username */
  usernames: string[];
  /** people by id, active or not */
  personIds: string[];
  progress: string[];
  sites: string[];
  /** the whole logged life of these items, in log order */
  itemEvents: string[];
  /** actors an admin may have mapped to a person */
  aliases: string[];
}

export function emptyNeeds(): BatchNeeds {
  return { eventKeys: [], items: [], usernames: [], personIds: [], progress: [], sites: [], itemEvents: [], aliases: [] };
}

export function hasNeeds(needs: BatchNeeds): boolean {
  return Object.values(needs).some((list: string[]) => list.length > 0);
}

/**
 * What is loaded so far. Every key that was asked for has an entry: its value, or null when the
 * store has none (so "absent" and "not loaded yet" never look alike).
 */
export class BatchState {
  readonly storedEvents = new Map<string, boolean>();
  readonly items = new Map<string, WorkItem | null>();
  readonly peopleByUsername = new Map<string, PersonCard | null>();
  readonly peopleById = new Map<string, PersonCard | null>();
  readonly progress = new Map<string, PersonProgress | null>();
  readonly sites = new Map<string, SiteHistory | null>();
  readonly itemEvents = new Map<string, LoggedEvent[]>();
  /** actor → the person id it was mapped to, or null */
  readonly aliases = new Map<string, string | null>();
  /**
   * The newest published rule-set version, read by the adapter at the start of the batch (inside its
   * transaction; on PostgreSQL under a shared lock a publish takes exclusively). A batch decided
   * under another version than the one it will be logged after is decided again (IngestService).
   */
  ruleSetVersion: number | undefined = undefined;

  /** the keys of `wanted` that are not loaded yet, each once */
  static missing(loaded: ReadonlyMap<string, unknown>, wanted: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const key of wanted) if (!loaded.has(key)) out.add(key);
    return [...out];
  }
}

export interface NewLoggedEvent {
  eventKey: string;
  itemKey: string;
  event: OpsEvent;
  occurredAt: number;
  receivedAt: number;
  via: string;
  raw: string | null;
  applied: boolean;
  reason: string | null;
}

/** What a held award's release must replay downstream: the applied change, its item named by key. */
export interface HeldChange {
  event: OpsEvent;
  effects: LifecycleEffect[];
  itemKey: string;
  item: WorkItem;
}

export interface NewFeedLine {
  at: number;
  kind: FeedItem['kind'];
  text: string;
  personId: string | null;
  /** the name shown with the line (the feed's reader joins it from people) */
  personName: string | null;
  teamId: string | null;
  points: number | null;
}

/** A badge earned or taken back, in the order the engine decided it. */
export type BadgeChange = { kind: 'earn'; personId: string; badgeId: string; at: number; eventKey: string } | { kind: 'revoke'; personId: string; badgeId: string };

/** Everything one batch writes. Lists are in decision order; items and progress hold each one's last state. */
export interface BatchChanges {
  receivedAt: number;
  /**
   * What the batch's items are stamped with (`updatedAt`): taken once the batch holds its keys (its
   * transaction on SQLite, its item locks on PostgreSQL), so of two batches that change one item the
   * one that commits later has the later stamp, whenever each was received. Browsers keep the item
   * with the later stamp.
   */
  updatedAt: number;
  events: NewLoggedEvent[];
  /** parked events stored by an earlier batch and applied by this one */
  markApplied: string[];
  /** each item's state after the batch, in the order the batch first touched them */
  items: Map<string, WorkItem>;
  ledger: LedgerEntry[];
  withheld: { award: WithheldAward; change?: HeldChange }[];
  sites: Map<string, SiteHistory>;
  progress: Map<string, PersonProgress>;
  badges: BadgeChange[];
  feed: NewFeedLine[];
}

/** What the adapter hands back after writing: ids the store gave. */
export interface WrittenBatch {
  itemIds: Map<string, number>;
  feed: FeedItem[];
}
