import type { BadgeAward, LedgerEntry, LevelUp, LifecycleEffect, OpsEvent, Window, WorkItem } from '@opsquest/core';
import type { FeedItem, MissionProgressEvent, ServerToClientEvents } from '@opsquest/contracts';

export interface BoardDelta {
  scope: 'individual' | 'team';
  window: Window;
  period: string;
  subjectId: string;
  points: number;
}

/** What one committed ingest batch changed, for the live fan-out. */
export interface LiveBatch {
  items: Map<number, { id: number; item: WorkItem; updatedAt: number }>;
  ledger: LedgerEntry[];
  badges: BadgeAward[];
  levelUps: LevelUp[];
  feed: FeedItem[];
  windows: Set<Window>;
  /**
   * Leaderboard aggregate changes of the batch, summed per (scope, window, period, subject): written
   * once per batch in its transaction, then applied to the in-memory rank indexes after the commit.
   */
  boards: Map<string, BoardDelta>;
  /** XP of every person whose progress changed */
  xp: Map<string, number>;
  /** every applied event with what it did, in log order (for hub notifications) */
  /** `held`: the person's awards for it wait for review, so no mission progress moves either */
  changes: { event: OpsEvent; effects: LifecycleEffect[]; itemId: number; item: WorkItem; held?: boolean }[];
  /** teams whose people had points held for review in this batch (a null team: people without one) */
  heldFor?: (string | null)[];
  /** mission progress that moved (sent to the person or team room after commit); `justCompleted` on the completing step */
  missions?: (MissionProgressEvent & { justCompleted: boolean; at: number })[];
}

/**
 * One socket message of a live tick: an event and its arguments, the rooms it goes to and those it
 * skips. Plain data, so a tick's messages can travel to the other nodes of a cluster as one message.
 */
export type LiveMessage = {
  [E in keyof ServerToClientEvents]: { to: string | string[]; except?: string | string[]; event: E; args: Parameters<ServerToClientEvents[E]> };
}[keyof ServerToClientEvents];
