import type { ContributionRow, MissionProgressRow } from '../../services/ports/missions-store';

/** mission_progress and mission_contributions rows as both adapters read them, and how they become port rows. */
export interface RawProgress {
  mission_id: string;
  participant_id: string;
  progress: number;
  completed_at: number | null;
}

export interface RawContribution {
  mission_id: string;
  participant_id: string;
  item_key: string;
  person_id: string;
  amount: number;
}

export const toProgress = (r: RawProgress): MissionProgressRow => ({ missionId: r.mission_id, participantId: r.participant_id, progress: r.progress, completedAt: r.completed_at });
export const toContribution = (r: RawContribution): ContributionRow => ({ missionId: r.mission_id, participantId: r.participant_id, itemKey: r.item_key, personId: r.person_id, amount: r.amount });
