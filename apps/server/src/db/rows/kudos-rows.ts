import type { KudosRow } from '../../services/ports/kudos-store';

/** A kudos row (with the names of giver and receiver) as both adapters read it, and how it becomes a KudosRow. */
export interface RawKudos {
  id: string;
  from_person_id: string;
  from_name: string;
  to_person_id: string;
  to_name: string;
  message: string;
  at: number;
  day: string;
}

export function toKudosRow(r: RawKudos): KudosRow {
  return { id: r.id, fromPersonId: r.from_person_id, fromName: r.from_name, toPersonId: r.to_person_id, toName: r.to_name, message: r.message, at: r.at, day: r.day };
}
