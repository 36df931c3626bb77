import type { SiteHistory, WithheldAward } from '@opsquest/core';
import type { Db } from '../database';
import { awardParams } from '../award-columns';
import { type StoredDownstream, type WithheldRow, type GatesStore } from '../../services/ports/gates-store';
import { type RawWithheld, toWithheldRow } from '../rows/gates-rows';

/** Withheld awards (caps, bursts held for review) and site histories for the first-time-fix gate. */
export class SqliteGatesStore implements GatesStore {
  private readonly getSite;
  private readonly putSite;
  private readonly insertWithheld;
  private readonly one;
  private readonly forPerson;
  private readonly heldAll;
  private readonly heldTeam;
  private readonly decide;
  private readonly releasedAll;

  constructor(db: Db) {
    this.getSite = db.prepare<[string], { state: string }>('SELECT state FROM site_history WHERE key = ?');
    this.putSite = db.prepare('INSERT INTO site_history (key, state) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET state = excluded.state');
    this.insertWithheld = db.prepare(
      `INSERT OR IGNORE INTO withheld_awards (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, why, detail, status, downstream)
       VALUES (@entryId, @personId, @teamId, @points, @ruleId, @ruleVersion, @eventKey, @itemKey, @reason, @at, @why, @detail, @status, @downstream)`,
    );
    const select = 'SELECT w.*, p.display_name FROM withheld_awards w LEFT JOIN people p ON p.id = w.person_id';
    this.one = db.prepare<[string], RawWithheld>(`${select} WHERE w.entry_id = ?`);
    this.forPerson = db.prepare<[string, number], RawWithheld>(`${select} WHERE w.person_id = ? ORDER BY w.at DESC LIMIT ?`);
    this.heldAll = db.prepare<[number], RawWithheld>(`${select} WHERE w.status = 'held' ORDER BY w.at LIMIT ?`);
    this.heldTeam = db.prepare<[string, number], RawWithheld>(`${select} WHERE w.status = 'held' AND w.team_id = ? ORDER BY w.at LIMIT ?`);
    this.releasedAll = db.prepare<[], RawWithheld>(`${select} WHERE w.status = 'released' ORDER BY w.decided_at, w.entry_id`);
    this.decide = db.prepare(
      "UPDATE withheld_awards SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE entry_id = ? AND status = 'held'",
    );
  }

  async siteHistory(key: string): Promise<SiteHistory | undefined> {
    const row = this.getSite.get(key);
    return row ? (JSON.parse(row.state) as SiteHistory) : undefined;
  }

  async saveSiteHistory(key: string, history: SiteHistory): Promise<void> {
    this.putSite.run(key, JSON.stringify(history));
  }

  /** `change` is kept with the award that carries the downstream (the event's first held award). */
  async withhold(w: WithheldAward, change?: StoredDownstream['change']): Promise<void> {
    const downstream: StoredDownstream | undefined = w.downstream ? { ...w.downstream, ...(change ? { change } : {}) } : undefined;
    this.insertWithheld.run({
      ...awardParams(w.entry),
      why: w.why,
      detail: w.detail,
      status: w.reviewable ? 'held' : 'final',
      downstream: downstream ? JSON.stringify(downstream) : null,
    });
  }

  /** Every released award in the order it was released (the consistency checker replays them). */
  async released(): Promise<WithheldRow[]> {
    return this.releasedAll.all().map(toWithheldRow);
  }

  async find(entryId: string): Promise<WithheldRow | undefined> {
    const r = this.one.get(entryId);
    return r ? toWithheldRow(r) : undefined;
  }

  async recentForPerson(personId: string, limit: number): Promise<WithheldRow[]> {
    return this.forPerson.all(personId, limit).map(toWithheldRow);
  }

  /** Awards waiting for review, oldest first; a team's only when `teamId` is given. */
  async held(limit: number, teamId?: string): Promise<WithheldRow[]> {
    return (teamId === undefined ? this.heldAll.all(limit) : this.heldTeam.all(teamId, limit)).map(toWithheldRow);
  }

  /** Records the decision; false when it was already decided. */
  async decideHeld(entryId: string, status: 'released' | 'rejected', by: string, at: number, reason: string): Promise<boolean> {
    return this.decide.run(status, by, at, reason, entryId).changes === 1;
  }
}
