import type { FeedItem } from '@opsquest/contracts';

export interface NewFeedRow {
  at: number;
  kind: FeedItem['kind'];
  text: string;
  personId?: string;
  teamId?: string | null;
  points?: number;
  /** the second person the line is about (the giver of kudos) */
  otherPersonId?: string;
}

/** The activity feed: what people achieved, newest last. */
export interface FeedStore {
  append(row: NewFeedRow): Promise<FeedItem>;
  recent(limit: number, teamId?: string): Promise<FeedItem[]>;
}

export {};
