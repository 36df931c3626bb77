import type { MissionDefinition, MissionStatus } from '@opsquest/core';

export interface MissionProgressRow {
  missionId: string;
  participantId: string;
  progress: number;
  completedAt: number | null;
}

export interface ContributionRow {
  missionId: string;
  participantId: string;
  itemKey: string;
  personId: string;
  amount: number;
}

/** Missions with their versions, per-participant progress and per-item contributions. */
export interface MissionsStore {
  /** A new mission and its first version. */
  create(m: MissionDefinition, createdBy: string, now: number): Promise<void>;
  /** A new version of an existing mission (the caller bumps `version`). */
  saveVersion(m: MissionDefinition, createdBy: string, now: number): Promise<void>;
  setStatus(id: string, status: MissionStatus): Promise<void>;
  find(id: string): Promise<MissionDefinition | undefined>;
  versions(id: string): Promise<number[]>;
  listActive(): Promise<MissionDefinition[]>;
  listAll(): Promise<MissionDefinition[]>;
  progress(missionId: string, participantId: string): Promise<MissionProgressRow | undefined>;
  saveProgress(row: MissionProgressRow, now: number): Promise<void>;
  progressOfMission(missionId: string): Promise<MissionProgressRow[]>;
  addContribution(c: ContributionRow, at: number): Promise<void>;
  contributionsForItem(itemKey: string): Promise<ContributionRow[]>;
  removeContribution(c: ContributionRow): Promise<void>;
  /** A consecutive run broke: what it was built of no longer counts. */
  clearContributions(missionId: string, participantId: string): Promise<void>;
  /** Whether a reward was already written (mission rewards are paid once per person). */
  hasLedgerEntry(entryId: string): Promise<boolean>;
  contributors(missionId: string, participantId: string): Promise<string[]>;
}

