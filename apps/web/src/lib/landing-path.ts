import type { Role } from '@opsquest/contracts';

/** Leads and admins start on the team dashboard; engineers and technicians on their console. */
export function landingPathFor(role: Role): string {
  return role === 'lead' || role === 'admin' ? '/dashboard' : '/';
}
