export interface KudosRow {
  id: string;
  fromPersonId: string;
  fromName: string;
  toPersonId: string;
  toName: string;
  message: string;
  at: number;
  day: string;
}

/** Kudos given and received; the daily budget is a count per giver and local day. */
export interface KudosStore {
  add(k: {
  id: string;
  fromPersonId: string;
  toPersonId: string;
  message: string;
  at: number;
  day: string;
  }): Promise<KudosRow>;
  countGiven(personId: string, day: string): Promise<number>;
  countReceived(personId: string): Promise<number>;
  received(personId: string, limit: number): Promise<KudosRow[]>;
  given(personId: string, limit: number): Promise<KudosRow[]>;
}

