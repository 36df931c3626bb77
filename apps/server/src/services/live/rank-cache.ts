import { RankIndex, type Window } from '@opsquest/core';
import type { Repositories } from '../ports/repositories';
import type { Scope } from '../ports/leaderboard-store';
import type { BoardDelta } from './live.types';

/** 'all', or one role's league of individual boards. */
export type BoardCohort = 'all' | string;

/**
 * In-memory rank indexes of the boards people read (today, this week, this month, all time, per
 * scope and league), so top-N, my rank and "around me" cost microseconds at 100,000 people instead
 * of an index scan that counts everyone above me. A board is loaded from the SQL aggregates on first
 * read (one range read) and then kept current by applying each committed batch's aggregate changes,
 * after the commit, so it never shows what a rolled-back transaction wrote. The least recently read
 * boards are dropped beyond `capacity`; the SQL aggregates stay the source of truth.
 *
 * Reads of a board in memory never wait for the store. A load is asynchronous, so a batch can commit
 * around it: a load during which a batch was applied is served to its reader but not kept, and a batch
 * applied right after a load (in the same turn of the event loop, when its commit may already be in
 * what the load read) drops that board instead of adding to it. Either way the next read reloads it.
 */
export class RankCache {
  private readonly boards = new Map<string, RankIndex>();
  /** loads under way, shared by every reader of the same board */
  private readonly loading = new Map<string, Promise<RankIndex>>();
  /** boards kept in this turn of the event loop: a batch applied now may already be in them */
  private readonly settling = new Map<string, RankIndex>();
  private readonly roles = new Map<string, string | null>();
  /** changes with every applied batch and every clear(): a load that saw it change is not kept */
  private generation = 0;
  /** batches being applied (looking up roles): a load that ends meanwhile is not kept */
  private applying = 0;

  constructor(
    private readonly repos: Repositories,
    private readonly capacity = 64,
  ) {}

  /** The board's rank index if it is in memory (never reads the store). */
  cached(scope: Scope, window: Window, period: string, cohort: BoardCohort = 'all'): RankIndex | undefined {
    const key = keyOf(scope, window, period, cohort);
    const cached = this.boards.get(key);
    if (cached) {
      // least recently read first: move this one to the end
      this.boards.delete(key);
      this.boards.set(key, cached);
    }
    return cached;
  }

  /** The board's rank index: from memory, or loaded from the aggregates on first read. */
  async board(scope: Scope, window: Window, period: string, cohort: BoardCohort = 'all'): Promise<RankIndex> {
    const cached = this.cached(scope, window, period, cohort);
    if (cached) return cached;
    const key = keyOf(scope, window, period, cohort);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const load = this.load(key, scope, window, period, cohort).finally(() => {
      if (this.loading.get(key) === load) this.loading.delete(key);
    });
    this.loading.set(key, load);
    return load;
  }

  private async load(key: string, scope: Scope, window: Window, period: string, cohort: BoardCohort): Promise<RankIndex> {
    const generation = this.generation;
    const rows =
      scope === 'individual' && cohort !== 'all' ? await this.repos.leaderboard.individuals(window, period, cohort) : await this.repos.leaderboard.standings(scope, window, period);
    if (scope === 'individual' && cohort !== 'all') for (const r of rows) this.roles.set(r.subjectId, cohort);
    const index = RankIndex.from(rows);
    if (generation === this.generation && this.applying === 0) this.keep(key, index);
    return index;
  }

  private keep(key: string, index: RankIndex): void {
    this.boards.set(key, index);
    this.settling.set(key, index);
    setImmediate(() => {
      if (this.settling.get(key) === index) this.settling.delete(key);
    }).unref();
    while (this.boards.size > this.capacity) {
      const oldest = this.boards.keys().next().value;
      if (oldest === undefined) break;
      this.boards.delete(oldest);
      this.settling.delete(oldest);
    }
  }

  /** A committed batch's aggregate changes, applied to the boards in memory. */
  async apply(deltas: Iterable<BoardDelta>): Promise<void> {
    if (this.boards.size === 0 && this.loading.size === 0) return;
    const list = [...deltas];
    this.applying += 1;
    try {
      // the roles of people not seen yet, before any board changes (all of them change at once)
      for (const d of list) {
        if (d.scope !== 'individual' || this.roles.has(d.subjectId)) continue;
        this.roles.set(d.subjectId, (await this.repos.people.findById(d.subjectId))?.role ?? null);
      }
    } finally {
      this.applying -= 1;
    }
    this.generation += 1;
    for (const d of list) {
      this.add(`${d.scope}|${d.window}|${d.period}|all`, d.subjectId, d.points);
      if (d.scope !== 'individual') continue;
      const role = this.roles.get(d.subjectId) ?? null;
      if (role !== null) this.add(`individual|${d.window}|${d.period}|${role}`, d.subjectId, d.points);
    }
  }

  private add(key: string, subjectId: string, points: number): void {
    if (this.settling.has(key)) {
      this.settling.delete(key);
      this.boards.delete(key);
      return;
    }
    this.boards.get(key)?.add(subjectId, points);
  }

  /**
   * Another node committed changes to these boards: they are dropped (every league of each) and
   * reload from the aggregates on their next read; a load under way is not kept.
   */
  forget(boards: readonly { scope: Scope; window: Window; period: string }[]): void {
    this.generation += 1;
    const prefixes = new Set(boards.map((b) => `${b.scope}|${b.window}|${b.period}|`));
    for (const key of [...this.boards.keys()]) {
      if (!prefixes.has(key.slice(0, key.lastIndexOf('|') + 1))) continue;
      this.boards.delete(key);
      this.settling.delete(key);
    }
  }

  /** Drops every board (they reload on the next read). */
  clear(): void {
    this.generation += 1;
    this.boards.clear();
    this.loading.clear();
    this.settling.clear();
    this.roles.clear();
  }
}

function keyOf(scope: Scope, window: Window, period: string, cohort: BoardCohort): string {
  return `${scope}|${window}|${period}|${cohort}`;
}
