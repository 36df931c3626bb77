import type { MissionDefinition, MissionStatus } from '@opsquest/core';
import type { ContributionRow, MissionProgressRow, MissionsStore } from '../../services/ports/missions-store';
import type { PgExecutor } from './executor.postgres';
import { type RawProgress, type RawContribution, toProgress, toContribution } from '../rows/missions-rows';

interface RawMission {
  definition: string;
  status: MissionStatus;
}

const PROGRESS_COLUMNS = 'mission_id, participant_id, progress, completed_at';
const CONTRIBUTION_COLUMNS = 'mission_id, participant_id, item_key, person_id, amount';

const toMission = (r: RawMission): MissionDefinition => ({ ...(JSON.parse(r.definition) as MissionDefinition), status: r.status });

/**
 * PostgreSQL's MissionsStore, the twin of SqliteMissionsStore. A mission and its version row are
 * written by one statement (a data-modifying WITH), so they land together even outside a unit of
 * work; text orderings are COLLATE "C" (SQLite's byte order) whatever the database's collation.
 */
export class PgMissionsStore implements MissionsStore {
  constructor(private readonly pg: PgExecutor) {}

  /** A new mission and its first version. */
  async create(m: MissionDefinition, createdBy: string, now: number): Promise<void> {
    await this.pg.run(
      `WITH mission AS (
         INSERT INTO missions (id, version, status, starts_at, ends_at, definition, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       )
       INSERT INTO mission_versions (mission_id, version, definition, created_by, created_at) VALUES ($1, $2, $6, $8, $7)`,
      [m.id, m.version, m.status, m.startsAt, m.endsAt, JSON.stringify(m), now, createdBy],
    );
  }

  /** A new version of an existing mission (the caller bumps `version`). */
  async saveVersion(m: MissionDefinition, createdBy: string, now: number): Promise<void> {
    await this.pg.run(
      `WITH mission AS (
         UPDATE missions SET version = $2, status = $3, starts_at = $4, ends_at = $5, definition = $6 WHERE id = $1
       )
       INSERT INTO mission_versions (mission_id, version, definition, created_by, created_at) VALUES ($1, $2, $6, $8, $7)`,
      [m.id, m.version, m.status, m.startsAt, m.endsAt, JSON.stringify(m), now, createdBy],
    );
  }

  async setStatus(id: string, status: MissionStatus): Promise<void> {
    await this.pg.run('UPDATE missions SET status = $1 WHERE id = $2', [status, id]);
  }

  async find(id: string): Promise<MissionDefinition | undefined> {
    const r = await this.pg.one<RawMission>('SELECT definition, status FROM missions WHERE id = $1', [id]);
    return r ? toMission(r) : undefined;
  }

  async versions(id: string): Promise<number[]> {
    return (await this.pg.rows<{ version: number }>('SELECT version FROM mission_versions WHERE mission_id = $1 ORDER BY version', [id])).map((r) => r.version);
  }

  async listActive(): Promise<MissionDefinition[]> {
    return (await this.pg.rows<RawMission>(`SELECT definition, status FROM missions WHERE status = 'active' ORDER BY ends_at, id COLLATE "C"`)).map(toMission);
  }

  async listAll(): Promise<MissionDefinition[]> {
    return (await this.pg.rows<RawMission>('SELECT definition, status FROM missions ORDER BY created_at DESC, id COLLATE "C"')).map(toMission);
  }

  async progress(missionId: string, participantId: string): Promise<MissionProgressRow | undefined> {
    // read to be changed (the missions stage of a batch): no other node's batch reads it until this one commits
    if (this.pg.units.getStore()) await this.pg.run('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`mission:${missionId}\u001f${participantId}`]);
    const r = await this.pg.one<RawProgress>(`SELECT ${PROGRESS_COLUMNS} FROM mission_progress WHERE mission_id = $1 AND participant_id = $2`, [missionId, participantId]);
    return r ? toProgress(r) : undefined;
  }

  async saveProgress(row: MissionProgressRow, now: number): Promise<void> {
    await this.pg.run(
      `INSERT INTO mission_progress (mission_id, participant_id, progress, completed_at, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (mission_id, participant_id) DO UPDATE SET progress = excluded.progress, completed_at = excluded.completed_at, updated_at = excluded.updated_at`,
      [row.missionId, row.participantId, row.progress, row.completedAt, now],
    );
  }

  async progressOfMission(missionId: string): Promise<MissionProgressRow[]> {
    return (
      await this.pg.rows<RawProgress>(`SELECT ${PROGRESS_COLUMNS} FROM mission_progress WHERE mission_id = $1 ORDER BY progress DESC, participant_id COLLATE "C"`, [missionId])
    ).map(toProgress);
  }

  async addContribution(c: ContributionRow, at: number): Promise<void> {
    await this.pg.run(
      `INSERT INTO mission_contributions (mission_id, participant_id, item_key, person_id, amount, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (mission_id, participant_id, item_key, person_id) DO UPDATE SET amount = mission_contributions.amount + excluded.amount, at = excluded.at`,
      [c.missionId, c.participantId, c.itemKey, c.personId, c.amount, at],
    );
  }

  /** In no promised order (SQLite's statement has no ORDER BY either). */
  async contributionsForItem(itemKey: string): Promise<ContributionRow[]> {
    return (await this.pg.rows<RawContribution>(`SELECT ${CONTRIBUTION_COLUMNS} FROM mission_contributions WHERE item_key = $1`, [itemKey])).map(toContribution);
  }

  async removeContribution(c: ContributionRow): Promise<void> {
    await this.pg.run('DELETE FROM mission_contributions WHERE mission_id = $1 AND participant_id = $2 AND item_key = $3 AND person_id = $4', [
      c.missionId,
      c.participantId,
      c.itemKey,
      c.personId,
    ]);
  }

  /** A consecutive run broke: what it was built of no longer counts. */
  async clearContributions(missionId: string, participantId: string): Promise<void> {
    await this.pg.run('DELETE FROM mission_contributions WHERE mission_id = $1 AND participant_id = $2', [missionId, participantId]);
  }

  /** Whether a reward was already written (mission rewards are paid once per person). */
  async hasLedgerEntry(entryId: string): Promise<boolean> {
    const r = await this.pg.one<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM ledger WHERE entry_id = $1) AS present', [entryId]);
    return r?.present === true;
  }

  async contributors(missionId: string, participantId: string): Promise<string[]> {
    // GROUP BY rather than DISTINCT: a DISTINCT query may only ORDER BY what it selects, and the order is by bytes
    const rows = await this.pg.rows<{ person_id: string }>(
      'SELECT person_id FROM mission_contributions WHERE mission_id = $1 AND participant_id = $2 GROUP BY person_id ORDER BY person_id COLLATE "C"',
      [missionId, participantId],
    );
    return rows.map((r) => r.person_id);
  }
}
