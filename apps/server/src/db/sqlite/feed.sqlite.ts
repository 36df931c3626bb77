import type { FeedItem } from '@opsquest/contracts';
import type { Db } from '../database';
import { type NewFeedRow, type FeedStore } from '../../services/ports/feed-store';
import { type RawFeed, toFeedItem } from '../rows/feed-rows';

/** The activity feed: what people achieved, newest last. */
export class SqliteFeedStore implements FeedStore {
  private readonly insert;
  private readonly recentAll;
  private readonly recentTeam;
  private readonly one;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO feed (at, kind, text, person_id, team_id, points, other_person_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const select = `SELECT f.seq, f.at, f.kind, f.text, f.person_id, f.team_id, f.points, p.display_name, f.other_person_id, o.display_name AS other_name
      FROM feed f LEFT JOIN people p ON p.id = f.person_id LEFT JOIN people o ON o.id = f.other_person_id`;
    this.recentAll = db.prepare<[number], RawFeed>(`${select} ORDER BY f.seq DESC LIMIT ?`);
    this.recentTeam = db.prepare<[string, number], RawFeed>(`${select} WHERE f.team_id = ? ORDER BY f.seq DESC LIMIT ?`);
    this.one = db.prepare<[number], RawFeed>(`${select} WHERE f.seq = ?`);
  }

  async append(row: NewFeedRow): Promise<FeedItem> {
    const seq = Number(this.insert.run(row.at, row.kind, row.text, row.personId ?? null, row.teamId ?? null, row.points ?? null, row.otherPersonId ?? null).lastInsertRowid);
    const stored = this.one.get(seq);
    if (!stored) throw new Error('feed row vanished');
    return toFeedItem(stored);
  }

  async recent(limit: number, teamId?: string): Promise<FeedItem[]> {
    return (teamId ? this.recentTeam.all(teamId, limit) : this.recentAll.all(limit)).map(toFeedItem);
  }
}
