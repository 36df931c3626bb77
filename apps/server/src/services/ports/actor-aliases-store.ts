export interface ActorAliasRow {
  actor: string;
  personId: string;
  mappedBy: string;
  mappedAt: number;
  events: number;
  points: number;
}

/** Names events give as their actor, mapped by an admin to a person (case-insensitive, one mapping per name). */
export interface ActorAliasesStore {
  find(actor: string): Promise<ActorAliasRow | undefined>;
  /** false when the name was mapped already (by a concurrent request, say). */
  create(row: ActorAliasRow): Promise<boolean>;
}

