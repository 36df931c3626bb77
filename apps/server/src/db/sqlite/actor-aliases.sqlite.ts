import type { Db } from '../database';
import { type ActorAliasRow, type ActorAliasesStore } from '../../services/ports/actor-aliases-store';
import { type RawAlias, toAliasRow } from '../rows/actor-aliases-rows';

/** Names events give as their actor, mapped by an admin to a person (case-insensitive, one mapping per name). */
export class SqliteActorAliasesStore implements ActorAliasesStore {
  private readonly one;
  private readonly insert;

  constructor(db: Db) {
    this.one = db.prepare<[string], RawAlias>('SELECT actor, person_id, mapped_by, mapped_at, events, points FROM actor_aliases WHERE actor = ?');
    this.insert = db.prepare('INSERT INTO actor_aliases (actor, person_id, mapped_by, mapped_at, events, points) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (actor) DO NOTHING');
  }

  async find(actor: string): Promise<ActorAliasRow | undefined> {
    const r = this.one.get(actor);
    return r ? toAliasRow(r) : undefined;
  }

  /** false when the name was mapped already (by a concurrent request, say). */
  async create(row: ActorAliasRow): Promise<boolean> {
    return this.insert.run(row.actor, row.personId, row.mappedBy, row.mappedAt, row.events, row.points).changes === 1;
  }
}
