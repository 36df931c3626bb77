import { flatString } from '../compact';
import type { LedgerEntry } from '../ledger';
import type { PersonProgress } from '../progress';
import type { WindowKeys } from '../time-windows';
import type { AwardRef } from '../work-item';

/**
 * What one event paid one person, remembered so that it can be taken back whole: the ledger
 * entries (rule points and badge bonuses), the badge counters it moved and the badges it earned.
 */
export interface ReversibleAward {
  personId: string;
  /** the work item the award was for, when not the item of the reversing event (a repeat visit reverses the earlier fix) */
  itemKey?: string;
  awards: AwardRef[];
  /** counter key -> how much this event moved it */
  counterDeltas: Record<string, number>;
  /** badges earned by this event */
  badges: string[];
}

export interface RevokedBadge {
  personId: string;
  badgeId: string;
  at: number;
}

export interface ReversalContext {
  eventKey: string;
  itemKey: string;
  at: number;
  windows: WindowKeys;
  progressOf: (personId: string) => PersonProgress;
  /** the person's earned badges, to change (progressOf may share them with the stored progress until then) */
  badgesToChange: (progress: PersonProgress) => Record<string, number>;
  ledger: LedgerEntry[];
  revoked: RevokedBadge[];
}

/** Takes an award back: reversing ledger entries, counters moved back, badges it earned withdrawn. */
export function reverseAward(award: ReversibleAward, why: string, ctx: ReversalContext): void {
  const reason = flatString(why);
  for (const a of award.awards) {
    ctx.ledger.push({
      entryId: flatString(`${ctx.eventKey}#reverse#${a.entryId}`),
      personId: a.personId,
      teamId: a.teamId,
      points: -a.points,
      ruleId: a.ruleId,
      ruleVersion: a.ruleVersion,
      eventKey: ctx.eventKey,
      itemKey: award.itemKey ?? ctx.itemKey,
      reason,
      at: ctx.at,
      windows: ctx.windows,
      reversalOf: a.entryId,
    });
  }
  const hasCounters = Object.keys(award.counterDeltas).length > 0;
  if (!hasCounters && award.badges.length === 0) return;
  const progress = ctx.progressOf(award.personId);
  for (const [key, delta] of Object.entries(award.counterDeltas)) {
    progress.counters[key] = Math.max(0, (progress.counters[key] ?? 0) - delta);
  }
  for (const badgeId of award.badges) {
    if (progress.badges[badgeId] === undefined) continue;
    delete ctx.badgesToChange(progress)[badgeId];
    ctx.revoked.push({ personId: award.personId, badgeId, at: ctx.at });
  }
}

export function emptyReversible(personId: string): ReversibleAward {
  return { personId, awards: [], counterDeltas: {}, badges: [] };
}
