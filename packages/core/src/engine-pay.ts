import { badgeStepsOf } from './badge-progress';
import { advancePlannedBadges } from './badge-plan';
import type { ConditionContext } from './conditions';
import type { EngineConfig } from './config';
import { indexOf, triggeredBy } from './config-index';
import { minutesText } from './duration-text';
import type { BadgeAward } from './engine';
import type { EventChanges } from './engine-changes';
import type { OpsEvent } from './event';
import { FOLLOW_UP_WORDS } from './gates/follow-up';
import { followUpInTimeOrder, type TimeOrderStep } from './gates/in-time-order';
import { applyCap, recordActionAndCheckBurst, type WithheldAward } from './gates/pay-gates';
import type { EventContext } from './gates/source-time';
import type { LedgerEntry, PersonRef } from './ledger';
import type { LifecycleEffect } from './lifecycles';
import type { PersonProgress } from './progress';
import type { RuleCap } from './rules';
import { describeScore, scoreTransition } from './scoring';
import { copyToExtend, flatString } from './compact';
import { recordActivity } from './streaks';
import type { ZonedParts } from './time-windows';
import type { AwardRef, PendingAward, WorkItem } from './work-item';

export function refOf(entry: LedgerEntry): AwardRef {
  return { entryId: entry.entryId, personId: entry.personId, teamId: entry.teamId, points: entry.points, ruleId: entry.ruleId, ruleVersion: entry.ruleVersion };
}

/** What the person who acted is paid for one event, and what else that moves. */
export interface PayInput {
  event: OpsEvent;
  person: PersonRef;
  /** the item after the event, owned by the engine: deferred awards and the resolution's awards are kept on it */
  item: WorkItem;
  effects: readonly LifecycleEffect[];
  /** acknowledgements this event confirmed */
  confirmed: readonly PendingAward[];
  /** a late event: the steps after it in time order, and the item after all of them */
  late: { later: readonly TimeOrderStep[]; final: WorkItem } | undefined;
  context: EventContext | undefined;
  parts: ZonedParts;
  ctx: ConditionContext;
  config: EngineConfig;
  changes: EventChanges;
  withheld: WithheldAward[];
  badges: BadgeAward[];
}

export interface PersonPay {
  /** the awards were held for review: nothing downstream moved */
  held: boolean;
  /** the entries written for the person (rule points and badge bonuses) */
  paid: LedgerEntry[];
  /** how far each badge counter moved */
  counterDeltas: Record<string, number>;
  /** badges earned */
  earned: string[];
}

interface Candidate {
  entry: LedgerEntry;
  cap: RuleCap | undefined;
}

function hasPositive(entries: readonly LedgerEntry[]): boolean {
  for (const e of entries) if (e.points > 0) return true;
  return false;
}

/** Confirmed acknowledgements and this event's rule scores, as entries to pay; deferred acknowledgements wait on the item. */
function candidatesOf(input: PayInput, progress: PersonProgress): { candidates: Candidate[]; deferred: number } {
  const { event, person, item, effects, late, context, config, changes } = input;
  const { eventKey, itemKey, at, windows } = changes;
  const candidates: Candidate[] = [];
  for (const p of input.confirmed) {
    const word = FOLLOW_UP_WORDS[event.transition] ?? 'follow-up';
    // The award's keys, then the event's: as `{ ...p.award, eventKey, ... }` (see copyToExtend).
    const entry = copyToExtend(p.award) as LedgerEntry;
    entry.eventKey = eventKey;
    entry.itemKey = itemKey;
    entry.at = at;
    entry.windows = windows;
    entry.reason = flatString(`${p.reason} (confirmed by your ${word} ${minutesText(at - (p.until - config.ackFollowUpMinutes * 60_000))} later)`);
    candidates.push({ entry, cap: indexOf(config).ruleById.get(p.award.ruleId)?.cap });
  }
  const deferred: PendingAward[] = [];
  for (const score of scoreTransition(event.transition, effects, item, at, input.ctx, config)) {
    const entry: LedgerEntry = {
      entryId: flatString(`${eventKey}#${score.rule.id}#${person.id}`),
      personId: person.id,
      teamId: person.teamId,
      points: score.points,
      ruleId: score.rule.id,
      ruleVersion: score.rule.version,
      eventKey,
      itemKey,
      reason: flatString(describeScore(score, item)),
      at,
      windows,
    };
    const until = at + config.ackFollowUpMinutes * 60_000;
    if (score.rule.deferUntilFollowUp && score.points > 0) {
      // Late: the follow-up may already be among the item's later events; else it may still come.
      const by = late ? followUpInTimeOrder(late.later, person.username, at, until - at, progress, config.timeZone) : undefined;
      if (by) candidates.push({ entry: { ...entry, reason: flatString(`${entry.reason} (confirmed by your ${FOLLOW_UP_WORDS[by.event.transition] ?? 'follow-up'} ${minutesText(by.at - at)} later)`) }, cap: score.rule.cap });
      else if (!late || (late.final.open && (context?.receivedAt ?? at) <= until)) deferred.push({ award: refOf(entry), reason: entry.reason, until });
    } else candidates.push({ entry, cap: score.rule.cap });
  }
  // The item is the engine's own copy: the deferred awards join a new list on it.
  if (deferred.length) item.pendingAwards = item.pendingAwards ? [...item.pendingAwards, ...deferred] : deferred;
  return { candidates, deferred: deferred.length };
}

