import { type PersonRow, type TeamRow, type PeopleStore } from '../../services/ports/people-store';
import type { PgExecutor } from './executor.postgres';
import { type RawPerson, toPerson } from '../rows/people-rows';

const PERSON_COLUMNS = 'id, username, display_name, role, team_id, password_hash, work_days, active';

/**
 * PostgreSQL's PeopleStore. Usernames are case-insensitive as SQLite's COLLATE NOCASE makes them:
 * lookups compare lower(username) = lower($1) (the unique index people_username_nocase), and a
 * second username that differs only in case is refused by that index (unique_violation, 23505).
 * Names sort by byte order (COLLATE "C"), as SQLite's BINARY collation does.
 */
export class PgPeopleStore implements PeopleStore {
  constructor(private readonly pg: PgExecutor) {}

  async findById(id: string): Promise<PersonRow | undefined> {
    const r = await this.pg.one<RawPerson>(`SELECT ${PERSON_COLUMNS} FROM people WHERE id = $1`, [id]);
    return r ? toPerson(r) : undefined;
  }

  async findByUsername(username: string): Promise<PersonRow | undefined> {
    const r = await this.pg.one<RawPerson>(`SELECT ${PERSON_COLUMNS} FROM people WHERE lower(username) = lower($1) AND active = 1`, [username]);
    return r ? toPerson(r) : undefined;
  }

  async listActive(): Promise<PersonRow[]> {
    return (await this.pg.rows<RawPerson>(`SELECT ${PERSON_COLUMNS} FROM people WHERE active = 1 ORDER BY display_name COLLATE "C", id COLLATE "C"`)).map(toPerson);
  }

  async countAll(): Promise<number> {
    return (await this.pg.one<{ n: number }>('SELECT count(*)::int AS n FROM people'))?.n ?? 0;
  }

  async createTeam(team: TeamRow, now: number): Promise<void> {
    await this.pg.run('INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)', [team.id, team.name, now]);
  }

  async createPerson(p: Omit<PersonRow, 'active'>, now: number): Promise<void> {
    await this.pg.run(
      'INSERT INTO people (id, username, display_name, role, team_id, password_hash, work_days, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [p.id, p.username, p.displayName, p.role, p.teamId, p.passwordHash, p.workDays ? JSON.stringify(p.workDays) : null, now],
    );
  }

  async listTeams(): Promise<TeamRow[]> {
    return this.pg.rows<TeamRow>('SELECT id, name FROM teams ORDER BY name COLLATE "C"');
  }

  async findTeam(id: string): Promise<TeamRow | undefined> {
    return this.pg.one<TeamRow>('SELECT id, name FROM teams WHERE id = $1', [id]);
  }
}
