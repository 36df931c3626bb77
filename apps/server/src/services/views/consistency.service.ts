import { isSideEntry, levelForXp, MemoryStore, type EngineConfig, type LedgerEntry, type StreakState } from '@opsquest/core';
import type { Repositories } from '../ports/repositories';
import type { LedgerRow } from '../ports/ledger-store';
import { toPersonRef } from '../ports/people-store';
import { HISTORY_VIAS } from '../use-cases/ingest.service';
import { configsBySeq } from '../use-cases/rules.service';

export interface ConsistencyReport {
  events: number;
  ledgerEntries: number;
  /** aggregates that differ from the sums recomputed from the ledger */
  leaderboardMismatches: { key: string; stored: number; recomputed: number }[];
  /** people whose XP differs from their ledger total */
  xpMismatches: { personId: string; stored: number; recomputed: number }[];
  /** people whose stored streak (current, best, last active day, freezes) differs from a replay's, or whose level differs from their ledger's */
  streakMismatches: { personId: string; stored: string; recomputed: string }[];
  levelMismatches: { personId: string; stored: number; recomputed: number }[];
  /** ledger entries a replay of the event log does not reproduce exactly (and the reverse) */
  replayMismatches: { entryId: string; problem: string }[];
  ok: boolean;
}

function sameEntry(stored: LedgerRow, replayed: LedgerEntry): boolean {
  return (
    stored.personId === replayed.personId &&
    stored.teamId === replayed.teamId &&
    stored.points === replayed.points &&
    stored.ruleId === replayed.ruleId &&
    stored.ruleVersion === replayed.ruleVersion &&
    stored.eventKey === replayed.eventKey &&
    stored.at === replayed.at &&
    stored.reason === replayed.reason &&
    (stored.reversalOf ?? undefined) === replayed.reversalOf
  );
}

/**
 * Recomputes what is derived from the ledger (leaderboard aggregates, XP, levels) and from the event log
 * (the ledger itself and streaks, by replaying every event through the core under the rule-set version in
 * force at its place in the log) and reports every difference. `config` supplies what rule sets
 * do not hold (time zone, SLA table, co-created badges); it is used as is when no version is stored.
 */
export async function checkConsistency(repos: Repositories, config: EngineConfig): Promise<ConsistencyReport> {
  // One snapshot for the whole check: read a page at a time, it must not see a batch committed halfway through.
  return repos.uow.run(() => checkSnapshot(repos, config), { snapshot: true });
}

async function checkSnapshot(repos: Repositories, config: EngineConfig): Promise<ConsistencyReport> {
  const ledger: LedgerRow[] = [];
  for await (const page of repos.ledger.pages()) for (const row of page) ledger.push(row);
  const recomputedBoards = new Map<string, number>();
  const add = (key: string, points: number): void => {
    recomputedBoards.set(key, (recomputedBoards.get(key) ?? 0) + points);
  };
  for (const row of ledger) {
    const { windows } = row;
    for (const win of ['day', 'week', 'month', 'all'] as const) {
      add(`individual|${win}|${windows[win]}|${row.personId}`, row.points);
      if (row.teamId !== null) add(`team|${win}|${windows[win]}|${row.teamId}`, row.points);
    }
  }
  const leaderboardMismatches: ConsistencyReport['leaderboardMismatches'] = [];
  const storedBoards = new Map((await repos.leaderboard.snapshot()).map((s) => [`${s.scope}|${s.window}|${s.period}|${s.subjectId}`, s.points]));
  for (const key of new Set([...storedBoards.keys(), ...recomputedBoards.keys()])) {
    const stored = storedBoards.get(key) ?? 0;
    const recomputed = recomputedBoards.get(key) ?? 0;
    if (stored !== recomputed) leaderboardMismatches.push({ key, stored, recomputed });
  }

  const totals = await repos.ledger.totalsByPerson();
  const xpMismatches: ConsistencyReport['xpMismatches'] = [];
  const levelMismatches: ConsistencyReport['levelMismatches'] = [];
  for (const person of await repos.people.listActive()) {
    const stored = (await repos.progress.find(person.id))?.xp ?? 0;
    const recomputed = totals.get(person.id) ?? 0;
    if (stored !== recomputed) xpMismatches.push({ personId: person.id, stored, recomputed });
    // A level is a function of XP: the level people are shown must be the one their ledger earns.
    if (levelForXp(stored) !== levelForXp(recomputed)) levelMismatches.push({ personId: person.id, stored: levelForXp(stored), recomputed: levelForXp(recomputed) });
  }

  const people = (await repos.people.listActive()).map(toPersonRef);
  // Each event is replayed under the rule set that was in force at its place in the log.
  const configAt = await configsBySeq(repos, config);
  const store = new MemoryStore(people);
  let events = 0;
  // Released held work moves streaks and badges when it is released: replayed at its place in time.
  const releases = await repos.gates.released();
  let next = 0;
  const releaseUpTo = (until: number, seq: number): void => {
    for (let r = releases[next]; r !== undefined && (r.decidedAt ?? 0) < until; r = releases[++next]) store.release(r.entryId, r.decidedAt ?? 0, configAt(seq));
  };
  let lastSeq = 0;
  for await (const page of repos.events.pages()) {
    for (const stored of page) {
      releaseUpTo(stored.receivedAt, stored.seq);
      store.ingest(stored.event, configAt(stored.seq), { receivedAt: stored.receivedAt, history: HISTORY_VIAS.has(stored.via) });
      lastSeq = stored.seq;
      events += 1;
    }
  }
  releaseUpTo(Number.POSITIVE_INFINITY, lastSeq);
  const replayed = store.ledger;
  const replayMismatches: ConsistencyReport['replayMismatches'] = [];
  const byId = new Map(replayed.map((e) => [e.entryId, e]));
  // Kudos, mission rewards and adjustments are not derived from the event log: nothing to replay.
  for (const row of ledger.filter((r) => !isSideEntry(r))) {
    const again = byId.get(row.entryId);
    if (!again) replayMismatches.push({ entryId: row.entryId, problem: 'not produced by replay' });
    else if (!sameEntry(row, again)) replayMismatches.push({ entryId: row.entryId, problem: 'differs on replay' });
    byId.delete(row.entryId);
  }
  for (const id of byId.keys()) replayMismatches.push({ entryId: id, problem: 'produced by replay but not in the ledger' });

  // Streaks (and the freezes they bank) come only from scored events (never from kudos, missions or adjustments), so a replay rebuilds them.
  const streakText = (s: StreakState | undefined): string => `${s?.current ?? 0}/${s?.best ?? 0}/${s?.lastActiveDay ?? '-'}/${s?.freezes ?? 0}`;
  const streakMismatches: ConsistencyReport['streakMismatches'] = [];
  for (const person of people) {
    const stored = streakText((await repos.progress.find(person.id))?.streak);
    const recomputed = streakText(store.progress.get(person.id)?.streak);
    if (stored !== recomputed) streakMismatches.push({ personId: person.id, stored, recomputed });
  }

  return {
    events,
    ledgerEntries: ledger.length,
    leaderboardMismatches,
    xpMismatches,
    levelMismatches,
    streakMismatches,
    replayMismatches,
    ok: leaderboardMismatches.length === 0 && xpMismatches.length === 0 && levelMismatches.length === 0 && streakMismatches.length === 0 && replayMismatches.length === 0,
  };
}
