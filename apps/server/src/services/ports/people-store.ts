import type { PersonRef } from '@opsquest/core';
import type { Role } from '@opsquest/contracts';

export interface PersonRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  passwordHash: string;
  workDays: number[] | null;
  active: boolean;
}

export interface TeamRow {
  id: string;
  name: string;
}

/** People and teams. */
export interface PeopleStore {
  findById(id: string): Promise<PersonRow | undefined>;
  findByUsername(username: string): Promise<PersonRow | undefined>;
  listActive(): Promise<PersonRow[]>;
  countAll(): Promise<number>;
  createTeam(team: TeamRow, now: number): Promise<void>;
  createPerson(p: Omit<PersonRow, 'active'>, now: number): Promise<void>;
  listTeams(): Promise<TeamRow[]>;
  findTeam(id: string): Promise<TeamRow | undefined>;
}

export function toPersonRef(p: PersonRow): PersonRef {
  return { id: p.id, username: p.username, teamId: p.teamId, ...(p.workDays ? { workDays: p.workDays } : {}) };
}
