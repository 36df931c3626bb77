import { applyBadgeSteps, type BadgeStep } from '../badge-progress';
import type { EngineConfig } from '../config';
import { indexOf } from '../config-index';
import type { Stream } from '../event';
import { cloneProgress, type PersonProgress } from '../progress';
import { trackCounterKey } from '../skill-tracks';
import { recordActivity, type WorkDays } from '../streaks';

/**
 * What held work would have moved besides its points, frozen when it happened: the badge steps of its
 * transition and the day it counts for. Kept with the first held award of the event, so that a
 * release moves the badges and the streak once, exactly as the work would have moved them then.
 */
export interface HeldDownstream {
  /** the local day (YYYY-MM-DD) the work happened on */
  day: string;
  badgeSteps: BadgeStep[];
}

/** A bonus a badge earned on release pays, as a ledger entry of its own. */
export interface ReleasedBadge {
  badgeId: string;
  name: string;
  bonusPoints: number;
  version: number;
}

export interface ReleasedWork {
  progress: PersonProgress;
  badges: ReleasedBadge[];
}

/**
 * A lead released held points: what the work earns besides them, applied at once. Every released
 * award adds its points to the skill track of its stream; the award that carries the downstream also
 * moves the badge counters (badges earned now, their bonus reported for the ledger) and counts its day
 * in the streak. A day older than the person's last active day no longer changes the streak: a streak
 * cannot be rewritten after it moved on; `countsDay: false` (back-pay) never touches the streak. XP is
 * not touched here (it follows the ledger).
 */
export function releaseHeldWork(
  stored: PersonProgress,
  release: { points: number; stream: Stream | undefined; downstream: HeldDownstream | undefined; workDays: WorkDays | undefined; at: number; countsDay?: boolean },
  config: EngineConfig,
): ReleasedWork {
  const progress = cloneProgress(stored);
  if (release.stream !== undefined && release.points !== 0) {
    const key = trackCounterKey(release.stream);
    progress.counters[key] = (progress.counters[key] ?? 0) + release.points;
  }
  const { downstream } = release;
  if (!downstream) return { progress, badges: [] };
  const index = indexOf(config);
  const earned = applyBadgeSteps(downstream.badgeSteps, index.badgeById, progress, downstream.day, {});
  if (release.points > 0 && release.countsDay !== false) {
    progress.streak = recordActivity(progress.streak, downstream.day, release.workDays ?? config.defaultWorkDays);
    for (const badge of index.streakBadges) {
      if (progress.badges[badge.id] !== undefined) continue;
      progress.counters[badge.id] = Math.max(progress.counters[badge.id] ?? 0, progress.streak.current);
      if (progress.streak.current >= badge.threshold) earned.push(badge.id);
    }
  }
  const badges: ReleasedBadge[] = [];
  for (const badgeId of earned) {
    const badge = index.badgeById.get(badgeId);
    if (!badge || progress.badges[badgeId] !== undefined) continue;
    progress.badges[badgeId] = release.at;
    badges.push({ badgeId, name: badge.name, bonusPoints: badge.bonusPoints, version: badge.version });
  }
  return { progress, badges };
}
