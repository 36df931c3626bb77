import type { Db } from '../database';
import { type PersonRow, type TeamRow, type PeopleStore } from '../../services/ports/people-store';
import { type RawPerson, toPerson } from '../rows/people-rows';

/** People and teams. */
export class SqlitePeopleStore implements PeopleStore {
  private readonly byId;
  private readonly byUsername;
  private readonly all;
  private readonly insertPerson;
  private readonly insertTeam;
  private readonly teams;
  private readonly teamById;
  private readonly count;

  constructor(db: Db) {
    this.byId = db.prepare<[string], RawPerson>('SELECT * FROM people WHERE id = ?');
    this.byUsername = db.prepare<[string], RawPerson>('SELECT * FROM people WHERE username = ? AND active = 1');
    this.all = db.prepare<[], RawPerson>('SELECT * FROM people WHERE active = 1 ORDER BY display_name');
    this.insertPerson = db.prepare(
      'INSERT INTO people (id, username, display_name, role, team_id, password_hash, work_days, created_at) VALUES (@id, @username, @displayName, @role, @teamId, @passwordHash, @workDays, @createdAt)',
    );
    this.insertTeam = db.prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)');
    this.teams = db.prepare<[], TeamRow>('SELECT id, name FROM teams ORDER BY name');
    this.teamById = db.prepare<[string], TeamRow>('SELECT id, name FROM teams WHERE id = ?');
    this.count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM people');
  }

  async findById(id: string): Promise<PersonRow | undefined> {
    const r = this.byId.get(id);
    return r ? toPerson(r) : undefined;
  }

  async findByUsername(username: string): Promise<PersonRow | undefined> {
    const r = this.byUsername.get(username);
    return r ? toPerson(r) : undefined;
  }

  async listActive(): Promise<PersonRow[]> {
    return this.all.all().map(toPerson);
  }

  async countAll(): Promise<number> {
    return this.count.get()?.n ?? 0;
  }

  async createTeam(team: TeamRow, now: number): Promise<void> {
    this.insertTeam.run(team.id, team.name, now);
  }

  async createPerson(p: Omit<PersonRow, 'active'>, now: number): Promise<void> {
    this.insertPerson.run({ ...p, workDays: p.workDays ? JSON.stringify(p.workDays) : null, createdAt: now });
  }

  async listTeams(): Promise<TeamRow[]> {
    return this.teams.all();
  }

  async findTeam(id: string): Promise<TeamRow | undefined> {
    return this.teamById.get(id);
  }
}