/**
 * The effects badges see: a deferred acknowledgement earns its badges (First Responder) only when the
 * follow-up confirms it, like its points: the response counts then, at the confirming event.
 */
function badgeEffectsOf(effects: readonly LifecycleEffect[], deferred: number, confirmed: number): readonly LifecycleEffect[] {
  const dropResponse = deferred > 0 && effects.includes('responded');
  const addResponse = confirmed > 0 && (dropResponse || !effects.includes('responded'));
  if (!dropResponse && !addResponse) return effects;
  const list = dropResponse ? effects.filter((e) => e !== 'responded') : [...effects];
  if (addResponse) list.push('responded');
  return list;
}

/** The person's pay for one event: caps, the burst check, badges, the streak and the badge bonuses. */
export function payPerson(input: PayInput): PersonPay {
  const { person, item, effects, parts, ctx, config, changes, withheld } = input;
  const { at, windows, eventKey, itemKey, ledger } = changes;
  const index = indexOf(config);
  const progress = changes.progressOf(person.id);
  const { candidates, deferred } = candidatesOf(input, progress);
  let payable: LedgerEntry[] = [];
  for (const c of candidates) {
    const gated = applyCap(c.entry, c.cap, progress);
    if ('why' in gated) withheld.push(gated);
    else payable.push(gated);
  }
  let held = false;
  let firstHeld = -1;
  if (hasPositive(payable)) {
    const rate = recordActionAndCheckBurst(at, progress, config);
    if (rate.burst) {
      held = true;
      for (const entry of payable) {
        withheld.push({ entry, why: 'burst', reviewable: true, detail: `Held for your lead to review: ${rate.count} scored actions in one hour, far above your usual ${rate.usual} an hour` });
      }
      firstHeld = withheld.length - payable.length;
      payable = [];
    }
  }
  const paid: LedgerEntry[] = [...payable];
  for (const e of payable) ledger.push(e);

  // Held means held: work waiting for review moves no badge, streak, skill track or mission. What it
  // would move is kept with its first held award, for a release to apply at once.
  const wouldTrigger = triggeredBy(config, item.stream, badgeEffectsOf(effects, deferred, input.confirmed.length));
  const first = withheld[firstHeld];
  if (held && first) withheld[firstHeld] = { ...first, downstream: { day: parts.day, badgeSteps: badgeStepsOf(wouldTrigger.badges, item, ctx) } };
  const counterDeltas: Record<string, number> = {};
  const earned: string[] = [];
  if (!held) advancePlannedBadges(wouldTrigger.families, progress, item, ctx, parts.dayNo, counterDeltas, earned);
  if (!held && hasPositive(payable)) {
    progress.streak = recordActivity(progress.streak, parts.day, person.workDays ?? config.defaultWorkDays);
    for (const badge of index.streakBadges) {
      if (progress.badges[badge.id] !== undefined) continue;
      progress.counters[badge.id] = Math.max(progress.counters[badge.id] ?? 0, progress.streak.current);
      if (progress.streak.current >= badge.threshold) earned.push(badge.id);
    }
  }
  for (const badgeId of earned) {
    const badge = index.badgeById.get(badgeId);
    if (!badge) continue;
    changes.badgesToChange(progress)[badge.id] = at;
    input.badges.push({ personId: person.id, badgeId, at });
    if (badge.bonusPoints > 0) {
      const bonus: LedgerEntry = {
        entryId: flatString(`${eventKey}#badge:${badge.id}#${person.id}`),
        personId: person.id,
        teamId: person.teamId,
        points: badge.bonusPoints,
        ruleId: `badge:${badge.id}`,
        ruleVersion: badge.version,
        eventKey,
        itemKey,
        reason: `Badge earned: ${badge.name}`,
        at,
        windows,
      };
      ledger.push(bonus);
      paid.push(bonus);
    }
  }
  if (effects.includes('resolved')) rememberResolution(item, effects, eventKey, at, { held, paid, counterDeltas, earned }, config);
  return { held, paid, counterDeltas, earned };
}

/** entryId.startsWith(`${eventKey}#`), without building that string: an entry this event wrote. */
function isOwnEntry(entryId: string, eventKey: string): boolean {
  return entryId.length > eventKey.length && entryId.charCodeAt(eventKey.length) === 35 /* # */ && entryId.startsWith(eventKey);
}

/**
 * What the resolution itself earned, kept on the item so that a re-raise in the flap window takes it
 * back (an acknowledgement it confirmed stays earned if the clear is undone). Badges the confirmed
 * acknowledgement earned stay earned too: only what the resolution's own effects triggered is reversible.
 */
function rememberResolution(item: WorkItem, effects: readonly LifecycleEffect[], eventKey: string, at: number, pay: PersonPay, config: EngineConfig): void {
  const byResolution = triggeredBy(config, item.stream, effects);
  const ownAwards: LedgerEntry[] = [];
  for (const e of pay.paid) {
    if (isOwnEntry(e.entryId, eventKey) && (!e.ruleId.startsWith('badge:') || byResolution.ids.has(e.ruleId.slice('badge:'.length)))) ownAwards.push(e);
  }
  if (ownAwards.length === 0) return;
  const ownDeltas: Record<string, number> = {};
  for (const [key, delta] of Object.entries(pay.counterDeltas)) if (byResolution.counterKeys.has(key)) ownDeltas[key] = delta;
  item.lastResolution = { at, awards: ownAwards.map(refOf), counterDeltas: ownDeltas, badges: pay.earned.filter((id) => byResolution.ids.has(id)) };
}
