import type { Role } from '@opsquest/contracts';
import type { PersonRow } from '../../services/ports/people-store';

/** A people row as both adapters read it (work days as JSON in TEXT, active as 0/1), and how it becomes a PersonRow. */
export interface RawPerson {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  team_id: string | null;
  password_hash: string;
  work_days: string | null;
  active: number;
}

export function toPerson(r: RawPerson): PersonRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    teamId: r.team_id,
    passwordHash: r.password_hash,
    workDays: r.work_days ? (JSON.parse(r.work_days) as number[]) : null,
    active: r.active === 1,
  };
}
