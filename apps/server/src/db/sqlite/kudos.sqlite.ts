import type { Db } from '../database';
import { type KudosRow, type KudosStore } from '../../services/ports/kudos-store';
import { type RawKudos, toKudosRow } from '../rows/kudos-rows';

/** Kudos given and received; the daily budget is a count per giver and local day. */
export class SqliteKudosStore implements KudosStore {
  private readonly insert;
  private readonly givenOnDay;
  private readonly receivedCount;
  private readonly receivedBy;
  private readonly givenBy;
  private readonly one;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO kudos (id, from_person_id, to_person_id, message, at, day) VALUES (?, ?, ?, ?, ?, ?)');
    this.givenOnDay = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM kudos WHERE from_person_id = ? AND day = ?');
    this.receivedCount = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM kudos WHERE to_person_id = ?');
    const select = `SELECT k.id, k.from_person_id, f.display_name AS from_name, k.to_person_id, t.display_name AS to_name, k.message, k.at, k.day
      FROM kudos k JOIN people f ON f.id = k.from_person_id JOIN people t ON t.id = k.to_person_id`;
    this.receivedBy = db.prepare<[string, number], RawKudos>(`${select} WHERE k.to_person_id = ? ORDER BY k.at DESC, k.rowid DESC LIMIT ?`);
    this.givenBy = db.prepare<[string, number], RawKudos>(`${select} WHERE k.from_person_id = ? ORDER BY k.at DESC, k.rowid DESC LIMIT ?`);
    this.one = db.prepare<[string], RawKudos>(`${select} WHERE k.id = ?`);
  }

  async add(k: { id: string; fromPersonId: string; toPersonId: string; message: string; at: number; day: string }): Promise<KudosRow> {
    this.insert.run(k.id, k.fromPersonId, k.toPersonId, k.message, k.at, k.day);
    const stored = this.one.get(k.id);
    if (!stored) throw new Error('kudos row vanished');
    return toKudosRow(stored);
  }

  async countGiven(personId: string, day: string): Promise<number> {
    return this.givenOnDay.get(personId, day)?.n ?? 0;
  }

  async countReceived(personId: string): Promise<number> {
    return this.receivedCount.get(personId)?.n ?? 0;
  }

  async received(personId: string, limit: number): Promise<KudosRow[]> {
    return this.receivedBy.all(personId, limit).map(toKudosRow);
  }

  async given(personId: string, limit: number): Promise<KudosRow[]> {
    return this.givenBy.all(personId, limit).map(toKudosRow);
  }
}
