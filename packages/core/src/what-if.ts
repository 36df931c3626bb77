import type { EngineConfig } from './config';
import type { OpsEvent } from './event';
import type { LedgerEntry, PersonRef } from './ledger';
import { MemoryStore } from './replay';

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

/**
 * One configuration's side of a what-if: its points per person, team and rule, without the ledger.
 * Every sum is added up in ledger order, so it is exactly what summing `replay(...).ledger` gives.
 * Plain data (maps of numbers and strings): it can cross a worker boundary by structured clone.
 */
export interface WhatIfSums {
  /** events replayed */
  events: number;
  perPerson: Map<string, number>;
  perTeam: Map<string, number>;
  perRule: Map<string, number>;
  total: number;
  /** each person's team as their first ledger entry names it */
  teamOf: Map<string, string | null>;
}

export function emptyWhatIfSums(): WhatIfSums {
  return { events: 0, perPerson: new Map(), perTeam: new Map(), perRule: new Map(), total: 0, teamOf: new Map() };
}

function add(sums: Map<string, number>, key: string | null, points: number): void {
  if (key === null) return;
  sums.set(key, (sums.get(key) ?? 0) + points);
}

/** Adds ledger entries (in ledger order) to the sums. */
export function addToWhatIfSums(sums: WhatIfSums, entries: readonly LedgerEntry[]): void {
  for (const e of entries) {
    add(sums.perPerson, e.personId, e.points);
    add(sums.perTeam, e.teamId, e.points);
    add(sums.perRule, e.ruleId, e.points);
    sums.total += e.points;
    if (!sums.teamOf.has(e.personId)) sums.teamOf.set(e.personId, e.teamId);
  }
}

/**
 * A replay under `config` that keeps only its sums, fed events in order a run at a time (`add`): for
 * a log read a page at a time, synchronously or not. The same steps as `replay` (a fresh store,
 * `ingest` per event); the engine never reads the store's ledger back, so emptying it after every
 * event changes nothing else, and a long replay never holds it.
 */
export class WhatIfReplay {
  readonly sums = emptyWhatIfSums();
  private readonly store: MemoryStore;

  constructor(
    people: readonly PersonRef[],
    private readonly config: EngineConfig,
  ) {
    this.store = new MemoryStore(people);
  }

  /** Replays the next events of the log, in order. */
  add(events: Iterable<OpsEvent>): this {
    const { sums, store, config } = this;
    const { ledger } = store;
    for (const event of events) {
      sums.events += 1;
      store.ingest(event, config);
      if (ledger.length > 0) {
        addToWhatIfSums(sums, ledger);
        ledger.length = 0;
      }
    }
    return this;
  }
}

/**
 * Replays `events` (in order) under `config` as `replay` does, and returns only the sums. The events
 * may be a lazy iterable (read a page at a time); they are walked once.
 */
export function whatIfSums(events: Iterable<OpsEvent>, people: readonly PersonRef[], config: EngineConfig): WhatIfSums {
  return new WhatIfReplay(people, config).add(events).sums;
}

/** Rank by points, highest first; equal points share a rank (1, 2, 2, 4). */
function ranks(points: ReadonlyMap<string, number>): Map<string, number> {
  const values = [...points.values()].sort((a, b) => b - a);
  // The first position of each value in the sorted list (what `findIndex(v => v === p)` finds):
  // NaN equals nothing there, so it keeps rank 0.
  const first = new Map<number, number>();
  values.forEach((v, i) => {
    if (!Number.isNaN(v) && !first.has(v)) first.set(v, i);
  });
  const out = new Map<string, number>();
  for (const [id, p] of points) out.set(id, (first.get(p) ?? -1) + 1);
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
  const before = whatIfSums(events, people, current);
  const after = whatIfSums(events, people, draft);
  return compareWhatIf(people, before, after);
}

/**
 * The what-if result from the two sides' sums (each replayed over the same events, possibly in
 * different threads): exactly what `whatIf` returns for them.
 */
export function compareWhatIf(people: readonly PersonRef[], before: WhatIfSums, after: WhatIfSums): WhatIfResult {
  const personIds = people.map((p) => p.id);
  const perPerson = compare(before.perPerson, after.perPerson, personIds);
  const rankBefore = ranks(new Map(perPerson.map((p) => [p.id, p.current])));
  const rankAfter = ranks(new Map(perPerson.map((p) => [p.id, p.draft])));
  // A person's team from the people list, else from their first entry under the rules in force, else under the draft.
  const teamOf = new Map<string, string | null>(people.map((p) => [p.id, p.teamId]));
  for (const side of [before, after]) for (const [personId, teamId] of side.teamOf) if (!teamOf.has(personId)) teamOf.set(personId, teamId);

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
  const teams = compare(before.perTeam, after.perTeam, teamIds).sort((a, b) => b.draft - a.draft || byId(a, b));
  const rules = compare(before.perRule, after.perRule, []).sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || byId(a, b));

  return {
    events: before.events,
    people: peopleOut,
    teams,
    rules,
    total: { current: before.total, draft: after.total, difference: after.total - before.total },
  };
}
