import { RankIndex, type Window } from '@opsquest/core';
import type { Repositories } from '../../repositories';
import type { Scope } from '../../repositories/leaderboard.repository';
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
 */
export class RankCache {
  private readonly boards = new Map<string, RankIndex>();
  private readonly roles = new Map<string, string | null>();

  constructor(
    private readonly repos: Repositories,
    private readonly capacity = 64,
  ) {}

  board(scope: Scope, window: Window, period: string, cohort: BoardCohort = 'all'): RankIndex {
    const key = `${scope}|${window}|${period}|${cohort}`;
    const cached = this.boards.get(key);
    if (cached) {
      // least recently read first: move this one to the end
      this.boards.delete(key);
      this.boards.set(key, cached);
      return cached;
    }
    const rows =
      scope === 'individual' && cohort !== 'all' ? this.repos.leaderboard.individuals(window, period, cohort) : this.repos.leaderboard.standings(scope, window, period);
    if (scope === 'individual' && cohort !== 'all') for (const r of rows) this.roles.set(r.subjectId, cohort);
    const index = RankIndex.from(rows);
    this.boards.set(key, index);
    while (this.boards.size > this.capacity) {
      const oldest = this.boards.keys().next().value;
      if (oldest === undefined) break;
      this.boards.delete(oldest);
    }
    return index;
  }

  /** A committed batch's aggregate changes, applied to the boards in memory. */
  apply(deltas: Iterable<BoardDelta>): void {
    if (this.boards.size === 0) return;
    for (const d of deltas) {
      this.boards.get(`${d.scope}|${d.window}|${d.period}|all`)?.add(d.subjectId, d.points);
      if (d.scope !== 'individual') continue;
      const role = this.roleOf(d.subjectId);
      if (role !== null) this.boards.get(`individual|${d.window}|${d.period}|${role}`)?.add(d.subjectId, d.points);
    }
  }

  /** Drops every board (they reload on the next read). */
  clear(): void {
    this.boards.clear();
    this.roles.clear();
  }

  private roleOf(personId: string): string | null {
    let role = this.roles.get(personId);
    if (role === undefined) {
      role = this.repos.people.findById(personId)?.role ?? null;
      this.roles.set(personId, role);
    }
    return role;
  }
}
