import { counterKeyOf, type BadgeDefinition } from './badges';
import { advanceBadges, badgeStepsOf } from './badge-progress';
import type { ConditionContext } from './conditions';
import type { EngineConfig } from './config';
import { indexOf } from './config-index';
import { dedupKeyOf, itemKeyOf, type OpsEvent } from './event';
import { FOLLOW_UP_WORDS, isRealFollowUp } from './gates/follow-up';
import { applyInTimeOrder, followUpInTimeOrder, withEngineFields, type ItemEventRecord } from './gates/in-time-order';
import { effectiveTime, PARKED_REASON, PARKED_TRANSITIONS, type EventContext } from './gates/source-time';
import { applyCap, recordActionAndCheckBurst, type WithheldAward } from './gates/pay-gates';
import {
  describeSiteKey,
  EMPTY_SITE_HISTORY,
  fixesUndoneBy,
  laterVisitFor,
  siteKeysOf,
  withFix,
  withOpen,
  withoutFixes,
  type SiteHistory,
} from './gates/repeat-visit';
import { emptyReversible, reverseAward, type ReversalContext, type ReversibleAward, type RevokedBadge } from './gates/reversal';
import type { LedgerEntry, PersonRef } from './ledger';
import { minutesText } from './duration-text';
import { applyLedgerToProgress, type LevelUp } from './ledger-progress';
import { LIFECYCLES, type LifecycleEffect } from './lifecycles';
import { cloneProgress, emptyProgress, type PersonProgress } from './progress';
import type { RuleCap } from './rules';
import { describeScore, scoreTransition } from './scoring';
import { recordActivity } from './streaks';
import { dayNumber, localParts, windowKeysFromParts, type WindowKeys } from './time-windows';
import type { AwardRef, PendingAward, WorkItem } from './work-item';

/** Read access the engine needs. The server backs it with SQLite, replay with Maps. */
export interface EngineStore {
  getItem(itemKey: string): WorkItem | undefined;
  getPerson(username: string): PersonRef | undefined;
  getProgress(personId: string): PersonProgress | undefined;
  /** visits and first-time fixes at a site or customer (`site:<id>` / `customer:<id>`) */
  getSiteHistory(key: string): SiteHistory | undefined;
  /** the item's applied events, in the order they were applied (read only when an event arrives late) */
  getItemEvents(itemKey: string): readonly ItemEventRecord[];
}

export interface BadgeAward {
  personId: string;
  badgeId: string;
  at: number;
}

export type { LevelUp } from './ledger-progress';

export interface EngineOutput {
  eventKey: string;
  itemKey: string;
  at: number;
  windows: WindowKeys;
  applied: boolean;
  /** why an event was not applied (an impossible transition, say); it is still kept in the log */
  reason?: string;
  effects: LifecycleEffect[];
  previous?: WorkItem;
  item?: WorkItem;
  ledger: LedgerEntry[];
  /** awards kept out of the ledger: over a cap, or a burst held for the lead */
  withheld: WithheldAward[];
  /** progress of every person whose progress changed */
  progress: PersonProgress[];
  badges: BadgeAward[];
  /** badges taken back with the work that earned them */
  revokedBadges: RevokedBadge[];
  levelUps: LevelUp[];
  /** site and customer histories this event changed */
  siteHistory: { key: string; history: SiteHistory }[];
  /** a person's finishing event for an item whose start was never seen: kept, applied when the start arrives */
  parked?: boolean;
  /** the actor named no known person: nobody is paid and nobody becomes the assignee */
  unknownActor?: string;
  /** why the event paid nothing although it was applied (older than the pay horizon) */
  unpaid?: string;
  /** the person's awards for this event were held for review: nothing downstream moved either */
  held?: boolean;
}

/** Which person a transition's points go to: the actor, or for field and order work the assignee. */
function recipientOf(event: OpsEvent, item: WorkItem, store: EngineStore): PersonRef | undefined {
  const username = event.actor ?? (event.stream === 'alarm' ? undefined : item.assignee);
  return username === undefined ? undefined : store.getPerson(username);
}

function withoutActor(event: OpsEvent): OpsEvent {
  const copy = { ...event };
  delete copy.actor;
  return copy;
}

function refOf(entry: LedgerEntry): AwardRef {
  return { entryId: entry.entryId, personId: entry.personId, teamId: entry.teamId, points: entry.points, ruleId: entry.ruleId, ruleVersion: entry.ruleVersion };
}


/**
 * Applies one event: the work item's lifecycle, scoring rules, the quality gates (flap-window
 * clawback, follow-up for acknowledgements, repeat visits, caps, bursts), badges, streaks,
 * skill tracks and levels. Pure: reads through `store`, returns everything that changed, writes nothing.
 */
