import type { ActorAliasRow } from '../../services/ports/actor-aliases-store';

/** An actor_aliases row as both adapters read it, and how it becomes an ActorAliasRow. */
export interface RawAlias {
  actor: string;
  person_id: string;
  mapped_by: string;
  mapped_at: number;
  events: number;
  points: number;
}

export const toAliasRow = (r: RawAlias): ActorAliasRow => ({ actor: r.actor, personId: r.person_id, mappedBy: r.mapped_by, mappedAt: r.mapped_at, events: r.events, points: r.points });
