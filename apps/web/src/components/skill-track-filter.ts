import type { Role, SkillTrackView } from '@opsquest/contracts';

/** The kinds of work each role is there for: their tracks always show, even at zero. */
const ROLE_WORK: Record<Role, readonly SkillTrackView['id'][]> = {
  engineer: ['alarm', 'order'],
  technician: ['truckroll'],
  lead: ['alarm', 'order', 'truckroll'],
  admin: ['alarm', 'order', 'truckroll'],
};

/**
 * The skill tracks worth showing a person: the ones of their role's own work, and any other track
 * they have actually earned XP in (an engineer who once closed a truck-roll sees Field work; one
 * who never did is not shown a track they cannot climb).
 */
export function tracksForRole(role: Role, tracks: readonly SkillTrackView[]): SkillTrackView[] {
  const own = ROLE_WORK[role];
  return tracks.filter((track) => own.includes(track.id) || track.xp > 0);
}
