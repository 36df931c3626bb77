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

/**
 * XP, levels and skill tracks follow the ledger, reversals included: each entry moves its person's XP
 * and the skill track of its stream. Returns the level-ups; `progressOf` hands out the progress to change.
 */
export function applyLedgerToProgress(ledger: readonly LedgerEntry[], progressOf: (personId: string) => PersonProgress): LevelUp[] {
  const levelUps: LevelUp[] = [];
  const xpDelta = new Map<string, number>();
  for (const entry of ledger) {
    xpDelta.set(entry.personId, (xpDelta.get(entry.personId) ?? 0) + entry.points);
    const stream = entry.itemKey.slice(0, entry.itemKey.indexOf(':')) as Stream;
    if ((STREAMS as readonly string[]).includes(stream)) {
      const counters = progressOf(entry.personId).counters;
      const key = trackCounterKey(stream);
      counters[key] = (counters[key] ?? 0) + entry.points;
    }
  }
  for (const [personId, delta] of xpDelta) {
    const progress = progressOf(personId);
    const from = levelForXp(progress.xp);
    progress.xp += delta;
    const to = levelForXp(progress.xp);
    if (to > from) levelUps.push({ personId, from, to });
  }
  return levelUps;
}