export function processEvent(event: OpsEvent, store: EngineStore, config: EngineConfig, knownEventKey?: string, context?: EventContext): EngineOutput {
  const at = effectiveTime(event, context);
  const parts = localParts(at, config.timeZone);
  const windows = windowKeysFromParts(parts);
  const eventKey = knownEventKey ?? dedupKeyOf(event);
  const index = indexOf(config);
  const itemKey = itemKeyOf(event);
  const base: EngineOutput = {
    eventKey,
    itemKey,
    at,
    windows,
    applied: false,
    effects: [],
    ledger: [],
    withheld: [],
    progress: [],
    badges: [],
    revokedBadges: [],
    levelUps: [],
    siteHistory: [],
  };

  const previous = store.getItem(itemKey);
  if (!previous && event.actor !== undefined && PARKED_TRANSITIONS[event.stream].has(event.transition)) {
    return { ...base, reason: PARKED_REASON, parked: true };
  }
  // An actor who is nobody we know is treated as automation: no points, never the assignee.
  const unknownActor = event.actor !== undefined && store.getPerson(event.actor) === undefined ? event.actor : undefined;
  const acted: OpsEvent = unknownActor === undefined ? event : withoutActor(event);
  const known = (e: OpsEvent): OpsEvent => (e.actor !== undefined && store.getPerson(e.actor) === undefined ? withoutActor(e) : e);
  // A mid-life event older than the item's latest change is applied where it belongs in time.
  const inOrder = previous && applyInTimeOrder(previous, acted, at, () => store.getItemEvents(itemKey), known, config.slaTable);
  if (inOrder && !inOrder.ok) return { ...base, reason: inOrder.reason, ...(previous ? { previous } : {}) };
  // Work reported long after it happened pays nothing (outside a history import): it cannot be checked any more.
  const unpaid =
    context?.receivedAt !== undefined && !context.history && context.receivedAt - Date.parse(event.occurredAt) > config.payHorizonMs
      ? `received ${minutesText(context.receivedAt - Date.parse(event.occurredAt))} after it happened: older than the pay horizon, so it pays nothing`
      : undefined;
  const result = inOrder && previous ? { ok: true as const, item: withEngineFields(inOrder.scored, previous), effects: inOrder.effects } : LIFECYCLES[event.stream](previous, acted, { at, slaTable: config.slaTable });
  if (!result.ok) return { ...base, reason: result.reason, ...(previous ? { previous } : {}) };

  let item: WorkItem = { ...result.item, lastEventAt: Math.max(result.item.lastEventAt, at), eventCount: (previous?.eventCount ?? 0) + 1 };
  const effects = result.effects;
  const ledger: LedgerEntry[] = [];
  const withheld: WithheldAward[] = [];
  const revoked: RevokedBadge[] = [];
  const touched = new Map<string, PersonProgress>();
  const progressOf = (personId: string): PersonProgress => {
    let p = touched.get(personId);
    if (!p) {
      const stored = store.getProgress(personId);
      p = stored ? cloneProgress(stored) : emptyProgress(personId);
      touched.set(personId, p);
    }
    return p;
  };
  const sites = new Map<string, SiteHistory>();
  const siteOf = (key: string): SiteHistory => sites.get(key) ?? store.getSiteHistory(key) ?? EMPTY_SITE_HISTORY;
  const reversal: ReversalContext = { eventKey, itemKey, at, windows, progressOf, ledger, revoked };

  // Undone work gives its points back: a re-raise inside the flap window reverses the clear's
  // awards, and the badge counters and badges it moved.
  if (effects.includes('reopened') && previous?.lastResolution) {
    const last = previous.lastResolution;
    const sinceMs = at - last.at;
    if (sinceMs / 60_000 <= config.flapWindowMinutes) {
      const byPerson = new Map<string, ReversibleAward>();
      for (const award of last.awards) {
        const r = byPerson.get(award.personId) ?? emptyReversible(award.personId);
        r.awards.push(award);
        byPerson.set(award.personId, r);
      }
      const clearer = last.awards.find((a) => !a.ruleId.startsWith('badge:'))?.personId ?? last.awards[0]?.personId;
      if (clearer !== undefined) {
        const r = byPerson.get(clearer) ?? emptyReversible(clearer);
        byPerson.set(clearer, { ...r, counterDeltas: last.counterDeltas ?? {}, badges: last.badges ?? [] });
      }
      const reason = `Reversed: ${item.title} was raised again ${minutesText(sinceMs)} after it was cleared (a clear counts once it holds for ${config.flapWindowMinutes} min)`;
      for (const r of byPerson.values()) reverseAward(r, reason, reversal);
    }
    const rest: WorkItem = { ...item };
    delete rest.lastResolution;
    item = rest;
  }

  const person = unpaid === undefined ? recipientOf(acted, item, store) : undefined;

  // Acknowledgements pay once the same person follows up in time; an unacknowledge or a re-raise drops them.
  const confirmed: PendingAward[] = [];
  if (item.pendingAwards?.length) {
    // A late event follows up only acknowledgements older than itself, and drops none of the later ones.
    const windowMs = config.ackFollowUpMinutes * 60_000;
    const before = (p: PendingAward): boolean => !inOrder || p.until - windowMs <= at;
    const mine = person !== undefined && item.pendingAwards.some((p) => p.award.personId === person.id && at <= p.until && before(p));
    const followUp = mine && person !== undefined && isRealFollowUp(acted, previous, item, progressOf(person.id), dayNumber(parts.day));
    const keep: PendingAward[] = [];
    for (const p of item.pendingAwards) {
      if (at > p.until) continue;
      if (followUp && person?.id === p.award.personId && before(p)) confirmed.push(p);
      else if (inOrder || (!effects.includes('unacknowledged') && !effects.includes('reopened'))) keep.push(p);
    }
    const rest: WorkItem = { ...item };
    if (keep.length) rest.pendingAwards = keep;
    else delete rest.pendingAwards;
    item = rest;
  }

  const ctx: ConditionContext = { item, localHour: parts.hour, night: config.night, hasPerson: person !== undefined };
  const badges: BadgeAward[] = [];
  let heldWork = false;
  const paid: LedgerEntry[] = [];
  const counterDeltas: Record<string, number> = {};
  const earned: string[] = [];
  if (person) {
    const progress = progressOf(person.id);
    const capOf = (ruleId: string): RuleCap | undefined => index.ruleById.get(ruleId)?.cap;
    const candidates: { entry: LedgerEntry; cap: RuleCap | undefined }[] = [];
    for (const p of confirmed) {
      const word = FOLLOW_UP_WORDS[event.transition] ?? 'follow-up';
      candidates.push({
        entry: { ...p.award, eventKey, itemKey, at, windows, reason: `${p.reason} (confirmed by your ${word} ${minutesText(at - (p.until - config.ackFollowUpMinutes * 60_000))} later)` },
        cap: capOf(p.award.ruleId),
      });
    }
    const deferred: PendingAward[] = [];
    for (const score of scoreTransition(event.transition, effects, item, at, ctx, config)) {
      const entry: LedgerEntry = {
        entryId: `${eventKey}#${score.rule.id}#${person.id}`,
        personId: person.id,
        teamId: person.teamId,
        points: score.points,
        ruleId: score.rule.id,
        ruleVersion: score.rule.version,
        eventKey,
        itemKey,
        reason: describeScore(score, item),
        at,
        windows,
      };
      const until = at + config.ackFollowUpMinutes * 60_000;
      if (score.rule.deferUntilFollowUp && score.points > 0) {
        // Late: the follow-up may already be among the item's later events; else it may still come.
        const by = inOrder ? followUpInTimeOrder(inOrder.later, person.username, at, until - at, progress, config.timeZone) : undefined;
        if (by) candidates.push({ entry: { ...entry, reason: `${entry.reason} (confirmed by your ${FOLLOW_UP_WORDS[by.event.transition] ?? 'follow-up'} ${minutesText(by.at - at)} later)` }, cap: score.rule.cap });
        else if (!inOrder || (inOrder.final.open && (context?.receivedAt ?? at) <= until)) deferred.push({ award: refOf(entry), reason: entry.reason, until });
      } else candidates.push({ entry, cap: score.rule.cap });
    }
    if (deferred.length) item = { ...item, pendingAwards: [...(item.pendingAwards ?? []), ...deferred] };

    let payable: LedgerEntry[] = [];
    for (const c of candidates) {
      const gated = applyCap(c.entry, c.cap, progress);
      if ('why' in gated) withheld.push(gated);
      else payable.push(gated);
    }
    let held = false;
    let firstHeld = -1;
    if (payable.some((e) => e.points > 0)) {
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
    ledger.push(...payable);
    paid.push(...payable);

    // A deferred acknowledgement earns its badges (First Responder) only when the follow-up
    // confirms it, like its points: the response counts then, at the confirming event.
    const badgeEffects = effects.filter((e) => !(e === 'responded' && deferred.length > 0));
    if (confirmed.length > 0 && !badgeEffects.includes('responded')) badgeEffects.push('responded');
    const triggers = (b: BadgeDefinition, by: readonly LifecycleEffect[]): boolean => b.triggers.some((t) => (t.stream === undefined || t.stream === item.stream) && by.includes(t.effect));
    // Held means held: work waiting for review moves no badge, streak, skill track or mission. What it
    // would move is kept with its first held award, for a release to apply at once.
    const wouldTrigger = config.badges.filter((b) => triggers(b, badgeEffects));
    const triggered = held ? [] : wouldTrigger;
    const first = withheld[firstHeld];
    if (held && first) withheld[firstHeld] = { ...first, downstream: { day: parts.day, badgeSteps: badgeStepsOf(wouldTrigger, item, ctx) } };
    if (held) heldWork = true;
    earned.push(...advanceBadges(triggered, progress, item, ctx, parts.day, counterDeltas));
    if (!held && payable.some((e) => e.points > 0)) {
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
      progress.badges[badge.id] = at;
      badges.push({ personId: person.id, badgeId, at });
      if (badge.bonusPoints > 0) {
        const bonus: LedgerEntry = {
          entryId: `${eventKey}#badge:${badge.id}#${person.id}`,
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
    // What the resolution itself earned (an acknowledgement it confirmed stays earned if the clear is undone).
    // Badges the confirmed acknowledgement earned stay earned too: only what the resolution's own effects triggered is reversible.
    const byResolution = new Set(config.badges.filter((b) => triggers(b, effects)).map((b) => b.id));
    const resolutionCounters = new Set(config.badges.filter((b) => byResolution.has(b.id)).map(counterKeyOf));
    const ownAwards = paid.filter((e) => e.entryId.startsWith(`${eventKey}#`) && (!e.ruleId.startsWith('badge:') || byResolution.has(e.ruleId.slice('badge:'.length))));
    if (effects.includes('resolved') && ownAwards.length > 0) {
      const ownDeltas = Object.fromEntries(Object.entries(counterDeltas).filter(([key]) => resolutionCounters.has(key)));
      item = { ...item, lastResolution: { at, awards: ownAwards.map(refOf), counterDeltas: ownDeltas, badges: earned.filter((id) => byResolution.has(id)) } };
    }
  }

  // Late: what is kept is the whole life in time order, with what the engine keeps beside it.
  if (inOrder) item = withEngineFields(inOrder.final, item);

  // A first-time fix is only first-time if nobody has to go back: a repeat visit to the same site
  // or customer within `repeatVisitDays` takes the bonus back, whichever of the two arrives first.
  if (item.stream === 'truckroll') {
    const keys = siteKeysOf(item);
    if (effects.includes('created')) {
      const undone = new Map<string, { award: ReversibleAward; fixAt: number; key: string }>();
      for (const key of keys) {
        for (const fix of fixesUndoneBy(siteOf(key), at, itemKey, config.repeatVisitDays)) {
          if (!undone.has(fix.itemKey)) undone.set(fix.itemKey, { award: fix.award, fixAt: fix.at, key });
        }
      }
      for (const { award, fixAt, key } of undone.values()) {
        reverseAward(award, `Reversed: first-time-fix bonus, a repeat visit to ${describeSiteKey(key)} was opened ${minutesText(at - fixAt)} after the fix`, reversal);
      }
      const undoneKeys = new Set(undone.keys());
      for (const key of keys) sites.set(key, withOpen(withoutFixes(siteOf(key), undoneKeys), at, itemKey));
    }
    if (effects.includes('resolved') && person) {
      const { ftfBadges, ftfRules, ftfCounters } = index;
      const award: ReversibleAward = {
        personId: person.id,
        itemKey,
        awards: paid.filter((e) => ftfRules.has(e.ruleId) || ftfBadges.has(e.ruleId.slice('badge:'.length))).map(refOf),
        counterDeltas: Object.fromEntries(Object.entries(counterDeltas).filter(([k]) => ftfCounters.has(k))),
        badges: earned.filter((b) => ftfBadges.has(b)),
      };
      if (award.awards.length > 0 || Object.keys(award.counterDeltas).length > 0) {
        const later = keys.map((key) => ({ key, visit: laterVisitFor(siteOf(key), at, itemKey, config.repeatVisitDays) })).find((v) => v.visit !== undefined);
        if (later?.visit) {
          reverseAward(award, `Reversed: first-time-fix bonus, a repeat visit to ${describeSiteKey(later.key)} was opened ${minutesText(later.visit.at - at)} after the fix`, reversal);
        } else {
          for (const key of keys) sites.set(key, withFix(siteOf(key), { at, itemKey, award }));
        }
      }
    }
  }

  // XP, levels and skill tracks follow the ledger, reversals included.
  const levelUps = applyLedgerToProgress(ledger, progressOf);

  return {
    ...base,
    applied: true,
    effects,
    ...(previous ? { previous } : {}),
    item,
    ledger,
    withheld,
    progress: [...touched.values()],
    badges,
    revokedBadges: revoked,
    levelUps,
    siteHistory: [...sites.entries()].map(([key, history]) => ({ key, history })),
    ...(unknownActor !== undefined ? { unknownActor } : {}),
    ...(unpaid !== undefined ? { unpaid } : {}),
    ...(heldWork ? { held: true } : {}),
  };
}
