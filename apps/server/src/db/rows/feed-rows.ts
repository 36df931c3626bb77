import type { FeedItem } from '@opsquest/contracts';

/** A feed row (with the names of its people) as both adapters read it, and how it becomes a FeedItem. */
export interface RawFeed {
  seq: number;
  at: number;
  kind: FeedItem['kind'];
  text: string;
  person_id: string | null;
  team_id: string | null;
  points: number | null;
  display_name: string | null;
  other_person_id: string | null;
  other_name: string | null;
}

/** BIGINTs arrive as numbers on PostgreSQL too (pool.postgres.ts). */
export function toFeedItem(r: RawFeed): FeedItem {
  return {
    id: String(r.seq),
    at: new Date(r.at).toISOString(),
    kind: r.kind,
    text: r.text,
    ...(r.person_id ? { personId: r.person_id } : {}),
    ...(r.display_name ? { personName: r.display_name } : {}),
    ...(r.team_id ? { teamId: r.team_id } : {}),
    ...(r.points !== null ? { points: r.points } : {}),
    ...(r.other_person_id ? { fromPersonId: r.other_person_id } : {}),
    ...(r.other_name ? { fromPersonName: r.other_name } : {}),
  };
}
