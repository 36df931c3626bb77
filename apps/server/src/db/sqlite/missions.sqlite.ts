import type { MissionDefinition, MissionStatus } from '@opsquest/core';
import type { Db } from '../database';
import { type MissionProgressRow, type ContributionRow, type MissionsStore } from '../../services/ports/missions-store';
import { type RawProgress, type RawContribution, toProgress, toContribution } from '../rows/missions-rows';

const toMission = (r: { definition: string; status: MissionStatus }): MissionDefinition => ({ ...(JSON.parse(r.definition) as MissionDefinition), status: r.status });

/** Missions with their versions, per-participant progress and per-item contributions. */
export class SqliteMissionsStore implements MissionsStore {
  private readonly insertMission;
  private readonly updateMission;
  private readonly insertVersion;
  private readonly updateStatus;
  private readonly one;
  private readonly byStatus;
  private readonly all;
  private readonly versionsOf;
  private readonly getProgress;
  private readonly putProgress;
  private readonly progressOf;
  private readonly addContrib;
  private readonly contribByItem;
  private readonly deleteContrib;
  private readonly deleteContribOf;
  private readonly contributorsOf;
  private readonly ledgerEntry;

  constructor(db: Db) {
    this.insertMission = db.prepare('INSERT INTO missions (id, version, status, starts_at, ends_at, definition, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.updateMission = db.prepare('UPDATE missions SET version = ?, status = ?, starts_at = ?, ends_at = ?, definition = ? WHERE id = ?');
    this.insertVersion = db.prepare('INSERT INTO mission_versions (mission_id, version, definition, created_by, created_at) VALUES (?, ?, ?, ?, ?)');
    this.updateStatus = db.prepare('UPDATE missions SET status = ? WHERE id = ?');
    this.one = db.prepare<[string], { definition: string; status: MissionStatus }>('SELECT definition, status FROM missions WHERE id = ?');
    this.byStatus = db.prepare<[string], { definition: string; status: MissionStatus }>('SELECT definition, status FROM missions WHERE status = ? ORDER BY ends_at, id');
    this.all = db.prepare<[], { definition: string; status: MissionStatus }>('SELECT definition, status FROM missions ORDER BY created_at DESC, id');
    this.versionsOf = db.prepare<[string], { version: number }>('SELECT version FROM mission_versions WHERE mission_id = ? ORDER BY version');
    this.getProgress = db.prepare<[string, string], RawProgress>('SELECT * FROM mission_progress WHERE mission_id = ? AND participant_id = ?');
    this.putProgress = db.prepare(
      `INSERT INTO mission_progress (mission_id, participant_id, progress, completed_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (mission_id, participant_id) DO UPDATE SET progress = excluded.progress, completed_at = excluded.completed_at, updated_at = excluded.updated_at`,
    );
    this.progressOf = db.prepare<[string], RawProgress>('SELECT * FROM mission_progress WHERE mission_id = ? ORDER BY progress DESC, participant_id');
    this.addContrib = db.prepare(
      `INSERT INTO mission_contributions (mission_id, participant_id, item_key, person_id, amount, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (mission_id, participant_id, item_key, person_id) DO UPDATE SET amount = amount + excluded.amount, at = excluded.at`,
    );
    this.contribByItem = db.prepare<[string], RawContribution>('SELECT mission_id, participant_id, item_key, person_id, amount FROM mission_contributions WHERE item_key = ?');
    this.deleteContrib = db.prepare('DELETE FROM mission_contributions WHERE mission_id = ? AND participant_id = ? AND item_key = ? AND person_id = ?');
    this.deleteContribOf = db.prepare('DELETE FROM mission_contributions WHERE mission_id = ? AND participant_id = ?');
    this.ledgerEntry = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM ledger WHERE entry_id = ?');
    this.contributorsOf = db.prepare<[string, string], { person_id: string }>('SELECT DISTINCT person_id FROM mission_contributions WHERE mission_id = ? AND participant_id = ? ORDER BY person_id');
  }

  /** A new mission and its first version. */
  async create(m: MissionDefinition, createdBy: string, now: number): Promise<void> {
    const json = JSON.stringify(m);
    this.insertMission.run(m.id, m.version, m.status, m.startsAt, m.endsAt, json, now);
    this.insertVersion.run(m.id, m.version, json, createdBy, now);
  }

  /** A new version of an existing mission (the caller bumps `version`). */
  async saveVersion(m: MissionDefinition, createdBy: string, now: number): Promise<void> {
    const json = JSON.stringify(m);
    this.updateMission.run(m.version, m.status, m.startsAt, m.endsAt, json, m.id);
    this.insertVersion.run(m.id, m.version, json, createdBy, now);
  }

  async setStatus(id: string, status: MissionStatus): Promise<void> {
    this.updateStatus.run(status, id);
  }

  async find(id: string): Promise<MissionDefinition | undefined> {
    const r = this.one.get(id);
    return r ? toMission(r) : undefined;
  }

  async versions(id: string): Promise<number[]> {
    return this.versionsOf.all(id).map((r) => r.version);
  }

  async listActive(): Promise<MissionDefinition[]> {
    return this.byStatus.all('active').map(toMission);
  }

  async listAll(): Promise<MissionDefinition[]> {
    return this.all.all().map(toMission);
  }

  async progress(missionId: string, participantId: string): Promise<MissionProgressRow | undefined> {
    const r = this.getProgress.get(missionId, participantId);
    return r ? toProgress(r) : undefined;
  }

  async saveProgress(row: MissionProgressRow, now: number): Promise<void> {
    this.putProgress.run(row.missionId, row.participantId, row.progress, row.completedAt, now);
  }

  async progressOfMission(missionId: string): Promise<MissionProgressRow[]> {
    return this.progressOf.all(missionId).map(toProgress);
  }

  async addContribution(c: ContributionRow, at: number): Promise<void> {
    this.addContrib.run(c.missionId, c.participantId, c.itemKey, c.personId, c.amount, at);
  }

  async contributionsForItem(itemKey: string): Promise<ContributionRow[]> {
    return this.contribByItem.all(itemKey).map(toContribution);
  }

  async removeContribution(c: ContributionRow): Promise<void> {
    this.deleteContrib.run(c.missionId, c.participantId, c.itemKey, c.personId);
  }

  /** A consecutive run broke: what it was built of no longer counts. */
  async clearContributions(missionId: string, participantId: string): Promise<void> {
    this.deleteContribOf.run(missionId, participantId);
  }

  /** Whether a reward was already written (mission rewards are paid once per person). */
  async hasLedgerEntry(entryId: string): Promise<boolean> {
    return (this.ledgerEntry.get(entryId)?.n ?? 0) > 0;
  }

  async contributors(missionId: string, participantId: string): Promise<string[]> {
    return this.contributorsOf.all(missionId, participantId).map((r) => r.person_id);
  }
}
