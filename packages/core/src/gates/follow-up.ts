import type { OpsEvent, Transition } from '../event';
import type { PersonProgress } from '../progress';
import type { WorkItem } from '../work-item';

/** Transitions by which a person may follow up on an alarm they acknowledged, and the word the ledger uses. */
export const FOLLOW_UP_WORDS: Partial<Record<Transition, string>> = { cleared: 'clear', updated: 'update', commented: 'comment' };

/** A work note confirms an acknowledgement only when it says something: this many characters, words and distinct words. */
export const SUBSTANTIVE_NOTE = { minChars: 15, minWords: 3, minDistinctWords: 3 } as const;

const NOTE_KEY = 'note:';

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
}

/** FNV-1a of the note's words: the same note typed again (case, spaces, punctuation aside) has the same hash. */
function noteHash(words: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of words.join(' ')) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** Whether a note has substance: enough characters, words and different words ("." or "ok ok ok" has none). */
export function isSubstantiveNote(notes: string | undefined): boolean {
  const text = notes?.trim() ?? '';
  if (text.length < SUBSTANTIVE_NOTE.minChars) return false;
  const words = wordsOf(text);
  return words.length >= SUBSTANTIVE_NOTE.minWords && new Set(words).size >= SUBSTANTIVE_NOTE.minDistinctWords;
}

/**
 * Whether an event is real follow-up work on an acknowledged alarm: a clear; an update that changed
 * what the alarm says (severity, cause, problem, customers); or a work note of substance that the
 * person has not already used today to confirm another acknowledgement. A confirming note is
 * remembered in the person's progress (one counter per note, kept for two days).
 */
export function isRealFollowUp(event: OpsEvent, previous: WorkItem | undefined, item: WorkItem, progress: PersonProgress, day: number): boolean {
  switch (event.transition) {
    case 'cleared':
      return true;
    case 'updated':
      return (
        previous !== undefined &&
        (previous.severity !== item.severity || previous.probableCause !== item.probableCause || previous.customersAffected !== item.customersAffected || previous.title !== item.title)
      );
    case 'commented': {
      const notes = event.attributes?.notes;
      if (!isSubstantiveNote(notes)) return false;
      const key = `${NOTE_KEY}${noteHash(wordsOf(notes ?? ''))}`;
      const counters = progress.counters;
      if (counters[key] !== undefined && counters[key] >= day - 1) return false;
      for (const k of Object.keys(counters)) if (k.startsWith(NOTE_KEY) && (counters[k] ?? 0) < day - 1) delete counters[k];
      counters[key] = day;
      return true;
    }
    default:
      return false;
  }
}
