import type { SiteHistory, WithheldAward } from '@opsquest/core';
import { awardParams } from '../award-columns';
import type { GatesStore, StoredDownstream, WithheldRow } from '../../services/ports/gates-store';
import type { PgExecutor } from './executor.postgres';
import { type RawWithheld, toWithheldRow } from '../rows/gates-rows';

const SELECT = `SELECT w.entry_id, w.person_id, w.team_id, w.points, w.rule_id, w.rule_version, w.event_key, w.item_key, w.reason, w.at,
  w.why, w.detail, w.status, w.decided_by, w.decided_at, w.decision_reason, w.downstream, p.display_name
  FROM withheld_awards w LEFT JOIN people p ON p.id = w.person_id`;

/** PostgreSQL's GatesStore, the twin of SqliteGatesStore: withheld awards and site histories. */
export class PgGatesStore implements GatesStore {
  constructor(private readonly pg: PgExecutor) {}

  async siteHistory(key: string): Promise<SiteHistory | undefined> {
    const row = await this.pg.one<{ state: string }>('SELECT state FROM site_history WHERE key = $1', [key]);
    return row ? (JSON.parse(row.state) as SiteHistory) : undefined;
  }

  async saveSiteHistory(key: string, history: SiteHistory): Promise<void> {
    await this.pg.run('INSERT INTO site_history (key, state) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET state = excluded.state', [key, JSON.stringify(history)]);
  }

  /** `change` is kept with the award that carries the downstream (the event's first held award). A second award of the same entry id is ignored. */
  async withhold(w: WithheldAward, change?: StoredDownstream['change']): Promise<void> {
    const downstream: StoredDownstream | undefined = w.downstream ? { ...w.downstream, ...(change ? { change } : {}) } : undefined;
    const a = awardParams(w.entry);
    await this.pg.run(
      `INSERT INTO withheld_awards (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, why, detail, status, downstream)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (entry_id) DO NOTHING`,
      [
        a.entryId,
        a.personId,
        a.teamId,
        a.points,
        a.ruleId,
        a.ruleVersion,
        a.eventKey,
        a.itemKey,
        a.reason,
        a.at,
        w.why,
        w.detail,
        w.reviewable ? 'held' : 'final',
        downstream ? JSON.stringify(downstream) : null,
      ],
    );
  }

  /** Every released award in the order it was released (the consistency checker replays them). */
  async released(): Promise<WithheldRow[]> {
    return (await this.pg.rows<RawWithheld>(`${SELECT} WHERE w.status = 'released' ORDER BY w.decided_at, w.entry_id COLLATE "C"`)).map(toWithheldRow);
  }

  async find(entryId: string): Promise<WithheldRow | undefined> {
    const r = await this.pg.one<RawWithheld>(`${SELECT} WHERE w.entry_id = $1`, [entryId]);
    return r ? toWithheldRow(r) : undefined;
  }

  async recentForPerson(personId: string, limit: number): Promise<WithheldRow[]> {
    return (await this.pg.rows<RawWithheld>(`${SELECT} WHERE w.person_id = $1 ORDER BY w.at DESC LIMIT $2`, [personId, limit])).map(toWithheldRow);
  }

  /** Awards waiting for review, oldest first; a team's only when `teamId` is given. */
  async held(limit: number, teamId?: string): Promise<WithheldRow[]> {
    const rows =
      teamId === undefined
        ? await this.pg.rows<RawWithheld>(`${SELECT} WHERE w.status = 'held' ORDER BY w.at LIMIT $1`, [limit])
        : await this.pg.rows<RawWithheld>(`${SELECT} WHERE w.status = 'held' AND w.team_id = $1 ORDER BY w.at LIMIT $2`, [teamId, limit]);
    return rows.map(toWithheldRow);
  }

  /** Records the decision; false when it was already decided (the row lock makes one of two racing reviewers win). */
  async decideHeld(entryId: string, status: 'released' | 'rejected', by: string, at: number, reason: string): Promise<boolean> {
    const changed = await this.pg.run(
      "UPDATE withheld_awards SET status = $1, decided_by = $2, decided_at = $3, decision_reason = $4 WHERE entry_id = $5 AND status = 'held'",
      [status, by, at, reason, entryId],
    );
    return changed === 1;
  }
}
