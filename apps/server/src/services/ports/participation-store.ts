import { type ParticipationSettings } from '@opsquest/contracts';

/** Participation settings per person; a person without a row has every switch on. */
export interface ParticipationStore {
  find(personId: string): Promise<ParticipationSettings>;
  save(personId: string, settings: ParticipationSettings, now: number): Promise<void>;
  /** Everyone with at least one switch off (few people): one read per request instead of one per row. */
  restrictedById(): Promise<Map<string, ParticipationSettings>>;
}

