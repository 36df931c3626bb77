import type { EngineConfig } from './config';
import type { OpsEvent } from './event';
import type { LedgerEntry, PersonRef } from './ledger';
import { replay } from './replay';

/** One person's points under the rules in force and under a draft, with their rank under each. */
export interface WhatIfPerson {
  personId: string;
  teamId: string | null;
  current: number;
  draft: number;
  difference: number;
  /** 1 = most points; people with equal points share a rank */
  rankBefore: number;
  rankAfter: number;
}

export interface WhatIfTotal {
  id: string;
  current: number;
  draft: number;
  difference: number;
}

export interface WhatIfResult {
  /** events replayed (each under both configurations) */
  events: number;
  /** every person, best under the draft first */
  people: WhatIfPerson[];
  /** team totals, best under the draft first */
  teams: WhatIfTotal[];
  /** points per rule (`alarm.clear`, `badge:night-owl`, ...), largest change first */
  rules: WhatIfTotal[];
  total: { current: number; draft: number; difference: number };
}

function sumBy(ledger: readonly LedgerEntry[], keyOf: (e: LedgerEntry) => string | null): Map<string, number> {
  const sums = new Map<string, number>();
  for (const e of ledger) {
    const key = keyOf(e);
    if (key === null) continue;
    sums.set(key, (sums.get(key) ?? 0) + e.points);
  }
  return sums;
}

/** Rank by points, highest first; equal points share a rank (1, 2, 2, 4). */
function ranks(points: ReadonlyMap<string, number>): Map<string, number> {
  const values = [...points.values()].sort((a, b) => b - a);
  const out = new Map<string, number>();
  for (const [id, p] of points) out.set(id, values.findIndex((v) => v === p) + 1);
  return out;
}

function compare(current: ReadonlyMap<string, number>, draft: ReadonlyMap<string, number>, ids: Iterable<string>): WhatIfTotal[] {
  const all = new Set([...ids, ...current.keys(), ...draft.keys()]);
  return [...all].map((id) => {
    const c = current.get(id) ?? 0;
    const d = draft.get(id) ?? 0;
    return { id, current: c, draft: d, difference: d - c };
  });
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * What-if: replays the same events (in log order) under the configuration in force and under a
 * draft, and compares the outcome per person, team and rule. Pure and deterministic: the draft
 * column is exactly what a re-score of these events under the draft writes to the ledger.
 */
export function whatIf(events: readonly OpsEvent[], people: readonly PersonRef[], current: EngineConfig, draft: EngineConfig): WhatIfResult {
  const before = replay(events, people, current).ledger;
  const after = replay(events, people, draft).ledger;

  const personIds = people.map((p) => p.id);
  const personBefore = sumBy(before, (e) => e.personId);
  const personAfter = sumBy(after, (e) => e.personId);
  const perPerson = compare(personBefore, personAfter, personIds);
  const rankBefore = ranks(new Map(perPerson.map((p) => [p.id, p.current])));
  const rankAfter = ranks(new Map(perPerson.map((p) => [p.id, p.draft])));
  const teamOf = new Map<string, string | null>(people.map((p) => [p.id, p.teamId]));
  for (const e of [...before, ...after]) if (!teamOf.has(e.personId)) teamOf.set(e.personId, e.teamId);

  const peopleOut: WhatIfPerson[] = perPerson
    .map((p) => ({
      personId: p.id,
      teamId: teamOf.get(p.id) ?? null,
      current: p.current,
      draft: p.draft,
      difference: p.difference,
      rankBefore: rankBefore.get(p.id) ?? 0,
      rankAfter: rankAfter.get(p.id) ?? 0,
    }))
    .sort((a, b) => a.rankAfter - b.rankAfter || a.rankBefore - b.rankBefore || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));

  const teamIds = [...new Set(people.map((p) => p.teamId).filter((t): t is string => t !== null))];
  const teams = compare(
    sumBy(before, (e) => e.teamId),
    sumBy(after, (e) => e.teamId),
    teamIds,
  ).sort((a, b) => b.draft - a.draft || byId(a, b));
  const rules = compare(
    sumBy(before, (e) => e.ruleId),
    sumBy(after, (e) => e.ruleId),
    [],
  ).sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || byId(a, b));

  const totalCurrent = before.reduce((s, e) => s + e.points, 0);
  const totalDraft = after.reduce((s, e) => s + e.points, 0);
  return {
    events: events.length,
    people: peopleOut,
    teams,
    rules,
    total: { current: totalCurrent, draft: totalDraft, difference: totalDraft - totalCurrent },
  };
}
