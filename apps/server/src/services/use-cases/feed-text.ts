import type { BadgeDefinition, EngineOutput, OpsEvent } from '@opsquest/core';
import type { NewFeedLine } from '../ports/ingest-store';
import { workDoneText } from './work-done-text';

/** Whom a feed line names: looked up in what the batch loaded. */
export type NameOf = (personId: string) => { displayName: string; teamId: string | null } | undefined;

/**
 * The feed lines one applied event writes: points earned and reversed per person, badges earned and
 * withdrawn, levels reached. A hidden badge stays a surprise for everyone else: the line says one was found, not which.
 */
export function engineFeedLines(event: OpsEvent, output: EngineOutput, badges: readonly BadgeDefinition[], nameOf: NameOf): NewFeedLine[] {
  const item = output.item;
  if (!item) return [];
  const lines: NewFeedLine[] = [];
  const line = (kind: NewFeedLine['kind'], text: string, personId: string, teamId: string | null, points: number | null, personName: string | null): void => {
    lines.push({ at: output.at, kind, text, personId, personName, teamId, points });
  };
  const byPerson = new Map<string, { earned: number; reversed: number; why: string; teamId: string | null }>();
  for (const e of output.ledger) {
    const acc = byPerson.get(e.personId) ?? { earned: 0, reversed: 0, why: '', teamId: e.teamId };
    if (e.reversalOf) {
      acc.reversed += e.points;
      if (!acc.why) acc.why = e.reason.replace(/^Reversed: /, '');
    } else if (!e.ruleId.startsWith('badge:')) acc.earned += e.points;
    byPerson.set(e.personId, acc);
  }
  for (const [personId, acc] of byPerson) {
    const person = nameOf(personId);
    const name = person?.displayName ?? 'Someone';
    const shown = person?.displayName ?? null;
    if (acc.earned !== 0) {
      // built only for a line that pays: most events in a batch write no feed line
      const context = { effects: output.effects, ...(output.previous ? { previous: output.previous } : {}), ...(event.attributes?.slaTarget ? { slaTarget: event.attributes.slaTarget } : {}) };
      line('points', workDoneText(name, event.transition, item, context), personId, acc.teamId, acc.earned, shown);
    }
    if (acc.reversed !== 0) line('reversal', `${name}'s points were reversed: ${acc.why}`, personId, acc.teamId, acc.reversed, shown);
  }
  for (const b of output.badges) {
    const person = nameOf(b.personId);
    const badge = badges.find((d) => d.id === b.badgeId);
    if (!person || !badge) continue;
    const what = badge.hidden ? 'a hidden badge' : badge.name;
    line('badge', `${person.displayName} earned ${what}`, b.personId, person.teamId, badge.bonusPoints, person.displayName);
  }
  for (const r of output.revokedBadges) {
    const person = nameOf(r.personId);
    const badge = badges.find((d) => d.id === r.badgeId);
    if (!person || !badge) continue;
    const what = badge.hidden ? 'hidden badge' : badge.name;
    line('reversal', `${person.displayName}'s ${what} was withdrawn: the work that earned it did not hold`, r.personId, person.teamId, null, person.displayName);
  }
  for (const l of output.levelUps) {
    const person = nameOf(l.personId);
    if (!person) continue;
    line('levelUp', `${person.displayName} reached level ${l.to}`, l.personId, person.teamId, null, person.displayName);
  }
  return lines;
}
