import { STREAMS, type Stream } from './event';
import type { LedgerEntry } from './ledger';
import { levelForXp } from './levels';
import type { PersonProgress } from './progress';
import { trackCounterKey } from './skill-tracks';

export interface LevelUp {
  personId: string;
  from: number;
  to: number;
}

/** The counter key of each stream's skill track, by the stream prefix of an item key. */
const TRACK_KEYS = new Map<string, string>(STREAMS.map((s: Stream) => [s, trackCounterKey(s)]));

/** Hands out the progress an event may change (see EventChanges). */
export interface ProgressSource {
  progressOf(personId: string): PersonProgress;
}

/**
 * XP, levels and skill tracks follow the ledger, reversals included: each entry moves its person's XP
 * and the skill track of its stream. Returns the level-ups; `source` hands out the progress to change.
 */
export function applyLedgerToProgress(ledger: readonly LedgerEntry[], source: ProgressSource): LevelUp[] {
  const levelUps: LevelUp[] = [];
  if (ledger.length === 0) return levelUps;
  const xpDelta = new Map<string, number>();
  for (const entry of ledger) {
    xpDelta.set(entry.personId, (xpDelta.get(entry.personId) ?? 0) + entry.points);
    const key = TRACK_KEYS.get(entry.itemKey.slice(0, entry.itemKey.indexOf(':')));
    if (key !== undefined) {
      const counters = source.progressOf(entry.personId).counters;
      counters[key] = (counters[key] ?? 0) + entry.points;
    }
  }
  for (const [personId, delta] of xpDelta) {
    const progress = source.progressOf(personId);
    const from = levelForXp(progress.xp);
    progress.xp += delta;
    const to = levelForXp(progress.xp);
    if (to > from) levelUps.push({ personId, from, to });
  }
  return levelUps;
}
