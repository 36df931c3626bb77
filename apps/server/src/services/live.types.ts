import type { BadgeAward, LedgerEntry, LevelUp, LifecycleEffect, OpsEvent, Window, WorkItem } from '@opsquest/core';
import type { FeedItem, MissionProgressEvent } from '@opsquest/contracts';

/** What one committed ingest batch changed, for the live fan-out. */
export interface LiveBatch {
  items: Map<number, { id: number; item: WorkItem; updatedAt: number }>;
  ledger: LedgerEntry[];
  badges: BadgeAward[];
  levelUps: LevelUp[];
  feed: FeedItem[];
  windows: Set<Window>;
  /** XP of every person whose progress changed */
  xp: Map<string, number>;
  /** every applied event with what it did, in log order (for hub notifications) */
  changes: { event: OpsEvent; effects: LifecycleEffect[]; itemId: number; item: WorkItem }[];
  /** teams whose people had points held for review in this batch (a null team: people without one) */
  heldFor?: (string | null)[];
  /** mission progress that moved (sent to the person or team room after commit); `justCompleted` on the completing step */
  missions?: (MissionProgressEvent & { justCompleted: boolean; at: number })[];
}
