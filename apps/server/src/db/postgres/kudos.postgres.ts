import type { KudosRow, KudosStore } from '../../services/ports/kudos-store';
import type { PgExecutor } from './executor.postgres';
import { type RawKudos, toKudosRow } from '../rows/kudos-rows';

/** The first key of the two-key advisory locks that guard a giver's daily budget (any number no other lock uses as its first key). */
export const KUDOS_BUDGET_LOCK = 0x6b75_646f; // 'kudo'

const NAMES = `SELECT k.id, k.from_person_id, f.display_name AS from_name, k.to_person_id, t.display_name AS to_name, k.message, k.at, k.day
  FROM kudos k JOIN people f ON f.id = k.from_person_id JOIN people t ON t.id = k.to_person_id`;

/**
 * Newest first; kudos given in the same millisecond newest-inserted first. SQLite breaks that tie by
 * rowid; PostgreSQL's kudos table has no insertion-order column, so the tie is broken by the row's
 * physical position (ctid), which follows insertion order for this append-only table but is not a
 * promise (a VACUUM FULL or space freed by deletes may reorder it).
 */
const NEWEST_FIRST = 'ORDER BY k.at DESC, k.ctid DESC';

/**
 * PostgreSQL's KudosStore, the twin of SqliteKudosStore. The daily budget is checked by the caller
 * (KudosService.give: countGiven, then add, in one unit of work), which SQLite's single writer makes
 * atomic. Here units run side by side, so inside a unit both countGiven and add first take a
 * transaction-scoped advisory lock on (giver, day): a second unit of the same giver waits at its
 * countGiven until the first commits, then counts its kudos. Outside a unit nothing is locked (a
 * count read for display).
 */
export class PgKudosStore implements KudosStore {
  constructor(private readonly pg: PgExecutor) {}

  /** Inside a unit of work: holds the giver's budget for that day until the unit ends. */
  private async lockBudget(personId: string, day: string): Promise<void> {
    if (!this.pg.units.getStore()) return;
    // its own statement: under READ COMMITTED the count that follows then sees what the previous holder committed
    await this.pg.run('SELECT pg_advisory_xact_lock($1::int, hashtext($2 || chr(31) || $3))', [KUDOS_BUDGET_LOCK, personId, day]);
  }

  async add(k: { id: string; fromPersonId: string; toPersonId: string; message: string; at: number; day: string }): Promise<KudosRow> {
    await this.lockBudget(k.fromPersonId, k.day);
    const stored = await this.pg.one<RawKudos>(
      `WITH k AS (
         INSERT INTO kudos (id, from_person_id, to_person_id, message, at, day) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, from_person_id, to_person_id, message, at, day
       )
       SELECT k.id, k.from_person_id, f.display_name AS from_name, k.to_person_id, t.display_name AS to_name, k.message, k.at, k.day
       FROM k JOIN people f ON f.id = k.from_person_id JOIN people t ON t.id = k.to_person_id`,
      [k.id, k.fromPersonId, k.toPersonId, k.message, k.at, k.day],
    );
    if (!stored) throw new Error('kudos row vanished');
    return toKudosRow(stored);
  }

  async countGiven(personId: string, day: string): Promise<number> {
    await this.lockBudget(personId, day);
    const r = await this.pg.one<{ n: number }>('SELECT count(*)::int AS n FROM kudos WHERE from_person_id = $1 AND day = $2', [personId, day]);
    return r?.n ?? 0;
  }

  async countReceived(personId: string): Promise<number> {
    const r = await this.pg.one<{ n: number }>('SELECT count(*)::int AS n FROM kudos WHERE to_person_id = $1', [personId]);
    return r?.n ?? 0;
  }

  async received(personId: string, limit: number): Promise<KudosRow[]> {
    return (await this.pg.rows<RawKudos>(`${NAMES} WHERE k.to_person_id = $1 ${NEWEST_FIRST} LIMIT $2`, [personId, limit])).map(toKudosRow);
  }

  async given(personId: string, limit: number): Promise<KudosRow[]> {
    return (await this.pg.rows<RawKudos>(`${NAMES} WHERE k.from_person_id = $1 ${NEWEST_FIRST} LIMIT $2`, [personId, limit])).map(toKudosRow);
  }
}
