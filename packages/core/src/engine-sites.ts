import type { EngineConfig } from './config';
import { indexOf } from './config-index';
import { minutesText } from './duration-text';
import type { EventChanges } from './engine-changes';
import { refOf, type PersonPay } from './engine-pay';
import { describeSiteKey, fixesUndoneBy, laterVisitFor, siteKeysOf, withFix, withOpen, withoutFixes } from './gates/repeat-visit';
import { reverseAward, type ReversibleAward } from './gates/reversal';
import type { PersonRef } from './ledger';
import type { LifecycleEffect } from './lifecycles';
import type { WorkItem } from './work-item';

/**
 * A first-time fix is only first-time if nobody has to go back: a repeat visit to the same site or
 * customer within `repeatVisitDays` takes the bonus back, whichever of the two arrives first.
 */
export function judgeRepeatVisits(
  item: WorkItem,
  effects: readonly LifecycleEffect[],
  paid: { person: PersonRef; pay: PersonPay } | undefined,
  config: EngineConfig,
  changes: EventChanges,
): void {
  const { at, itemKey } = changes;
  const keys = siteKeysOf(item);
  if (effects.includes('created')) {
    const undone = new Map<string, { award: ReversibleAward; fixAt: number; key: string }>();
    for (const key of keys) {
      for (const fix of fixesUndoneBy(changes.siteOf(key), at, itemKey, config.repeatVisitDays)) {
        if (!undone.has(fix.itemKey)) undone.set(fix.itemKey, { award: fix.award, fixAt: fix.at, key });
      }
    }
    for (const { award, fixAt, key } of undone.values()) {
      reverseAward(award, `Reversed: first-time-fix bonus, a repeat visit to ${describeSiteKey(key)} was opened ${minutesText(at - fixAt)} after the fix`, changes);
    }
    const undoneKeys = new Set(undone.keys());
    for (const key of keys) changes.setSite(key, withOpen(withoutFixes(changes.siteOf(key), undoneKeys), at, itemKey));
  }
  if (effects.includes('resolved') && paid) {
    const { person, pay } = paid;
    const { ftfBadges, ftfRules, ftfCounters } = indexOf(config);
    const award: ReversibleAward = {
      personId: person.id,
      itemKey,
      awards: pay.paid.filter((e) => ftfRules.has(e.ruleId) || ftfBadges.has(e.ruleId.slice('badge:'.length))).map(refOf),
      counterDeltas: Object.fromEntries(Object.entries(pay.counterDeltas).filter(([k]) => ftfCounters.has(k))),
      badges: pay.earned.filter((b) => ftfBadges.has(b)),
    };
    if (award.awards.length > 0 || Object.keys(award.counterDeltas).length > 0) {
      const later = keys.map((key) => ({ key, visit: laterVisitFor(changes.siteOf(key), at, itemKey, config.repeatVisitDays) })).find((v) => v.visit !== undefined);
      if (later?.visit) {
        reverseAward(award, `Reversed: first-time-fix bonus, a repeat visit to ${describeSiteKey(later.key)} was opened ${minutesText(later.visit.at - at)} after the fix`, changes);
      } else {
        for (const key of keys) changes.setSite(key, withFix(changes.siteOf(key), { at, itemKey, award }));
      }
    }
  }
}
