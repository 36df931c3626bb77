import type { FeedItem } from '@opsquest/contracts';
import { type NewFeedRow, type FeedStore } from '../../services/ports/feed-store';
import type { PgExecutor } from './executor.postgres';
import { type RawFeed, toFeedItem } from '../rows/feed-rows';

const SELECT = `SELECT f.seq, f.at, f.kind, f.text, f.person_id, f.team_id, f.points, p.display_name, f.other_person_id, o.display_name AS other_name
  FROM feed f LEFT JOIN people p ON p.id = f.person_id LEFT JOIN people o ON o.id = f.other_person_id`;

/** PostgreSQL's FeedStore: what people achieved, newest last; each line with the names of the people it is about. */
export class PgFeedStore implements FeedStore {
  constructor(private readonly pg: PgExecutor) {}

  async append(row: NewFeedRow): Promise<FeedItem> {
    const stored = await this.pg.one<RawFeed>(
      `WITH f AS (
         INSERT INTO feed (at, kind, text, person_id, team_id, points, other_person_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING seq, at, kind, text, person_id, team_id, points, other_person_id
       )
       SELECT f.seq, f.at, f.kind, f.text, f.person_id, f.team_id, f.points, p.display_name, f.other_person_id, o.display_name AS other_name
       FROM f LEFT JOIN people p ON p.id = f.person_id LEFT JOIN people o ON o.id = f.other_person_id`,
      [row.at, row.kind, row.text, row.personId ?? null, row.teamId ?? null, row.points ?? null, row.otherPersonId ?? null],
    );
    if (!stored) throw new Error('feed row vanished');
    return toFeedItem(stored);
  }

  async recent(limit: number, teamId?: string): Promise<FeedItem[]> {
    const rows = teamId
      ? await this.pg.rows<RawFeed>(`${SELECT} WHERE f.team_id = $1 ORDER BY f.seq DESC LIMIT $2`, [teamId, limit])
      : await this.pg.rows<RawFeed>(`${SELECT} ORDER BY f.seq DESC LIMIT $1`, [limit]);
    return rows.map(toFeedItem);
  }
}
