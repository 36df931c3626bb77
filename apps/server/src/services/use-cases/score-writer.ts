import { emptyProgress, levelForXp, SIDE_ENTRY_PREFIX, windowKeys, WINDOWS, type EngineConfig, type LedgerEntry, type WindowKeys } from '@opsquest/core';
import type { Repositories } from '../ports/repositories';
import type { BoardDelta, LiveBatch } from '../live/live.types';

/** Points given outside the event-driven engine: kudos, mission rewards, adjustments, released held awards. */
export interface SideAward {
  kind: 'kudos' | 'mission' | 'adjustment' | 'release' | 'backpay';
  /** unique within its kind; the ledger entry id is `side:<kind>:<key>` */
  key: string;
  personId: string;
  points: number;
  ruleId: string;
  ruleVersion: number;
  /** what the person reads in their history */
  reason: string;
  at: number;
  itemKey?: string;
  eventKey?: string;
}

export function emptyLiveBatch(): LiveBatch {
  return { items: new Map(), ledger: [], badges: [], levelUps: [], feed: [], windows: new Set(), boards: new Map(), xp: new Map(), changes: [] };
}

function addDelta(boards: Map<string, BoardDelta>, scope: BoardDelta['scope'], window: BoardDelta['window'], period: string, subjectId: string, points: number): void {
  const key = `${scope}|${window}|${period}|${subjectId}`;
  const delta = boards.get(key);
  if (delta) delta.points += points;
  else boards.set(key, { scope, window, period, subjectId, points });
}

/**
 * Writes points: ledger entries and the leaderboard aggregates they feed, in the caller's
 * transaction. The ingest path writes the engine's entries; side awards also move XP and level.
 */
export class ScoreWriter {
  constructor(
    private readonly repos: Repositories,
    private readonly config: EngineConfig,
  ) {}

  /**
   * Ledger rows, and the day / week / month / all-time aggregate changes for person and team, summed
   * in the batch (`flushBoards` writes them before the commit: one upsert per board row, not per entry).
   */
  async appendEntries(entries: readonly LedgerEntry[], live: LiveBatch): Promise<void> {
    await this.repos.ledger.appendMany(entries);
    this.countEntries(entries, live);
  }

  /** The aggregate changes and live ledger of entries already written (the ingest port writes its own batch's rows). */
  countEntries(entries: readonly LedgerEntry[], live: LiveBatch): void {
    for (const entry of entries) {
      for (const win of WINDOWS) {
        addDelta(live.boards, 'individual', win, entry.windows[win], entry.personId, entry.points);
        if (entry.teamId !== null) addDelta(live.boards, 'team', win, entry.windows[win], entry.teamId, entry.points);
        live.windows.add(win);
      }
      live.ledger.push(entry);
    }
  }

  /** Writes the batch's summed aggregate changes; called once at the end of each transaction. */
  async flushBoards(live: LiveBatch): Promise<void> {
    await this.repos.leaderboard.addPointsMany([...live.boards.values()]);
  }

  windowsAt(at: number): WindowKeys {
    return windowKeys(at, this.config.timeZone);
  }

  /** A side award: ledger, aggregates, XP and a level-up (with its feed line) when it crosses one. */
  async awardSide(award: SideAward, live: LiveBatch): Promise<LedgerEntry> {
    const person = await this.repos.people.findById(award.personId);
    if (!person) throw new Error(`no person ${award.personId}`);
    const entry: LedgerEntry = {
      entryId: `${SIDE_ENTRY_PREFIX}${award.kind}:${award.key}`,
      personId: person.id,
      teamId: person.teamId,
      points: award.points,
      ruleId: award.ruleId,
      ruleVersion: award.ruleVersion,
      eventKey: award.eventKey ?? `${SIDE_ENTRY_PREFIX}${award.kind}:${award.key}`,
      itemKey: award.itemKey ?? '',
      reason: award.reason,
      at: award.at,
      windows: this.windowsAt(award.at),
    };
    await this.appendEntries([entry], live);
    const progress = (await this.repos.progress.find(person.id)) ?? emptyProgress(person.id);
    const from = levelForXp(progress.xp);
    const next = { ...progress, xp: progress.xp + award.points };
    await this.repos.progress.save(next, entry.eventKey);
    live.xp.set(person.id, next.xp);
    const to = levelForXp(next.xp);
    if (to > from) {
      live.levelUps.push({ personId: person.id, from, to });
      live.feed.push(await this.repos.feed.append({ at: award.at, kind: 'levelUp', text: `${person.displayName} reached level ${to}`, personId: person.id, teamId: person.teamId }));
    }
    return entry;
  }
}
