import type { ActorAliasesStore, ActorAliasRow } from '../../services/ports/actor-aliases-store';
import type { PgExecutor } from './executor.postgres';
import { type RawAlias, toAliasRow } from '../rows/actor-aliases-rows';

/**
 * PostgreSQL's ActorAliasesStore. SQLite's `actor ... COLLATE NOCASE` is the unique index
 * actor_aliases_nocase on lower(actor) here: lookups compare lower(actor) = lower($1), and a create
 * says ON CONFLICT DO NOTHING without a target, so a name mapped already in another case (which
 * conflicts on that index, not on the exact-case primary key) is refused quietly, as on SQLite.
 */
export class PgActorAliasesStore implements ActorAliasesStore {
  constructor(private readonly pg: PgExecutor) {}

  async find(actor: string): Promise<ActorAliasRow | undefined> {
    const r = await this.pg.one<RawAlias>('SELECT actor, person_id, mapped_by, mapped_at, events, points FROM actor_aliases WHERE lower(actor) = lower($1)', [actor]);
    return r ? toAliasRow(r) : undefined;
  }

  /** false when the name was mapped already (by a concurrent request, say). */
  async create(row: ActorAliasRow): Promise<boolean> {
    const inserted = await this.pg.run(
      'INSERT INTO actor_aliases (actor, person_id, mapped_by, mapped_at, events, points) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [row.actor, row.personId, row.mappedBy, row.mappedAt, row.events, row.points],
    );
    return inserted === 1;
  }
}
